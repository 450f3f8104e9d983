/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-patient-form"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-records.h"
#include "kes-store-patients.h"
#include "patient/kes-patient-form-private.h"

/* Core's problems with a patient, each shown under its field, with a
 * summary above the form; they follow what is typed until the next save. */

static void
append_error (KesPatientForm *self,
              GtkWidget      *field,
              GtkLabel       *label,
              const char     *message)
{
  const char *existing = gtk_label_get_text (label);
  g_autofree char *text = NULL;

  if (gtk_widget_get_visible (GTK_WIDGET (label)) && existing != NULL && *existing != '\0')
    text = g_strconcat (existing, "\n", message, NULL);
  else
    text = g_strdup (message);

  kes_field_set_error (field, label, text);
}

guint
kes_patient_form_show_issues (KesPatientForm *self,
                              GPtrArray      *issues)
{
  g_autoptr(GString) unplaced = g_string_new (NULL);
  GtkWidget *first = NULL;
  gboolean needs_override = FALSE;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (KES_IS_PATIENT_FORM (self), 0);

  kes_patient_form_clear_issues (self);
  if (issues == NULL || issues->len == 0)
    return 0;

  for (guint i = 0; i < issues->len; i++)
    {
      KesIssue *issue = g_ptr_array_index (issues, i);
      GtkWidget *field = NULL;
      GtkLabel *label = NULL;

      if (issue->severity == KES_ISSUE_WARNING)
        needs_override = TRUE;

      for (guint j = 0; j < kes_patient_form_n_text_fields && label == NULL; j++)
        {
          if (g_strcmp0 (kes_patient_field_key (kes_patient_form_text_fields[j].field), issue->field) == 0)
            {
              field = kes_patient_form_child (self, kes_patient_form_text_fields[j].widget);
              label = GTK_LABEL (kes_patient_form_child (self, kes_patient_form_text_fields[j].error));
              if (kes_patient_form_text_fields[j].field == KES_PATIENT_AGE_OVERRIDE_REASON)
                needs_override = TRUE;
            }
        }

      for (guint j = 0; j < kes_patient_form_n_list_fields && label == NULL; j++)
        {
          if (g_strcmp0 (kes_patient_list_field_key (kes_patient_form_list_fields[j].field), issue->field) == 0)
            {
              field = kes_patient_form_child (self, kes_patient_form_list_fields[j].widget);
              label = GTK_LABEL (kes_patient_form_child (self, kes_patient_form_list_fields[j].error));
            }
        }

      if (label != NULL)
        {
          append_error (self, field, label, issue->message);
          if (first == NULL)
            first = field;
        }
      else
        {
          g_string_append_printf (unplaced, "\n%s", issue->message);
        }
    }

  if (needs_override)
    kes_patient_form_set_age_override_visible (self, TRUE);

  /* TRANSLATORS: the summary above a form that could not be saved */
  summary = g_strdup_printf (ngettext ("%u problem stops this record being saved. "
                                       "It is shown under its field.",
                                       "%u problems stop this record being saved. "
                                       "Each is shown under its field.",
                                       issues->len),
                             issues->len);
  if (unplaced->len > 0)
    {
      g_autofree char *full = g_strconcat (summary, unplaced->str, NULL);

      kes_form_show_refusal (self->summary_label, full, first);
    }
  else
    {
      kes_form_show_refusal (self->summary_label, summary, first);
    }

  return issues->len;
}

/* Core's checks of @candidate: validation, then what only the store sees. */
static GPtrArray *
collect_issues (KesPatientForm *self,
                KesPatient     *candidate)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *issues = kes_patient_validate (candidate, today);

  stored = self->store != NULL ? kes_store_check_patient (self->store, candidate, &error) : NULL;
  if (error != NULL)
    g_ptr_array_add (issues, kes_issue_new ("", KES_ISSUE_ERROR, "%s", error->message));
  for (guint i = 0; stored != NULL && i < stored->len; i++)
    g_ptr_array_add (issues, g_ptr_array_steal_index (stored, i--));
  return issues;
}

guint
kes_patient_form_check (KesPatientForm *self,
                        KesPatient     *candidate)
{
  g_autoptr(GPtrArray) issues = NULL;
  guint n;

  g_return_val_if_fail (KES_IS_PATIENT_FORM (self), 0);
  g_return_val_if_fail (KES_IS_PATIENT (candidate), 0);

  issues = collect_issues (self, candidate);
  n = kes_patient_form_show_issues (self, issues);
  if (n > 0)
    g_set_object (&self->checked, candidate);
  else
    g_clear_object (&self->checked);
  return n;
}

/* Rewrites the message under one field from @issues; TRUE if one remains.
 * A field without a message gets none until the next save. */
static gboolean
refresh_field (KesPatientForm *self,
               const char     *widget,
               const char     *error,
               const char     *key,
               GPtrArray      *issues)
{
  GtkLabel *label = GTK_LABEL (kes_patient_form_child (self, error));
  g_autoptr(GString) message = g_string_new (NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (label)))
    return FALSE;
  for (guint j = 0; j < issues->len; j++)
    {
      KesIssue *issue = g_ptr_array_index (issues, j);

      if (g_strcmp0 (issue->field, key) == 0)
        g_string_append_printf (message, "%s%s", message->len > 0 ? "\n" : "", issue->message);
    }
  kes_field_set_error (kes_patient_form_child (self, widget), label, message->len > 0 ? message->str : NULL);
  return message->len > 0;
}

/* While problems show, each message under a field follows what is typed
 * or chosen there: it is rewritten as the value changes (never quoting the
 * old one) and goes once the value is right, and the summary with the
 * last of them. */
void
kes_patient_form_refresh_problems (KesPatientForm *self)
{
  g_autoptr(KesPatient) candidate = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  guint shown = 0;

  if (self->checked == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->summary_label)))
    return;
  candidate = kes_patient_form_dup_patient (self, self->checked);
  issues = collect_issues (self, candidate);
  for (guint i = 0; i < kes_patient_form_n_text_fields; i++)
    shown += refresh_field (self, kes_patient_form_text_fields[i].widget, kes_patient_form_text_fields[i].error,
                            kes_patient_field_key (kes_patient_form_text_fields[i].field), issues);
  for (guint i = 0; i < kes_patient_form_n_list_fields; i++)
    shown += refresh_field (self, kes_patient_form_list_fields[i].widget, kes_patient_form_list_fields[i].error,
                            kes_patient_list_field_key (kes_patient_form_list_fields[i].field), issues);
  if (shown == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
      g_clear_object (&self->checked);
    }
}

void
kes_patient_form_show_correction_error (KesPatientForm *self,
                                        const char     *message)
{
  g_return_if_fail (KES_IS_PATIENT_FORM (self));

  kes_field_set_error (GTK_WIDGET (self->correction_reason_entry),
                       self->correction_reason_error, message);
  if (message != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->correction_reason_entry));
}

void
kes_patient_form_clear_issues (KesPatientForm *self)
{
  g_return_if_fail (KES_IS_PATIENT_FORM (self));

  for (guint i = 0; i < kes_patient_form_n_text_fields; i++)
    kes_field_set_error (kes_patient_form_child (self, kes_patient_form_text_fields[i].widget),
                         GTK_LABEL (kes_patient_form_child (self, kes_patient_form_text_fields[i].error)), NULL);
  for (guint i = 0; i < kes_patient_form_n_list_fields; i++)
    kes_field_set_error (kes_patient_form_child (self, kes_patient_form_list_fields[i].widget),
                         GTK_LABEL (kes_patient_form_child (self, kes_patient_form_list_fields[i].error)), NULL);
  kes_field_set_error (GTK_WIDGET (self->correction_reason_entry),
                       self->correction_reason_error, NULL);

  gtk_label_set_text (self->summary_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
}

const char *
kes_patient_form_get_field_error (KesPatientForm *self,
                                  const char     *key)
{
  GtkLabel *label = NULL;

  g_return_val_if_fail (KES_IS_PATIENT_FORM (self), NULL);

  for (guint i = 0; i < kes_patient_form_n_text_fields && label == NULL; i++)
    {
      if (g_strcmp0 (kes_patient_field_key (kes_patient_form_text_fields[i].field), key) == 0)
        label = GTK_LABEL (kes_patient_form_child (self, kes_patient_form_text_fields[i].error));
    }
  for (guint i = 0; i < kes_patient_form_n_list_fields && label == NULL; i++)
    {
      if (g_strcmp0 (kes_patient_list_field_key (kes_patient_form_list_fields[i].field), key) == 0)
        label = GTK_LABEL (kes_patient_form_child (self, kes_patient_form_list_fields[i].error));
    }

  if (label == NULL || !gtk_widget_get_visible (GTK_WIDGET (label)))
    return NULL;

  return gtk_label_get_text (label);
}

