/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-inactivity"

#include "config.h"

#include "accounts/kes-inactivity.h"

struct _KesInactivity
{
  GObject  parent_instance;

  guint    timeout_ms;
  gboolean running;
  gint64   last_activity; /* g_get_monotonic_time () */
  guint    source;
};

G_DEFINE_FINAL_TYPE (KesInactivity, kes_inactivity, G_TYPE_OBJECT)

enum {
  IDLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (KesInactivity *self);

static gboolean
check_cb (gpointer user_data)
{
  KesInactivity *self = user_data;
  gint64 idle_ms = (g_get_monotonic_time () - self->last_activity) / 1000;

  self->source = 0;
  if (!self->running || self->timeout_ms == 0)
    return G_SOURCE_REMOVE;
  if (idle_ms >= self->timeout_ms)
    {
      self->running = FALSE;
      g_signal_emit (self, signals[IDLE], 0);
    }
  else
    {
      schedule (self);
    }
  return G_SOURCE_REMOVE;
}

/* One timer, set for when the timeout would run out; activity only moves
 * the mark, and the timer looks again when it fires. */
static void
schedule (KesInactivity *self)
{
  gint64 idle_ms;

  g_clear_handle_id (&self->source, g_source_remove);
  if (!self->running || self->timeout_ms == 0)
    return;
  idle_ms = (g_get_monotonic_time () - self->last_activity) / 1000;
  self->source = g_timeout_add ((guint) MAX (self->timeout_ms - idle_ms, 1), check_cb, self);
  g_source_set_name_by_id (self->source, "[kestrel] inactivity lock");
}

static gboolean
event_cb (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          KesInactivity            *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
      self->last_activity = g_get_monotonic_time ();
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
kes_inactivity_dispose (GObject *object)
{
  KesInactivity *self = KES_INACTIVITY (object);

  g_clear_handle_id (&self->source, g_source_remove);

  G_OBJECT_CLASS (kes_inactivity_parent_class)->dispose (object);
}

static void
kes_inactivity_class_init (KesInactivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kes_inactivity_dispose;

  /**
   * KesInactivity::idle:
   *
   * No activity for the timeout. Counting stops until restarted.
   */
  signals[IDLE] = g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kes_inactivity_init (KesInactivity *self)
{
  self->last_activity = g_get_monotonic_time ();
}

KesInactivity *
kes_inactivity_new (GtkWidget *window)
{
  KesInactivity *self;
  GtkEventController *controller;

  g_return_val_if_fail (GTK_IS_WIDGET (window), NULL);

  self = g_object_new (KES_TYPE_INACTIVITY, NULL);
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (event_cb), self, 0);
  gtk_widget_add_controller (window, controller);
  return self;
}

void
kes_inactivity_set_timeout (KesInactivity *self,
                            guint          milliseconds)
{
  g_return_if_fail (KES_IS_INACTIVITY (self));

  self->timeout_ms = milliseconds;
  schedule (self);
}

guint
kes_inactivity_get_timeout (KesInactivity *self)
{
  g_return_val_if_fail (KES_IS_INACTIVITY (self), 0);

  return self->timeout_ms;
}

void
kes_inactivity_set_running (KesInactivity *self,
                            gboolean       running)
{
  g_return_if_fail (KES_IS_INACTIVITY (self));

  self->running = running;
  self->last_activity = g_get_monotonic_time ();
  schedule (self);
}
