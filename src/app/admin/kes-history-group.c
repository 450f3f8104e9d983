/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-history-group"

#include "config.h"

#include <glib/gi18n.h>

#include "admin/kes-history-group.h"
#include "admin/kes-history-job.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-permissions.h"

struct _KesHistoryGroup
{
  AdwPreferencesGroup  parent_instance;

  KesStore            *store;
  GCancellable        *cancellable;
  KesProgressRelay    *progress;
  KesVerifyReport     *report;
  GPtrArray           *part_rows;

  GtkWidget           *check_button;
  AdwActionRow        *idle_row;
  AdwActionRow        *progress_row;
  GtkProgressBar      *progress_bar;
  AdwActionRow        *verdict_row;
  GtkImage            *verdict_icon;
  AdwActionRow        *rules_row;
  AdwExpanderRow      *parts_row;
};

G_DEFINE_FINAL_TYPE (KesHistoryGroup, kes_history_group, ADW_TYPE_PREFERENCES_GROUP)

/* ---- Showing what was found ---- */

static void
set_verdict (KesHistoryGroup *self,
             gboolean         ok,
             const char      *title,
             const char      *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verdict_row), title);
  adw_action_row_set_subtitle (self->verdict_row, escaped);
  gtk_image_set_from_icon_name (self->verdict_icon, ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), ok ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), ok ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_row), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->idle_row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
clear_parts (KesHistoryGroup *self)
{
  for (guint i = 0; i < self->part_rows->len; i++)
    adw_expander_row_remove (self->parts_row, g_ptr_array_index (self->part_rows, i));
  g_ptr_array_set_size (self->part_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->parts_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->rules_row), FALSE);
}

static void
add_part_row (KesHistoryGroup *self,
              const char      *title,
              const char      *text,
              gboolean         ok)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (icon, ok ? "success" : "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_expander_row_add_row (self->parts_row, row);
  g_ptr_array_add (self->part_rows, row);
}

static void
show_report (KesHistoryGroup *self)
{
  KesVerifyReport *report = self->report;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%H:%M");
  g_autofree char *verdict = NULL;
  const char * const *notices = kes_verify_report_get_notices (report);
  gboolean intact = kes_verify_report_is_intact (report);

  /* TRANSLATORS: %s is a time of day, "14:05" */
  verdict = intact ? g_strdup_printf (_("History, the access log and every list people work from agree "
                                        "with what Kestrel wrote. Checked at %s."), when)
                   : kes_verify_report_verdict (report);
  clear_parts (self);
  set_verdict (self, intact,
               intact ? _("Intact")
                      : kes_verify_report_has_problems (report) ? _("Changed Outside Kestrel")
                                                                : _("Cannot Be Verified Here"),
               verdict);
  for (guint i = 0; i < KES_VERIFY_N_PARTS; i++)
    {
      g_autofree char *text = kes_verify_report_part_text (report, i);

      if (text != NULL)
        add_part_row (self, kes_verify_part_label (i), text,
                      kes_verify_report_get_problems (report, i) == 0 &&
                      kes_verify_report_get_unverified (report, i) == NULL);
    }
  for (guint i = 0; notices[i] != NULL; i++)
    add_part_row (self, _("Note"), notices[i], TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->parts_row), self->part_rows->len > 0);
  adw_expander_row_set_expanded (self->parts_row, !intact);

  if (kes_verify_report_get_problems (report, KES_VERIFY_GUARDS) > 0)
    {
      g_autofree char *which = g_strdup_printf (_("%s. Until they are back nothing can be saved to records. "
                                                  "Putting them back is logged."),
                                                kes_verify_report_get_first (report, KES_VERIFY_GUARDS));
      g_autofree char *escaped = g_markup_escape_text (which, -1);

      adw_action_row_set_subtitle (self->rules_row, escaped);
      gtk_widget_set_visible (GTK_WIDGET (self->rules_row), TRUE);
    }
}

static void
set_busy (KesHistoryGroup *self,
          gboolean         busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_row), busy);
  if (busy)
    gtk_widget_set_visible (GTK_WIDGET (self->idle_row), FALSE);
  gtk_widget_set_sensitive (self->check_button, !busy);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_row), _("Checking…"));
}

/* ---- Running the check ---- */

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  KesHistoryGroup *self = user_data;
  g_autofree char *title = g_strdup_printf (_("Checking: %s"), kes_verify_part_label (kes_verify_part_at (fraction)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_row), title);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
stop_progress (KesHistoryGroup *self)
{
  if (self->progress != NULL)
    kes_progress_relay_stop (self->progress);
  g_clear_pointer (&self->progress, kes_progress_relay_unref);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KesHistoryGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  KesVerifyReport *report = kes_history_job_check_finish (result, &error);

  g_clear_object (&self->cancellable);
  stop_progress (self);
  set_busy (self, FALSE);
  if (report == NULL)
    {
      clear_parts (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_verdict (self, FALSE, _("Check Stopped"), _("The check was stopped before it finished: nothing was "
                                                        "found, and nothing is known."));
      else
        set_verdict (self, FALSE, _("Check Failed"), error->message);
      return;
    }
  g_clear_pointer (&self->report, kes_verify_report_free);
  self->report = report;
  show_report (self);
}

static void
check_clicked_cb (KesHistoryGroup *self)
{
  kes_history_group_check (self);
}

static void
cancel_clicked_cb (KesHistoryGroup *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
rules_clicked_cb (KesHistoryGroup *self)
{
  kes_history_group_restore_rules (self);
}

/* ---- GObject ---- */

static void
kes_history_group_dispose (GObject *object)
{
  KesHistoryGroup *self = KES_HISTORY_GROUP (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_progress (self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_HISTORY_GROUP);
  G_OBJECT_CLASS (kes_history_group_parent_class)->dispose (object);
}

static void
kes_history_group_finalize (GObject *object)
{
  KesHistoryGroup *self = KES_HISTORY_GROUP (object);

  g_clear_pointer (&self->report, kes_verify_report_free);
  g_clear_pointer (&self->part_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (kes_history_group_parent_class)->finalize (object);
}

static void
kes_history_group_class_init (KesHistoryGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_history_group_dispose;
  object_class->finalize = kes_history_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/admin/kes-history-group.ui");
  gtk_widget_class_bind_template_child (widget_class, KesHistoryGroup, check_button);
  gtk_widget_class_bind_template_child (widget_class, KesHistoryGroup, idle_row);
  gtk_widget_class_bind_template_child (widget_class, KesHistoryGroup, progress_row);
  gtk_widget_class_bind_template_child (widget_class, KesHistoryGroup, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KesHistoryGroup, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, KesHistoryGroup, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, KesHistoryGroup, rules_row);
  gtk_widget_class_bind_template_child (widget_class, KesHistoryGroup, parts_row);
  gtk_widget_class_bind_template_callback (widget_class, check_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, rules_clicked_cb);
}

static void
kes_history_group_init (KesHistoryGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->part_rows = g_ptr_array_new ();
}

/* ---- Public ---- */

GtkWidget *
kes_history_group_new (void)
{
  return g_object_new (KES_TYPE_HISTORY_GROUP, NULL);
}

void
kes_history_group_set_store (KesHistoryGroup *self,
                             KesStore        *store)
{
  g_return_if_fail (KES_IS_HISTORY_GROUP (self));

  g_set_object (&self->store, store);
  kes_history_group_reload (self);
}

void
kes_history_group_reload (KesHistoryGroup *self)
{
  g_return_if_fail (KES_IS_HISTORY_GROUP (self));

  gtk_widget_set_visible (GTK_WIDGET (self),
                          self->store != NULL && kes_store_get_actor (self->store) != NULL &&
                          kes_store_check_permission (self->store, KES_PERMISSION_VIEW_AUDIT, NULL, NULL));
}

void
kes_history_group_check (KesHistoryGroup *self)
{
  g_return_if_fail (KES_IS_HISTORY_GROUP (self));
  g_return_if_fail (self->store != NULL);

  if (self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_row), FALSE);
  clear_parts (self);
  set_busy (self, TRUE);
  self->progress = kes_progress_relay_new (progress_cb, self);
  kes_history_job_check_async (self->store, self->progress, self->cancellable, check_done_cb,
                               g_object_ref (self));
}

gboolean
kes_history_group_get_busy (KesHistoryGroup *self)
{
  g_return_val_if_fail (KES_IS_HISTORY_GROUP (self), FALSE);
  return self->cancellable != NULL;
}

KesVerifyReport *
kes_history_group_get_report (KesHistoryGroup *self)
{
  g_return_val_if_fail (KES_IS_HISTORY_GROUP (self), NULL);
  return self->report;
}

void
kes_history_group_restore_rules (KesHistoryGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (KES_IS_HISTORY_GROUP (self));

  /* A handful of statements: quick, on the window's own connection. */
  if (!kes_store_restore_guards (self->store, &restored, &error))
    {
      set_verdict (self, FALSE, _("The Rules Were Not Put Back"), error->message);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->rules_row), FALSE);
  text = g_strdup_printf (_("Put back: %s. Check again to see what, if anything, was changed while they "
                            "were missing."), restored);
  set_verdict (self, TRUE, _("The Rules Are Back"), text);
}
