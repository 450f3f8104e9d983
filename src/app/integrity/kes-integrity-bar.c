/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-integrity-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "integrity/kes-integrity-bar.h"
#include "kes-error.h"
#include "kes-progress-relay.h"
#include "kes-store.h"

struct _KesIntegrityBar
{
  AdwBin             parent_instance;

  KesIntegrityState  state;
  double             fraction;
  GCancellable      *cancellable;
  KesProgressRelay  *progress;

  GtkRevealer       *revealer;
  GtkWidget         *box;
  GtkSpinner        *spinner;
  GtkWidget         *icon;
  GtkLabel          *title;
  GtkLabel          *detail;
  GtkLabel          *report;
  GtkProgressBar    *progress_bar;
};

G_DEFINE_FINAL_TYPE (KesIntegrityBar, kes_integrity_bar, ADW_TYPE_BIN)

enum {
  CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Showing the state ---- */

/* @report: what the check itself said, shown small beneath, or NULL. */
static void
show (KesIntegrityBar   *self,
      KesIntegrityState  state,
      const char        *title,
      const char        *detail,
      const char        *report)
{
  gboolean checking = state == KES_INTEGRITY_CHECKING;
  g_autofree char *description = NULL;

  self->state = state;
  gtk_label_set_text (self->title, title != NULL ? title : "");
  gtk_label_set_text (self->detail, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail), detail != NULL);
  gtk_label_set_text (self->report, report != NULL ? report : "");
  gtk_widget_set_visible (GTK_WIDGET (self->report), report != NULL);
  gtk_spinner_set_spinning (self->spinner, checking);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), checking);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), checking);
  gtk_widget_set_visible (self->icon, !checking);
  if (state == KES_INTEGRITY_DAMAGED)
    gtk_widget_add_css_class (self->box, "damaged");
  else
    gtk_widget_remove_css_class (self->box, "damaged");
  gtk_revealer_set_reveal_child (self->revealer, state != KES_INTEGRITY_IDLE);

  /* Screen readers hear what changed, not only see it. */
  description = g_strjoin (" ", title != NULL ? title : "", detail != NULL ? detail : "",
                           report != NULL ? report : "", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->box), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  g_strstrip (description), -1);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  KesIntegrityBar *self = user_data;

  if (self->state != KES_INTEGRITY_CHECKING)
    return;
  self->fraction = fraction;
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

/* ---- The check, in a worker ---- */

typedef struct
{
  char             *path;
  KesProgressRelay *progress;
} Check;

static void
check_free (Check *check)
{
  g_free (check->path);
  kes_progress_relay_unref (check->progress);
  g_free (check);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Check *check = task_data;
  GError *error = NULL;

  if (kes_store_check_file (check->path, kes_progress_relay_report, check->progress, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  KesIntegrityBar *self = KES_INTEGRITY_BAR (source);
  g_autoptr(GError) error = NULL;
  gboolean sound = g_task_propagate_boolean (G_TASK (result), &error);

  /* Stopped, or the bar is going (its dispose cancels): nothing to show. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  if (sound)
    show (self, KES_INTEGRITY_IDLE, NULL, NULL, NULL);
  else if (g_error_matches (error, KES_ERROR, KES_ERROR_CORRUPT))
    {
      g_autofree char *found = g_strdup_printf (_("What the check found: %s"), error->message);

      g_message ("The whole-file check found damage; writes are refused from now on");
      show (self, KES_INTEGRITY_DAMAGED, _("The database file is damaged"),
            _("Kestrel has stopped saving changes, so that nothing more is written into a damaged "
              "file. Everything on screen stays as it is: copy what you typed and have not saved. "
              "Then restore the latest verified backup (Administration, then Backups) or ask your "
              "system administrator."),
            found);
    }
  else
    {
      g_message ("The whole-file check could not run: %s", error->message);
      show (self, KES_INTEGRITY_UNCHECKED, _("The database file could not be checked in full"),
            error->message, NULL);
    }
  g_signal_emit (self, signals[CHECKED], 0, sound ? NULL : error);
}

/* ---- GObject ---- */

static void
kes_integrity_bar_dispose (GObject *object)
{
  KesIntegrityBar *self = KES_INTEGRITY_BAR (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->progress != NULL)
    kes_progress_relay_stop (self->progress);
  g_clear_pointer (&self->progress, kes_progress_relay_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_INTEGRITY_BAR);

  G_OBJECT_CLASS (kes_integrity_bar_parent_class)->dispose (object);
}

static void
kes_integrity_bar_class_init (KesIntegrityBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_integrity_bar_dispose;

  /* Emitted when the check ends, with what went wrong (NULL: the file is sound). */
  signals[CHECKED] = g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/integrity/kes-integrity-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, KesIntegrityBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, KesIntegrityBar, box);
  gtk_widget_class_bind_template_child (widget_class, KesIntegrityBar, spinner);
  gtk_widget_class_bind_template_child (widget_class, KesIntegrityBar, icon);
  gtk_widget_class_bind_template_child (widget_class, KesIntegrityBar, title);
  gtk_widget_class_bind_template_child (widget_class, KesIntegrityBar, detail);
  gtk_widget_class_bind_template_child (widget_class, KesIntegrityBar, report);
  gtk_widget_class_bind_template_child (widget_class, KesIntegrityBar, progress_bar);
}

static void
kes_integrity_bar_init (KesIntegrityBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->progress = kes_progress_relay_new (progress_cb, self);
}

/* ---- Public ---- */

GtkWidget *
kes_integrity_bar_new (void)
{
  return g_object_new (KES_TYPE_INTEGRITY_BAR, NULL);
}

void
kes_integrity_bar_check (KesIntegrityBar *self,
                         const char      *path)
{
  g_autoptr(GTask) task = NULL;
  Check *check;

  g_return_if_fail (KES_IS_INTEGRITY_BAR (self));
  g_return_if_fail (path != NULL);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->fraction = 0;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  show (self, KES_INTEGRITY_CHECKING, _("Checking the whole database file for damage"),
        _("This runs in the background; you can sign in and work meanwhile."), NULL);

  task = g_task_new (self, self->cancellable, check_done_cb, NULL);
  g_task_set_source_tag (task, kes_integrity_bar_check);
  check = g_new0 (Check, 1);
  check->path = g_strdup (path);
  check->progress = kes_progress_relay_ref (self->progress);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);
  g_task_run_in_thread (task, check_thread);
}

void
kes_integrity_bar_dismiss (KesIntegrityBar *self)
{
  g_return_if_fail (KES_IS_INTEGRITY_BAR (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  show (self, KES_INTEGRITY_IDLE, NULL, NULL, NULL);
}

KesIntegrityState
kes_integrity_bar_get_state (KesIntegrityBar *self)
{
  g_return_val_if_fail (KES_IS_INTEGRITY_BAR (self), KES_INTEGRITY_IDLE);

  return self->state;
}

double
kes_integrity_bar_get_fraction (KesIntegrityBar *self)
{
  g_return_val_if_fail (KES_IS_INTEGRITY_BAR (self), 0);

  return self->fraction;
}
