/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "kes-installation-key.h"

G_BEGIN_DECLS

/* Anchors: the access log's head (its last entry's number and hash, and
 * when), signed with the installation's Ed25519 key and kept outside the
 * database, so that truncating the log, deleting from it or rewriting it is
 * found out later even by someone who holds the chain key.
 *
 * An anchor is one line of text:
 *
 *   kestrel-anchor-1 db=ID file=TAG seq=N hash=HEX at=TIME reason=WHY key=KEYID sig=BASE64
 *
 * db is the database's id (its seal's), file a tag of the database file's
 * path (the first 16 hex digits of its SHA-256: no path, no name), reason
 * "backup", "sign-out" or "close". The signature covers everything before
 * " sig=". The same line goes to the anchor file, to the system journal
 * (field KESTREL_ANCHOR, identifier "kestrel") and, at a backup, into the
 * database's chain_anchor table, which the backup carries. A line is found
 * anywhere in a line of text, so `journalctl -t kestrel -o cat` output and
 * copies of the anchor file can be checked as they are. */

typedef struct
{
  char   *database_id;
  char   *file_tag;
  gint64  seq;
  char   *hash;
  char   *at;
  char   *reason;
  char   *key_id;
  char   *signature;
  char   *signed_text; /* what the signature covers */
  char   *line;        /* the whole anchor */
} KesAnchor;

void       kes_anchor_free         (KesAnchor          *anchor);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesAnchor, kes_anchor_free)

/* A signed anchor line for the head @seq/@hash at @at. */
char      *kes_anchor_make         (KesInstallationKey *key,
                                    const char         *database_id,
                                    const char         *file_tag,
                                    gint64              seq,
                                    const char         *hash,
                                    const char         *at,
                                    const char         *reason);
/* The anchor in @text (one line), or NULL when it holds none or a broken one. */
KesAnchor *kes_anchor_parse        (const char         *text);
/* Whether @anchor's signature is @key's (the key its key_id names). */
gboolean   kes_anchor_is_signed_by (KesAnchor          *anchor,
                                    KesInstallationKey *key);
/* The tag anchors give a database file: from its resolved path. */
char      *kes_anchor_file_tag     (const char         *database_path);

/* The anchor file: $KESTREL_ANCHOR_FILE, else
 * $XDG_STATE_HOME/kestrel/anchors (0600, appended to, never rewritten). */
char      *kes_anchor_file_path    (void);
/* Appends @line to the anchor file and syncs it. */
gboolean   kes_anchor_file_append  (const char         *line,
                                    GError            **error);
/* Every anchor in the text file @path (KesAnchor), in file order; lines
 * that are not anchors are skipped. A missing file holds none. */
GPtrArray *kes_anchor_file_read    (const char         *path,
                                    GError            **error);
/* Sends @line to the system journal when there is one (nothing otherwise,
 * and nothing when KESTREL_ANCHOR_JOURNAL is "0", as in the tests). */
void       kes_anchor_send_to_journal (const char      *line);

G_END_DECLS
