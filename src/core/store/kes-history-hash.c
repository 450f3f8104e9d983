/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-history-hash"

#include "config.h"

#include <sodium.h>

#include "kes-history-hash.h"

/* One hash being fed: SHA-256 (GChecksum) or keyed BLAKE2b. */
typedef struct
{
  GChecksum                *sha256;
  crypto_generichash_state  blake2b;
} Hasher;

static void
hasher_update (Hasher       *hasher,
               const guchar *bytes,
               gsize         length)
{
  if (hasher->sha256 != NULL)
    g_checksum_update (hasher->sha256, bytes, length);
  else
    crypto_generichash_update (&hasher->blake2b, bytes, length);
}

/* @value in decimal, ending at @end (exclusive); returns where it starts.
 * By hand rather than printf: it runs a dozen times for every entry,
 * millions of times in a demo generation. */
static char *
format_decimal (guint64  value,
                char    *end)
{
  char *p = end;

  do
    *--p = (char) ('0' + value % 10);
  while ((value /= 10) != 0);
  return p;
}

/* Length-prefixed, so no two different entries serialise alike; "~" is
 * NULL. (On the stack: an import hashes one entry for every revision.) */
static void
add_field (Hasher     *hasher,
           const char *value)
{
  char prefix[24];
  char *start;
  gsize length;

  if (value == NULL)
    {
      hasher_update (hasher, (const guchar *) "~;", 2);
      return;
    }
  length = strlen (value);
  prefix[sizeof prefix - 1] = ':';
  start = format_decimal (length, prefix + sizeof prefix - 1);
  hasher_update (hasher, (const guchar *) start, prefix + sizeof prefix - start);
  hasher_update (hasher, (const guchar *) value, length);
  hasher_update (hasher, (const guchar *) ";", 1);
}

/* A positive number as a field, NULL for 0 (none). */
static void
add_number (Hasher *hasher,
            gint64  value)
{
  char text[24];

  if (value <= 0)
    {
      add_field (hasher, NULL);
      return;
    }
  text[sizeof text - 1] = '\0';
  add_field (hasher, format_decimal ((guint64) value, text + sizeof text - 1));
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* ---- Revisions ---- */

char *
kes_revision_data_hash (const char *data_json)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, data_json, -1);
}

KesRecordState
kes_revision_state_after (KesChangeKind change)
{
  return change == KES_CHANGE_ENTERED_IN_ERROR ? KES_RECORD_ENTERED_IN_ERROR : KES_RECORD_ACTIVE;
}

void
kes_revision_hash (const KesRevisionFields *fields,
                   char                     hash[KES_HASH_HEX_CHARS + 1])
{
  Hasher hasher = { .sha256 = g_checksum_new (G_CHECKSUM_SHA256) };

  add_field (&hasher, "kestrel-revision-2");
  add_field (&hasher, fields->record_id);
  add_field (&hasher, fields->kind);
  add_field (&hasher, empty_to_null (fields->patient_id));
  add_number (&hasher, fields->number);
  add_field (&hasher, fields->author_id);
  add_field (&hasher, fields->at);
  add_field (&hasher, kes_change_kind_to_string (fields->change));
  add_field (&hasher, empty_to_null (fields->reason));
  add_field (&hasher, kes_revision_state_after (fields->change) == KES_RECORD_ENTERED_IN_ERROR
                        ? "entered-in-error" : "active");
  add_field (&hasher, fields->data_sha256);
  g_strlcpy (hash, g_checksum_get_string (hasher.sha256), KES_HASH_HEX_CHARS + 1);
  g_checksum_free (hasher.sha256);
}

/* ---- Entries ---- */

void
kes_audit_entry_hash (const KesAuditFields *fields,
                      KesInstallationKey   *key,
                      char                  hash[KES_HASH_HEX_CHARS + 1])
{
  Hasher hasher = { 0 };
  guint8 digest[KES_INSTALLATION_KEY_HASH_BYTES];

  /* Without a key, byte for byte what the unkeyed chain hashed (schema 3
   * on); with one, the revision's own fields and the key id as well. */
  if (key == NULL)
    hasher.sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  else
    crypto_generichash_init (&hasher.blake2b, kes_installation_key_chain_secret (key),
                             KES_INSTALLATION_KEY_HASH_BYTES, sizeof digest);
  add_field (&hasher, key == NULL ? "kestrel-audit-1" : "kestrel-audit-2");
  add_number (&hasher, fields->seq);
  add_field (&hasher, fields->at);
  add_field (&hasher, fields->actor_id);
  add_field (&hasher, fields->action);
  add_field (&hasher, fields->record_id);
  add_field (&hasher, fields->patient_id);
  add_number (&hasher, fields->revision);
  add_field (&hasher, fields->data_hash);
  if (key != NULL)
    {
      add_field (&hasher, fields->revision_hash);
      add_field (&hasher, fields->revision_author);
      add_field (&hasher, fields->revision_at);
    }
  add_field (&hasher, fields->summary);
  if (key != NULL)
    add_field (&hasher, fields->key_id);
  add_field (&hasher, fields->prev_hash);
  if (key == NULL)
    {
      g_strlcpy (hash, g_checksum_get_string (hasher.sha256), KES_HASH_HEX_CHARS + 1);
      g_checksum_free (hasher.sha256);
      return;
    }
  crypto_generichash_final (&hasher.blake2b, digest, sizeof digest);
  sodium_bin2hex (hash, KES_HASH_HEX_CHARS + 1, digest, sizeof digest);
}

/* ---- The seal ---- */

struct _KesSealDigest
{
  Hasher hasher;
};

KesSealDigest *
kes_seal_digest_new (void)
{
  KesSealDigest *self = g_new0 (KesSealDigest, 1);

  self->hasher.sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  add_field (&self->hasher, "kestrel-seal-1");
  return self;
}

void
kes_seal_digest_add (KesSealDigest *self,
                     const char    *revision_hash)
{
  add_field (&self->hasher, revision_hash);
}

char *
kes_seal_digest_finish (KesSealDigest *self)
{
  char *digest = g_strdup (g_checksum_get_string (self->hasher.sha256));

  g_checksum_free (self->hasher.sha256);
  g_free (self);
  return digest;
}

/* ---- One import of a patient ---- */

struct _KesImportDigest
{
  Hasher hasher;
};

KesImportDigest *
kes_import_digest_new (void)
{
  KesImportDigest *self = g_new0 (KesImportDigest, 1);

  self->hasher.sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  add_field (&self->hasher, "kestrel-import-1");
  return self;
}

void
kes_import_digest_add (KesImportDigest *self,
                       const char      *revision_hash)
{
  add_field (&self->hasher, revision_hash);
}

char *
kes_import_digest_finish (KesImportDigest *self,
                          const char      *patient_id,
                          const char      *source)
{
  char *digest;

  /* "~" (NULL) cannot be a revision hash, so the revisions end here. */
  add_field (&self->hasher, NULL);
  add_field (&self->hasher, patient_id);
  add_field (&self->hasher, source);
  digest = g_strdup (g_checksum_get_string (self->hasher.sha256));
  kes_import_digest_free (self);
  return digest;
}

void
kes_import_digest_free (KesImportDigest *self)
{
  if (self == NULL)
    return;
  g_checksum_free (self->hasher.sha256);
  g_free (self);
}
