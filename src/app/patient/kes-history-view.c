/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-history-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-records.h"
#include "patient/kes-history-view.h"
#include "patient/kes-record-rows.h"

struct _KesHistoryView
{
  AdwBin      parent_instance;

  KesStore   *store;
  char       *record_id;

  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (KesHistoryView, kes_history_view, ADW_TYPE_BIN)

static GtkWidget *
revision_row_new (KesRevision *revision,
                  KesRevision *previous)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading, *when, *label;
  g_autofree char *title = NULL;
  g_autofree char *at = kes_time_to_display (kes_revision_get_at (revision));
  const char *author = kes_revision_get_author_name (revision);
  const char *reason = kes_revision_get_reason (revision);
  g_auto(GStrv) changes = NULL;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* TRANSLATORS: "Edited by Alex Smith" */
  title = g_strdup_printf (_("%s by %s"), kes_change_kind_label (kes_revision_get_change (revision)),
                           author != NULL && *author != '\0' ? author : _("an unknown user"));
  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  when = gtk_label_new (at);
  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_widget_add_css_class (when, "dim-label");
  gtk_box_append (GTK_BOX (box), when);

  if (reason != NULL && *reason != '\0')
    {
      g_autofree char *text = g_strdup_printf (_("Reason: %s"), reason);

      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }

  changes = kes_revision_describe_changes (revision, previous, kes_patient_key_label);
  for (guint i = 0; changes != NULL && changes[i] != NULL; i++)
    {
      label = gtk_label_new (changes[i]);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "kes-change-line");
      gtk_box_append (GTK_BOX (box), label);
    }

  return box;
}

static void
kes_history_view_dispose (GObject *object)
{
  KesHistoryView *self = KES_HISTORY_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_HISTORY_VIEW);
  g_clear_object (&self->store);
  g_clear_pointer (&self->record_id, g_free);

  G_OBJECT_CLASS (kes_history_view_parent_class)->dispose (object);
}

static void
kes_history_view_class_init (KesHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_history_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/patient/kes-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KesHistoryView, list);
}

static void
kes_history_view_init (KesHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kes_history_view_new (void)
{
  return g_object_new (KES_TYPE_HISTORY_VIEW, NULL);
}

void
kes_history_view_set_record (KesHistoryView *self,
                             KesStore       *store,
                             const char     *record_id)
{
  g_return_if_fail (KES_IS_HISTORY_VIEW (self));

  g_set_object (&self->store, store);
  g_free (self->record_id);
  self->record_id = g_strdup (record_id);

  kes_history_view_reload (self);
}

void
kes_history_view_reload (KesHistoryView *self)
{
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KES_IS_HISTORY_VIEW (self));

  kes_list_box_remove_all (self->list);

  if (self->store == NULL || self->record_id == NULL)
    return;

  revisions = kes_store_list_revisions (self->store, self->record_id, &error);
  if (revisions == NULL)
    {
      gtk_list_box_append (self->list, kes_record_error_row_new (error->message));
      return;
    }

  /* The store gives oldest first; show newest first. */
  for (guint i = revisions->len; i > 0; i--)
    {
      KesRevision *revision = g_ptr_array_index (revisions, i - 1);
      KesRevision *previous = i > 1 ? g_ptr_array_index (revisions, i - 2) : NULL;
      GtkWidget *row = revision_row_new (revision, previous);

      gtk_list_box_append (self->list, row);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (row)), FALSE);
    }
}
