/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-patient-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-store-community.h"
#include "kes-store-next-review.h"
#include "kes-validate.h"
#include "patient/kes-patient-page-private.h"

/* The record's header (name, NHS number, age, MHCS reference, legal status,
 * next review, alerts) and its Overview tab, read from the store. */

/* "Next review 12 Jan 2027 (CPA review booked)", overdue said in words;
 * hidden without view-clinical or when none is recorded. */
static void
update_next_review (KesPatientPage *self)
{
  g_autofree char *due = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDate) date = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  KesNextReviewKind kind = KES_NEXT_REVIEW_NONE;

  if (self->store == NULL || kes_patient_get_id (self->patient) == NULL ||
      !kes_store_next_review (self->store, kes_patient_get_id (self->patient), &due, &kind, NULL) || due == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->review_label), FALSE);
      return;
    }
  shown = kes_date_to_display (due);
  date = kes_date_from_iso (due);
  if (date != NULL && g_date_compare (date, today) < 0)
    /* TRANSLATORS: "Next review 12 Jan 2026 (care plan review): overdue" */
    text = g_strdup_printf (_("Next review %s (%s): overdue"), shown, kes_next_review_kind_label (kind));
  else
    /* TRANSLATORS: "Next review 12 Jan 2027 (CPA review booked)" */
    text = g_strdup_printf (_("Next review %s (%s)"), shown, kes_next_review_kind_label (kind));
  gtk_label_set_text (self->review_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->review_label), TRUE);
}

/* The first tab's overview, read again with the header; not while the
 * register is being edited. */
void
kes_patient_page_update_overview (KesPatientPage *self)
{
  gboolean shown = !self->is_new && !self->editing && self->patient != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->record_overview), shown);
  if (shown)
    kes_record_overview_load (self->record_overview, self->store, kes_patient_get_id (self->patient),
                              kes_patient_get_list (self->patient, KES_PATIENT_ALERTS),
                              kes_patient_get_text (self->patient, KES_PATIENT_COORDINATOR_ID));
}

void
kes_patient_page_update_header (KesPatientPage *self)
{
  g_autoptr(GPtrArray) care_alerts = NULL;
  guint n_alerts;
  KesPatient *patient = self->patient;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *name = NULL;
  const char *nhs, *birth, *mhcs;
  g_autoptr(KesMojRecord) legal_record = NULL;
  g_autofree char *moj_status = NULL;
  const char * const *alerts;

  if (patient == NULL)
    return;

  if (self->is_new)
    {
      gtk_label_set_text (self->name_label, _("New Patient"));
      gtk_label_set_text (self->details_label,
                          _("Fill in the register and save to add the patient to the caseload."));
      gtk_widget_set_visible (GTK_WIDGET (self->legal_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->review_label), FALSE);
      gtk_widget_set_visible (self->alerts_box, FALSE);
      return;
    }

  name = kes_patient_dup_display_name (patient);
  gtk_label_set_text (self->name_label, name);

  nhs = kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER);
  if (nhs != NULL && *nhs != '\0')
    {
      g_autofree char *formatted = kes_nhs_number_format (nhs);
      g_string_append_printf (details, _("NHS number %s"), formatted);
    }

  birth = kes_patient_get_text (patient, KES_PATIENT_BIRTH_DATE);
  if (birth != NULL && *birth != '\0')
    {
      g_autofree char *shown = kes_date_to_display (birth);
      g_autoptr(GDate) born = kes_date_from_iso (birth);
      g_autoptr(GDate) today = kes_clock_today ();

      if (details->len > 0)
        g_string_append (details, " · ");
      if (born != NULL && today != NULL)
        /* TRANSLATORS: "Born 21 Nov 1984 (age 41)" */
        g_string_append_printf (details, _("Born %s (age %d)"), shown,
                                kes_age_on (born, today));
      else
        g_string_append_printf (details, _("Born %s"), shown);
    }

  /* The MHCS reference and the legal status come from their one record. */
  legal_record = self->store != NULL && kes_patient_get_id (patient) != NULL
                   ? kes_store_current_legal_status (self->store, kes_patient_get_id (patient), NULL) : NULL;
  mhcs = legal_record != NULL ? kes_moj_record_get_text (legal_record, "mhcs_reference") : NULL;
  if (mhcs != NULL && *mhcs != '\0')
    {
      if (details->len > 0)
        g_string_append (details, " · ");
      g_string_append_printf (details, _("MHCS ref %s"), mhcs);
    }

  gtk_label_set_text (self->details_label, details->str);

  moj_status = legal_record != NULL ? kes_legal_status_dup_header (legal_record) : NULL;
  gtk_label_set_text (self->legal_label, moj_status != NULL ? moj_status : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->legal_label), moj_status);
  gtk_widget_set_visible (GTK_WIDGET (self->legal_label), moj_status != NULL);
  update_next_review (self);
  kes_patient_page_update_overview (self);

  alerts = kes_patient_get_list (patient, KES_PATIENT_ALERTS);
  /* Medication alerts (a red clozapine result, a toxic lithium level) come first. */
  care_alerts = self->store != NULL
                  ? kes_store_list_care_alerts (self->store, kes_patient_get_id (patient), NULL) : NULL;
  n_alerts = (alerts != NULL ? g_strv_length ((char **) alerts) : 0) + (care_alerts != NULL ? care_alerts->len : 0);
  if (n_alerts > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      g_string_append (text, ngettext ("Alert", "Alerts", n_alerts));
      for (guint i = 0; care_alerts != NULL && i < care_alerts->len; i++)
        g_string_append_printf (text, "\n• %s", (char *) care_alerts->pdata[i]);
      for (guint i = 0; alerts != NULL && alerts[i] != NULL; i++)
        g_string_append_printf (text, "\n• %s", alerts[i]);
      gtk_label_set_text (self->alerts_label, text->str);
      gtk_widget_set_visible (self->alerts_box, TRUE);
    }
  else
    {
      gtk_widget_set_visible (self->alerts_box, FALSE);
    }
}
