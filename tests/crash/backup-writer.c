/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The process test-backup-crash kills: backs the database up into FOLDER
 * (plain and encrypted in turn) and restores the newest backup into
 * RESTORES under a new name, over and over, until it is stopped. Before
 * each step it prints "start", after it "done KIND NAME", so the test can
 * aim its SIGKILL at the steps.
 *
 *   backup-writer DATABASE FOLDER RESTORES SEED */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "kes-backup.h"
#include "kes-error.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

static void
say (const char *kind,
     const char *path)
{
  g_autofree char *name = path != NULL ? g_path_get_basename (path) : NULL;

  if (name == NULL)
    printf ("start\n");
  else
    printf ("done %s %s\n", kind, name);
  fflush (stdout);
}

static void
fail (const GError *error)
{
  fprintf (stderr, "backup-writer: %s\n", error->message);
  exit (1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) writer = NULL;
  g_autoptr(GRand) rand = NULL;

  if (argc != 5)
    {
      fprintf (stderr, "usage: %s DATABASE FOLDER RESTORES SEED\n", argv[0]);
      return 2;
    }
  rand = g_rand_new_with_seed ((guint32) strtoul (argv[4], NULL, 10));
  store = kes_store_open (argv[1], &error);
  if (store == NULL)
    fail (error);
  /* Backups and restores are the administrator's: the demo's. */
  writer = kes_test_demo_sign_in (store, KES_ROLE_ADMINISTRATOR);

  for (guint round = 0;; round++)
    {
      g_autofree char *backup = NULL;
      g_autoptr(GPtrArray) backups = NULL;
      gboolean encrypted = g_rand_boolean (rand);

      say (NULL, NULL);
      backup = kes_backup_create (store, argv[2], 0, encrypted ? "copper kettle river" : NULL, &error);
      if (backup == NULL)
        fail (error);
      say ("backup", backup);

      backups = kes_backup_list_folder (argv[2], NULL, &error);
      if (backups == NULL)
        fail (error);
      if (backups->len > 0)
        {
          KesBackupFile *newest = g_ptr_array_index (backups, 0);
          g_autofree char *name = g_strdup_printf ("restored-%ld-%u.db", (long) getpid (), round);
          g_autofree char *target = g_build_filename (argv[3], name, NULL);
          g_autoptr(KesBackupReport) report = NULL;

          say (NULL, NULL);
          report = kes_backup_restore_full (store, newest->path, newest->encrypted ? "copper kettle river" : NULL,
                                            target, NULL, NULL, NULL, &error);
          if (report == NULL)
            fail (error);
          say ("restore", target);
        }
    }
}
