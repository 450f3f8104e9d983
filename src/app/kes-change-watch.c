/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-change-watch"

#include "config.h"

#include "kes-change-watch.h"

struct _KesChangeWatch
{
  GtkWidget          *owner;
  KesChangeFilter     filter;
  KesChangeRefresh    refresh;
  GSignalGroup       *context_signals;
  gulong              map_handler;
  guint               idle_id;
  gboolean            stale;
  KesChangeWatchMode  mode;
  gint64              outside_version; /* the file as others left it at the last refresh */
};

static KesStore *
watched_store (KesChangeWatch *self)
{
  g_autoptr(GObject) context = g_signal_group_dup_target (self->context_signals);

  return context != NULL ? kes_context_get_store (KES_CONTEXT (context)) : NULL;
}

static void
note_outside_version (KesChangeWatch *self)
{
  KesStore *store = watched_store (self);

  self->outside_version = store != NULL ? kes_store_get_outside_version (store) : 0;
}

static gboolean
refresh_idle_cb (gpointer data)
{
  KesChangeWatch *self = data;

  self->idle_id = 0;
  if (!self->stale)
    return G_SOURCE_REMOVE;
  self->stale = FALSE;
  note_outside_version (self);
  self->refresh (self->owner);
  return G_SOURCE_REMOVE;
}

/* Once, when idle: a transaction that wrote ten records refreshes once. */
static void
queue_refresh (KesChangeWatch *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add (refresh_idle_cb, self);
}

static void
changed_cb (KesChangeWatch *self,
            const char     *kind,
            const char     *record_id,
            const char     *patient_id)
{
  if (kind != NULL && !self->filter (self->owner, kind, record_id, patient_id))
    return;
  self->stale = TRUE;
  if (self->mode == KES_CHANGE_WATCH_AT_ONCE)
    {
      kes_change_watch_mark_fresh (self);
      self->refresh (self->owner);
    }
  else if (self->mode == KES_CHANGE_WATCH_WHEN_IDLE || gtk_widget_get_mapped (self->owner))
    queue_refresh (self);
}

/* Shown again: stale after a save here, or after another program wrote to
 * the file since the last refresh (which no signal announces). */
static void
owner_mapped_cb (GtkWidget      *owner,
                 KesChangeWatch *self)
{
  KesStore *store = watched_store (self);

  if (!self->stale && store != NULL && kes_store_get_outside_version (store) != self->outside_version)
    self->stale = TRUE;
  if (self->stale)
    queue_refresh (self);
}

KesChangeWatch *
kes_change_watch_new (GtkWidget        *owner,
                      KesChangeFilter   filter,
                      KesChangeRefresh  refresh)
{
  KesChangeWatch *self;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);
  g_return_val_if_fail (filter != NULL && refresh != NULL, NULL);

  self = g_new0 (KesChangeWatch, 1);
  self->owner = owner;
  self->filter = filter;
  self->refresh = refresh;
  self->context_signals = g_signal_group_new (KES_TYPE_CONTEXT);
  g_signal_group_connect_swapped (self->context_signals, "changed", G_CALLBACK (changed_cb), self);
  self->map_handler = g_signal_connect (owner, "map", G_CALLBACK (owner_mapped_cb), self);
  return self;
}

void
kes_change_watch_free (KesChangeWatch *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_signal_handler (&self->map_handler, self->owner);
  g_signal_group_set_target (self->context_signals, NULL);
  g_clear_object (&self->context_signals);
  g_free (self);
}

void
kes_change_watch_set_context (KesChangeWatch *self,
                              KesContext     *context)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (context == NULL || KES_IS_CONTEXT (context));

  g_signal_group_set_target (self->context_signals, context);
  note_outside_version (self);
}

void
kes_change_watch_set_mode (KesChangeWatch     *self,
                           KesChangeWatchMode  mode)
{
  g_return_if_fail (self != NULL);

  self->mode = mode;
}

gboolean
kes_change_watch_is_stale (KesChangeWatch *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->stale;
}

gboolean
kes_change_watch_is_pending (KesChangeWatch *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->idle_id != 0;
}

void
kes_change_watch_mark_fresh (KesChangeWatch *self)
{
  g_return_if_fail (self != NULL);

  self->stale = FALSE;
  g_clear_handle_id (&self->idle_id, g_source_remove);
  note_outside_version (self);
}

gboolean
kes_change_is_kind (const char         *kind,
                    const char * const *kinds)
{
  return kind != NULL && g_strv_contains (kinds, kind);
}
