/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "kes-core-test-util.h"
#include "kes-validate.h"

void
kes_core_test_remove_database (const char *dir,
                               const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

GDate *
kes_core_test_date (const char *iso)
{
  GDate *date = kes_date_from_iso (iso);

  g_assert_nonnull (date);
  return date;
}

char *
kes_core_test_date_plus (const char *iso,
                         int         days)
{
  g_autoptr(GDate) date = kes_core_test_date (iso);

  if (days >= 0)
    g_date_add_days (date, (guint) days);
  else
    g_date_subtract_days (date, (guint) -days);
  return kes_date_to_iso (date);
}
