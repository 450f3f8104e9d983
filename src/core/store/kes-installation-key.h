/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The installation key: what makes the access log's chain impossible to
 * recompute, and its anchors impossible to forge, for someone who has the
 * database file but not this computer's key folder.
 *
 * It is two secrets kept together, outside the database: a 32-byte key for
 * the chain's keyed BLAKE2b hashes, and an Ed25519 signing key for anchors.
 * Its id (16 hex digits, derived from both) is what the database and its
 * backups record; the key itself never goes into either.
 *
 * The key folder is $KESTREL_KEY_DIR, else $XDG_CONFIG_HOME/kestrel/keys
 * (0700). The installation's own key is installation.key there (0600),
 * made the first time it is needed. Keys of other installations, copied in
 * by an administrator (a database moved from another computer), are any
 * other *.key file in the folder: they are only read, to verify. */

typedef struct _KesInstallationKey KesInstallationKey;

#define KES_INSTALLATION_KEY_HASH_BYTES 32
#define KES_INSTALLATION_KEY_ID_CHARS   16

/* The key folder (see above). */
char               *kes_installation_key_folder       (void);

/* This installation's key, read from the key folder or, when there is none
 * yet, made there. The same key every time in one process. */
KesInstallationKey *kes_installation_key_get_own      (GError            **error);

/* The key with @id from the key folder (this installation's or one copied
 * from another), or NULL without an error when the folder has none. */
KesInstallationKey *kes_installation_key_find         (const char         *id,
                                                       GError            **error);

KesInstallationKey *kes_installation_key_ref          (KesInstallationKey *self);
void                kes_installation_key_unref        (KesInstallationKey *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesInstallationKey, kes_installation_key_unref)

const char         *kes_installation_key_get_id       (KesInstallationKey *self);

/* The chain key, KES_INSTALLATION_KEY_HASH_BYTES long, for keyed BLAKE2b
 * (crypto_generichash). Never copied out of core. */
const guint8       *kes_installation_key_chain_secret (KesInstallationKey *self);

/* The Ed25519 signature of @message, in base64. */
char               *kes_installation_key_sign         (KesInstallationKey *self,
                                                       const char         *message);
/* Whether @signature (base64) is this key's signature of @message. */
gboolean            kes_installation_key_check        (KesInstallationKey *self,
                                                       const char         *message,
                                                       const char         *signature);

/* Forgets the keys read so far (tests that move between key folders). */
void                kes_installation_key_forget_all   (void);

G_END_DECLS
