/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-installation-key"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <unistd.h>

#include "kes-error.h"
#include "kes-installation-key.h"
#include "kes-output-guard.h"

struct _KesInstallationKey
{
  gatomicrefcount ref_count;
  char            id[KES_INSTALLATION_KEY_ID_CHARS + 1];
  guint8          chain[KES_INSTALLATION_KEY_HASH_BYTES];
  guint8          sign_public[crypto_sign_PUBLICKEYBYTES];
  guint8          sign_secret[crypto_sign_SECRETKEYBYTES];
};

#define KEY_GROUP      "Kestrel installation key"
#define KEY_FORMAT     1
#define OWN_KEY_NAME   "installation.key"
#define ID_CONTEXT     "kestrel-key-id-1"

/* Keys read so far, by folder + id, and each folder's own key: read from
 * disk once per process, since every store a worker opens needs one. */
static GMutex      keys_lock;
static GHashTable *keys_by_id;  /* "folder\nid" -> KesInstallationKey */
static GHashTable *own_by_folder; /* folder -> KesInstallationKey */

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_IO,
                           _("The cryptography library could not be started"));
      return FALSE;
    }
  return TRUE;
}

char *
kes_installation_key_folder (void)
{
  const char *env = g_getenv ("KESTREL_KEY_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_config_dir (), "kestrel", "keys", NULL);
}

KesInstallationKey *
kes_installation_key_ref (KesInstallationKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kes_installation_key_unref (KesInstallationKey *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  sodium_memzero (self, sizeof *self);
  g_free (self);
}

const char *
kes_installation_key_get_id (KesInstallationKey *self)
{
  return self->id;
}

const guint8 *
kes_installation_key_chain_secret (KesInstallationKey *self)
{
  return self->chain;
}

/* Both secrets from their 32-byte seeds; the id from both, so that a key
 * file whose chain key was replaced does not pass as the original. */
static KesInstallationKey *
key_from_seeds (const guint8 *chain,
                const guint8 *sign_seed)
{
  KesInstallationKey *self = g_new0 (KesInstallationKey, 1);
  crypto_generichash_state state;
  guint8 digest[KES_INSTALLATION_KEY_ID_CHARS / 2];

  g_atomic_ref_count_init (&self->ref_count);
  memcpy (self->chain, chain, sizeof self->chain);
  crypto_sign_seed_keypair (self->sign_public, self->sign_secret, sign_seed);
  crypto_generichash_init (&state, NULL, 0, sizeof digest);
  crypto_generichash_update (&state, (const guint8 *) ID_CONTEXT, strlen (ID_CONTEXT));
  crypto_generichash_update (&state, self->sign_public, sizeof self->sign_public);
  crypto_generichash_update (&state, self->chain, sizeof self->chain);
  crypto_generichash_final (&state, digest, sizeof digest);
  sodium_bin2hex (self->id, sizeof self->id, digest, sizeof digest);
  return self;
}

static gboolean
decode_secret (GKeyFile    *file,
               const char  *name,
               guint8       out[32],
               GError     **error)
{
  g_autofree char *text = g_key_file_get_string (file, KEY_GROUP, name, error);
  gsize length = 0;

  if (text == NULL)
    return FALSE;
  if (sodium_base642bin (out, 32, text, strlen (text), NULL, &length, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0 || length != 32)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID, _("its %s is not a 32-byte key"), name);
      return FALSE;
    }
  return TRUE;
}

/* A key file as written by write_new_key(); NULL with @error when it is not
 * one (its id must match what its secrets derive). */
static KesInstallationKey *
read_key_file (const char  *path,
               GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *id = NULL;
  guint8 chain[32], seed[32];
  KesInstallationKey *key;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local) ||
      g_key_file_get_integer (file, KEY_GROUP, "format", &local) != KEY_FORMAT ||
      (id = g_key_file_get_string (file, KEY_GROUP, "id", &local)) == NULL ||
      !decode_secret (file, "chain-key", chain, &local) ||
      !decode_secret (file, "signing-seed", seed, &local))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("The installation key %s can’t be read: %s"),
                   path, local != NULL ? local->message : _("it is not a Kestrel key file"));
      sodium_memzero (chain, sizeof chain);
      sodium_memzero (seed, sizeof seed);
      return NULL;
    }
  key = key_from_seeds (chain, seed);
  sodium_memzero (chain, sizeof chain);
  sodium_memzero (seed, sizeof seed);
  if (!g_str_equal (key->id, id))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_IO,
                   _("The installation key %s is damaged: its secrets do not match its id"), path);
      kes_installation_key_unref (key);
      return NULL;
    }
  return key;
}

static char *
key_file_text (KesInstallationKey *key,
               const guint8       *seed)
{
  char chain_b64[sodium_base64_ENCODED_LEN (32, sodium_base64_VARIANT_ORIGINAL)];
  char seed_b64[sodium_base64_ENCODED_LEN (32, sodium_base64_VARIANT_ORIGINAL)];
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *made = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  char *text;

  sodium_bin2base64 (chain_b64, sizeof chain_b64, key->chain, 32, sodium_base64_VARIANT_ORIGINAL);
  sodium_bin2base64 (seed_b64, sizeof seed_b64, seed, 32, sodium_base64_VARIANT_ORIGINAL);
  text = g_strdup_printf ("# Kestrel's installation key: it seals the access log of every database\n"
                          "# this installation opens. Keep it secret, keep it off shared folders, and\n"
                          "# back it up apart from the databases (a backup records only its id).\n"
                          "[" KEY_GROUP "]\nformat=%d\nid=%s\nmade=%s\nchain-key=%s\nsigning-seed=%s\n",
                          KEY_FORMAT, key->id, made, chain_b64, seed_b64);
  sodium_memzero (chain_b64, sizeof chain_b64);
  sodium_memzero (seed_b64, sizeof seed_b64);
  return text;
}

/* Writes a new key to a private temporary file, then links it in as the
 * own key: link() never replaces, so when two processes make a key at the
 * same moment one wins and the other reads the winner's. */
static KesInstallationKey *
write_new_key (const char  *folder,
               const char  *path,
               GError     **error)
{
  g_autofree char *temp = g_build_filename (folder, ".installation-XXXXXX", NULL);
  g_autofree char *text = NULL;
  guint8 chain[32], seed[32];
  KesInstallationKey *key;
  int fd, saved = 0;
  gboolean written;

  randombytes_buf (chain, sizeof chain);
  randombytes_buf (seed, sizeof seed);
  key = key_from_seeds (chain, seed);
  text = key_file_text (key, seed);
  sodium_memzero (chain, sizeof chain);
  sodium_memzero (seed, sizeof seed);

  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  written = fd >= 0 && write (fd, text, strlen (text)) == (ssize_t) strlen (text) && fsync (fd) == 0;
  if (!written)
    saved = errno;
  sodium_memzero (text, strlen (text));
  if (fd >= 0)
    g_close (fd, NULL);
  if (written && link (temp, path) != 0)
    {
      saved = errno;
      written = FALSE;
    }
  if (fd >= 0)
    g_unlink (temp);
  if (written)
    return key;
  kes_installation_key_unref (key);
  if (saved == EEXIST)
    return read_key_file (path, error);
  g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not make the installation key in %s: %s"),
               folder, g_strerror (saved));
  return NULL;
}

static KesInstallationKey *
load_or_make_own (const char  *folder,
                  GError     **error)
{
  g_autofree char *path = g_build_filename (folder, OWN_KEY_NAME, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return read_key_file (path, error);
  if (!kes_output_guard_check (path, error))
    return NULL;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not create the folder %s: %s"),
                   folder, g_strerror (saved));
      return NULL;
    }
  return write_new_key (folder, path, error);
}

static void
remember (const char         *folder,
          KesInstallationKey *key)
{
  if (keys_by_id == NULL)
    keys_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) kes_installation_key_unref);
  g_hash_table_replace (keys_by_id, g_strconcat (folder, "\n", key->id, NULL),
                        kes_installation_key_ref (key));
}

KesInstallationKey *
kes_installation_key_get_own (GError **error)
{
  g_autofree char *folder = kes_installation_key_folder ();
  KesInstallationKey *key;

  if (!ensure_sodium (error))
    return NULL;
  g_mutex_lock (&keys_lock);
  key = own_by_folder != NULL ? g_hash_table_lookup (own_by_folder, folder) : NULL;
  if (key != NULL)
    kes_installation_key_ref (key);
  else if ((key = load_or_make_own (folder, error)) != NULL)
    {
      if (own_by_folder == NULL)
        own_by_folder = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) kes_installation_key_unref);
      g_hash_table_replace (own_by_folder, g_strdup (folder), kes_installation_key_ref (key));
      remember (folder, key);
    }
  g_mutex_unlock (&keys_lock);
  return key;
}

/* Reads every *.key file of @folder into the cache; unreadable ones are
 * skipped with a warning naming the file (never its contents). */
static void
read_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GError) local = NULL;
      KesInstallationKey *key;

      if (!g_str_has_suffix (name, ".key"))
        continue;
      path = g_build_filename (folder, name, NULL);
      key = read_key_file (path, &local);
      if (key == NULL)
        {
          g_warning ("%s", local->message);
          continue;
        }
      remember (folder, key);
      kes_installation_key_unref (key);
    }
}

KesInstallationKey *
kes_installation_key_find (const char  *id,
                           GError     **error)
{
  g_autofree char *folder = kes_installation_key_folder ();
  g_autofree char *lookup = NULL;
  KesInstallationKey *key;

  g_return_val_if_fail (id != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;
  lookup = g_strconcat (folder, "\n", id, NULL);
  g_mutex_lock (&keys_lock);
  key = keys_by_id != NULL ? g_hash_table_lookup (keys_by_id, lookup) : NULL;
  if (key == NULL)
    {
      /* A key copied in since the last look is found on the next. */
      read_folder (folder);
      key = keys_by_id != NULL ? g_hash_table_lookup (keys_by_id, lookup) : NULL;
    }
  if (key != NULL)
    kes_installation_key_ref (key);
  g_mutex_unlock (&keys_lock);
  return key;
}

char *
kes_installation_key_sign (KesInstallationKey *self,
                           const char         *message)
{
  guint8 signature[crypto_sign_BYTES];
  char encoded[sodium_base64_ENCODED_LEN (crypto_sign_BYTES, sodium_base64_VARIANT_ORIGINAL)];

  crypto_sign_detached (signature, NULL, (const guint8 *) message, strlen (message), self->sign_secret);
  sodium_bin2base64 (encoded, sizeof encoded, signature, sizeof signature,
                     sodium_base64_VARIANT_ORIGINAL);
  return g_strdup (encoded);
}

gboolean
kes_installation_key_check (KesInstallationKey *self,
                            const char         *message,
                            const char         *signature)
{
  guint8 decoded[crypto_sign_BYTES];
  gsize length = 0;

  if (signature == NULL ||
      sodium_base642bin (decoded, sizeof decoded, signature, strlen (signature), NULL, &length, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length != sizeof decoded)
    return FALSE;
  return crypto_sign_verify_detached (decoded, (const guint8 *) message, strlen (message),
                                      self->sign_public) == 0;
}

void
kes_installation_key_forget_all (void)
{
  g_mutex_lock (&keys_lock);
  g_clear_pointer (&keys_by_id, g_hash_table_unref);
  g_clear_pointer (&own_by_folder, g_hash_table_unref);
  g_mutex_unlock (&keys_lock);
}
