/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-progress-relay"

#include "config.h"

#include "kes-progress-relay.h"

struct _KesProgressRelay
{
  GMutex                lock;
  double                latest;
  gboolean              pending;  /* an idle is on its way */
  gboolean              stopped;
  KesProgressRelayFunc  func;
  gpointer              user_data;
};

static void
relay_clear (KesProgressRelay *relay)
{
  g_mutex_clear (&relay->lock);
}

static gboolean
deliver_cb (gpointer data)
{
  KesProgressRelay *relay = data;
  double fraction;
  gboolean stopped;

  g_mutex_lock (&relay->lock);
  fraction = relay->latest;
  relay->pending = FALSE;
  stopped = relay->stopped;
  g_mutex_unlock (&relay->lock);
  if (!stopped)
    relay->func (fraction, relay->user_data);
  return G_SOURCE_REMOVE;
}

KesProgressRelay *
kes_progress_relay_new (KesProgressRelayFunc func,
                        gpointer             user_data)
{
  KesProgressRelay *relay;

  g_return_val_if_fail (func != NULL, NULL);

  relay = g_atomic_rc_box_new0 (KesProgressRelay);
  g_mutex_init (&relay->lock);
  relay->func = func;
  relay->user_data = user_data;
  return relay;
}

KesProgressRelay *
kes_progress_relay_ref (KesProgressRelay *relay)
{
  return g_atomic_rc_box_acquire (relay);
}

void
kes_progress_relay_unref (KesProgressRelay *relay)
{
  g_atomic_rc_box_release_full (relay, (GDestroyNotify) relay_clear);
}

void
kes_progress_relay_report (double   fraction,
                           gpointer data)
{
  KesProgressRelay *relay = data;
  gboolean schedule;

  g_mutex_lock (&relay->lock);
  relay->latest = fraction;
  schedule = !relay->pending && !relay->stopped;
  relay->pending = relay->pending || schedule;
  g_mutex_unlock (&relay->lock);
  /* Above redrawing's priority: a window that keeps drawing (a spinner on a
   * slow display) would otherwise never let an idle-priority figure through. */
  if (schedule)
    g_idle_add_full (G_PRIORITY_DEFAULT, deliver_cb, kes_progress_relay_ref (relay),
                     (GDestroyNotify) kes_progress_relay_unref);
}

void
kes_progress_relay_stop (KesProgressRelay *relay)
{
  g_mutex_lock (&relay->lock);
  relay->stopped = TRUE;
  g_mutex_unlock (&relay->lock);
}
