/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backup and restore of a large database: time and peak memory (VmHWM,
 * reset before each step through /proc/self/clear_refs) above the process's
 * resident size just before it, plain and encrypted; then, with --flips N,
 * N single-bit flips at random offsets of each backup, every one of which
 * restore must refuse. Prints figures; fails only if a flipped backup is
 * restored or a step fails.
 *
 * bench-backup DATABASE [--flips N]   (the database's demo administrator
 * account signs in; the backups go to a temporary folder beside it) */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "kes-accounts.h"
#include "kes-backup.h"
#include "kes-error.h"
#include "kes-store.h"

#define ADMIN      "demo.admin"
#define PASSWORD   "cobalt-wren-valley"
#define PASSPHRASE "copper kettle river"

/* kB from a "Name:   1234 kB" line of /proc/self/status. */
static double
status_mb (const char *field)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], field) && lines[i][strlen (field)] == ':')
      return g_ascii_strtod (lines[i] + strlen (field) + 1, NULL) / 1024.0;
  return -1;
}

/* Resets VmHWM to the present resident size (Linux 4.0 and later). */
static gboolean
reset_peak (void)
{
  int fd = open ("/proc/self/clear_refs", O_WRONLY);
  gboolean ok = fd >= 0 && write (fd, "5", 1) == 1;

  if (fd >= 0)
    close (fd);
  return ok;
}

static double
file_mb (const char *path)
{
  GStatBuf status;

  return g_stat (path, &status) == 0 ? status.st_size / 1048576.0 : -1;
}

typedef struct
{
  double seconds;
  double baseline;
  double peak;
} Figures;

static void
print_step (const char    *what,
            const Figures *figures,
            double         size_mb)
{
  printf ("| %-22s | %8.1f s | %9.1f MB | %9.1f MB | %9.1f MB | %9.1f MB |\n", what, figures->seconds,
          size_mb, figures->baseline, figures->peak, figures->peak - figures->baseline);
  fflush (stdout);
}

static void
start (Figures *figures,
       GTimer  *timer)
{
  if (!reset_peak ())
    g_printerr ("bench-backup: could not reset the peak (/proc/self/clear_refs)\n");
  figures->baseline = status_mb ("VmRSS");
  g_timer_start (timer);
}

static void
stop (Figures *figures,
      GTimer  *timer)
{
  figures->seconds = g_timer_elapsed (timer, NULL);
  figures->peak = status_mb ("VmHWM");
}

static void
fail (const char   *what,
      const GError *error)
{
  g_printerr ("bench-backup: %s: %s\n", what, error->message);
  exit (1);
}

static void
flip_bit (const char *path,
          off_t       offset,
          guint       bit)
{
  int fd = open (path, O_RDWR);
  guint8 byte = 0;

  if (fd < 0 || pread (fd, &byte, 1, offset) != 1)
    g_error ("could not read %s", path);
  byte ^= (guint8) (1u << bit);
  if (pwrite (fd, &byte, 1, offset) != 1)
    g_error ("could not write %s", path);
  close (fd);
}

/* Flips a bit at @count random offsets of @backup, one at a time (flipped
 * back after each try), and tries to restore it each time. */
static guint
refused_flips (KesStore   *store,
               const char *backup,
               const char *passphrase,
               const char *target,
               guint       count,
               GRand      *rand)
{
  GStatBuf status;
  guint refused = 0;

  g_assert (g_stat (backup, &status) == 0);
  for (guint i = 0; i < count; i++)
    {
      off_t offset = (off_t) (g_rand_double (rand) * (double) status.st_size);
      guint bit = (guint) g_rand_int_range (rand, 0, 8);
      g_autoptr(KesBackupReport) report = NULL;
      g_autoptr(GError) error = NULL;

      flip_bit (backup, offset, bit);
      report = kes_backup_restore_full (store, backup, passphrase, target, NULL, NULL, NULL, &error);
      flip_bit (backup, offset, bit);
      if (report != NULL)
        {
          g_printerr ("bench-backup: restored %s with bit %u of byte %lld flipped\n", backup, bit,
                      (long long) offset);
          exit (1);
        }
      refused++;
    }
  return refused;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) admin = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;
  gboolean pending = FALSE;
  guint flips = 0;
  const char *passphrases[] = { NULL, PASSPHRASE };
  char *tmpl;

  if (argc == 4 && g_str_equal (argv[2], "--flips"))
    flips = (guint) atoi (argv[3]);
  else if (argc != 2)
    {
      g_printerr ("usage: %s DATABASE [--flips N]\n", argv[0]);
      return 2;
    }

  /* Opened as the app opens it: what sign-in needs is checked, not every page. */
  store = kes_store_open_check_later (argv[1], &pending, &error);
  if (store == NULL)
    fail ("open", error);
  admin = kes_store_sign_in (store, ADMIN, PASSWORD, &error);
  if (admin == NULL)
    fail ("sign in", error);
  kes_store_set_actor (store, admin);
  tmpl = g_strconcat (argv[1], "-bench-backup-XXXXXX", NULL);
  dir = g_mkdtemp (tmpl);
  folder = g_build_filename (dir, "backups", NULL);

  printf ("database %s: %.1f MB; resident before the first step %.1f MB (heap %.1f MB, file pages "
          "%.1f MB)\n\n", argv[1], file_mb (argv[1]), status_mb ("VmRSS"), status_mb ("RssAnon"),
          status_mb ("RssFile"));
  printf ("| step                   |      time |   file size | resident before |  peak (VmHWM) | peak above before |\n");
  printf ("|---|---|---|---|---|---|\n");

  for (guint i = 0; i < G_N_ELEMENTS (passphrases); i++)
    {
      g_autoptr(KesBackupReport) made = NULL;
      g_autoptr(KesBackupReport) restored = NULL;
      g_autofree char *target = g_strdup_printf ("%s/restored-%u.db", dir, i);
      g_autofree char *flip_target = g_strdup_printf ("%s/flipped-%u.db", dir, i);
      Figures figures = { 0 };

      start (&figures, timer);
      made = kes_backup_create_full (store, folder, 0, passphrases[i], NULL, NULL, NULL, &error);
      stop (&figures, timer);
      if (made == NULL)
        fail ("backup", error);
      print_step (i == 0 ? "backup, plain" : "backup, encrypted", &figures, file_mb (made->path));

      start (&figures, timer);
      restored = kes_backup_restore_full (store, made->path, passphrases[i], target, NULL, NULL, NULL, &error);
      stop (&figures, timer);
      if (restored == NULL)
        fail ("restore", error);
      print_step (i == 0 ? "restore, plain" : "restore, encrypted", &figures, file_mb (target));
      g_unlink (target);

      if (flips > 0)
        printf ("| %u of %u single-bit flips at random offsets refused (%s) | | | | | |\n",
                refused_flips (store, made->path, passphrases[i], flip_target, flips, rand), flips,
                i == 0 ? "plain" : "encrypted");
      g_unlink (made->path);
    }
  g_rmdir (folder);
  g_rmdir (dir);
  return 0;
}
