/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What sign-in waits on, against what it no longer waits on: the time to
 * open a database as the application does (kes_store_open_check_later: the
 * schema, staff and team tables and the access log's last entries), then
 * the whole-file check that follows in a worker (kes_store_check_file), with
 * how far its progress estimate had got when it ended.
 *
 * bench-check DATABASE */
#include "config.h"

#include <stdio.h>

#include "kes-store.h"

typedef struct
{
  guint  reports;
  double last;
  double at_half;  /* seconds when the estimate passed one half */
  GTimer *timer;
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  progress->reports++;
  if (progress->last < 0.5 && fraction >= 0.5)
    progress->at_half = g_timer_elapsed (progress->timer, NULL);
  progress->last = fraction;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  Progress progress = { 0, 0, -1, NULL };
  gboolean pending = FALSE;
  double opened, checked;

  if (argc != 2)
    {
      g_printerr ("usage: %s DATABASE\n", argv[0]);
      return 2;
    }
  store = kes_store_open_check_later (argv[1], &pending, &error);
  opened = g_timer_elapsed (timer, NULL);
  if (store == NULL)
    {
      g_printerr ("bench-check: %s\n", error->message);
      return 1;
    }
  progress.timer = timer;
  g_timer_start (timer);
  if (!kes_store_check_file (argv[1], progress_cb, &progress, NULL, &error))
    {
      g_printerr ("bench-check: %s\n", error->message);
      return 1;
    }
  checked = g_timer_elapsed (timer, NULL);
  printf ("| opened for sign-in (checks before sign-in) | %.3f s |\n", opened);
  printf ("| whole-file check, in the background after | %.1f s (%u progress reports; "
          "the estimate passed 50%% at %.1f s) |\n", checked, progress.reports, progress.at_half);
  return pending ? 0 : 1;
}
