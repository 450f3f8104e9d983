/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-history-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "accounts/kes-access-log.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-display-value.h"
#include "kes-patient.h"
#include "kes-records.h"
#include "kes-validate.h"
#include "patient/kes-history-view.h"
#include "patient/kes-record-rows.h"

struct _KesHistoryView
{
  AdwBin      parent_instance;

  KesStore   *store;
  char       *record_id;

  GtkListBox   *list;
  GtkWidget    *access_box;
  KesAccessLog *access_log;
};

G_DEFINE_FINAL_TYPE (KesHistoryView, kes_history_view, ADW_TYPE_BIN)

/* A stored value as people read it (kes_store_display_value): names for
 * team and staff ids, labels for codes, en-GB dates, a spaced NHS number;
 * NULL when empty. */
static char *
display_value (KesHistoryView  *self,
               KesPatientField  field,
               const char      *value)
{
  if (value == NULL || *value == '\0')
    return NULL;
  return kes_store_display_value (self->store, "patient", kes_patient_field_key (field), value);
}

static char *
display_list (KesPatientListField  field,
              const char * const  *values)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      const char *label = NULL;

      if (field == KES_PATIENT_DIAGNOSES)
        label = kes_code_list_lookup (kes_code_list_get (KES_CODES_ICD10), values[i]);
      if (text->len > 0)
        g_string_append (text, "; ");
      if (label != NULL)
        g_string_append_printf (text, "%s %s", values[i], label);
      else
        g_string_append (text, values[i]);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
add_change (GPtrArray  *lines,
            const char *label,
            const char *before,
            const char *after)
{
  if (g_strcmp0 (before, after) == 0)
    return;

  if (before == NULL)
    /* TRANSLATORS: a field given a value: "Team: North" */
    g_ptr_array_add (lines, g_strdup_printf (_("%s: %s"), label, after));
  else if (after == NULL)
    /* TRANSLATORS: a field emptied: "Phone: removed “01603 000000”" */
    g_ptr_array_add (lines, g_strdup_printf (_("%s: removed “%s”"), label, before));
  else
    /* TRANSLATORS: a changed field: "Family name: “Smith” → “Smyth”" */
    g_ptr_array_add (lines, g_strdup_printf (_("%s: “%s” → “%s”"), label, before, after));
}

static KesPatient *
patient_from_revision (KesRevision *revision)
{
  g_autoptr(KesPatient) patient = kes_patient_new ();
  const char *data = revision != NULL ? kes_revision_get_data (revision) : NULL;

  if (data == NULL || !kes_patient_load_json (patient, data, NULL))
    return NULL;

  return g_steal_pointer (&patient);
}

/* What changed, field by field, with readable values; NULL when a revision
 * does not hold a register entry (then core's own description is used). */
static GPtrArray *
describe_patient_changes (KesHistoryView *self,
                          KesRevision    *revision,
                          KesRevision    *previous)
{
  g_autoptr(KesPatient) after = patient_from_revision (revision);
  g_autoptr(KesPatient) before = NULL;
  GPtrArray *lines;

  if (after == NULL)
    return NULL;

  if (previous != NULL)
    {
      before = patient_from_revision (previous);
      if (before == NULL)
        return NULL;
    }

  lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < KES_PATIENT_N_TEXT_FIELDS; i++)
    {
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = display_value (self, i, kes_patient_get_text (after, i));

      if (before != NULL)
        old_value = display_value (self, i, kes_patient_get_text (before, i));
      add_change (lines, kes_patient_field_label (i), old_value, new_value);
    }

  for (guint i = 0; i < KES_PATIENT_N_LIST_FIELDS; i++)
    {
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = display_list (i, kes_patient_get_list (after, i));

      if (before != NULL)
        old_value = display_list (i, kes_patient_get_list (before, i));
      add_change (lines, kes_patient_list_field_label (i), old_value, new_value);
    }

  return lines;
}

static GtkWidget *
change_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "kes-change-line");
  return label;
}

static GtkWidget *
revision_row_new (KesHistoryView *self,
                  KesRevision    *revision,
                  KesRevision    *previous)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading, *when, *label;
  g_autofree char *title = NULL;
  g_autofree char *at = kes_time_to_display (kes_revision_get_at (revision));
  g_autofree char *provenance = kes_revision_dup_provenance (revision);
  const char *author = kes_revision_get_author_name (revision);
  const char *reason = kes_revision_get_reason (revision);
  g_autoptr(GPtrArray) lines = NULL;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* TRANSLATORS: "Edited by Alex Smith" */
  title = g_strdup_printf (_("%s by %s"), kes_change_kind_label (kes_revision_get_change (revision)),
                           author != NULL && *author != '\0' ? author : _("an unknown user"));
  g_object_set_data_full (G_OBJECT (box), "kes-title", g_strdup (title), g_free);
  g_object_set_data_full (G_OBJECT (box), "kes-when", g_strdup (provenance != NULL ? provenance : at), g_free);
  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  /* An imported revision says where it was written and who brought it here. */
  when = gtk_label_new (provenance != NULL ? provenance : at);
  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_label_set_wrap (GTK_LABEL (when), TRUE);
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

  lines = describe_patient_changes (self, revision, previous);
  if (lines != NULL)
    {
      for (guint i = 0; i < lines->len; i++)
        gtk_box_append (GTK_BOX (box), change_label_new (g_ptr_array_index (lines, i)));
    }
  else
    {
      g_auto(GStrv) changes = kes_revision_describe_changes (revision, previous,
                                                             kes_patient_key_label);

      for (guint i = 0; changes != NULL && changes[i] != NULL; i++)
        gtk_box_append (GTK_BOX (box), change_label_new (changes[i]));
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

  g_type_ensure (KES_TYPE_ACCESS_LOG);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/patient/kes-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KesHistoryView, list);
  gtk_widget_class_bind_template_child (widget_class, KesHistoryView, access_box);
  gtk_widget_class_bind_template_child (widget_class, KesHistoryView, access_log);
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
  gboolean can_audit;

  g_return_if_fail (KES_IS_HISTORY_VIEW (self));

  g_set_object (&self->store, store);
  g_free (self->record_id);
  self->record_id = g_strdup (record_id);

  kes_history_view_reload (self);

  /* Who has looked at this record: for those who may read the access log. */
  can_audit = store != NULL && record_id != NULL && kes_store_get_actor (store) != NULL &&
              kes_store_check_permission (store, KES_PERMISSION_VIEW_AUDIT, NULL, NULL);
  gtk_widget_set_visible (self->access_box, can_audit);
  if (can_audit)
    kes_access_log_set_store (self->access_log, store, record_id);
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

  revisions = kes_store_list_history (self->store, self->record_id, &error);
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
      GtkWidget *row = revision_row_new (self, revision, previous);

      gtk_list_box_append (self->list, row);
      kes_row_set_accessible_name (gtk_widget_get_parent (row), NULL,
                                   g_object_get_data (G_OBJECT (row), "kes-title"),
                                   g_object_get_data (G_OBJECT (row), "kes-when"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (row)), FALSE);
    }
}
