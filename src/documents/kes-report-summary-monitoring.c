/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-report-summary"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-error.h"
#include "kes-medication-rules.h"
#include "kes-monitoring.h"
#include "kes-physical-trend.h"
#include "kes-report-common-private.h"
#include "kes-report-summary-private.h"
#include "kes-store-community.h"
#include "kes-validate.h"

/* The summary's "Medication monitoring" section: the settings a clinician
 * recorded for the patient (blood count thresholds and monitoring service,
 * not to be re-challenged, lithium target range), the latest BMI against
 * the band for the patient's ethnic category, and what is due next. */

/* "Benign ethnic neutropenia (BEN) criteria, CPMS: chosen by Dr X on 2 Nov 2026". */
static char *
setting_text (KesCareRecord *setting,
              const char    *first_key,
              const char    *first_list,
              const char    *second_key,
              const char    *second_list)
{
  g_autofree char *first = kes_report_code_label (first_list, kes_care_record_get (setting, first_key));
  g_autofree char *second = second_key != NULL
                              ? kes_report_code_label (second_list, kes_care_record_get (setting, second_key))
                              : NULL;
  g_autofree char *on = kes_report_date (kes_care_record_get (setting, "decided_on"));
  g_autofree char *what = second != NULL ? g_strdup_printf ("%s, %s", first, second) : g_strdup (first);

  /* TRANSLATORS: a setting, who chose it and when */
  return g_strdup_printf (_("%s: chosen by %s on %s"), what, kes_care_record_get (setting, "decided_by"), on);
}

/* The latest BMI, "24.1 on 2 Nov 2026, above the healthy band", and the band
 * that applies; NULL without a BMI. */
static char *
latest_bmi (GListModel *checks,
            const char *ethnicity)
{
  g_autoptr(GPtrArray) trends = kes_physical_trends (checks, ethnicity);

  for (guint i = 0; trends != NULL && i < trends->len; i++)
    {
      KesTrendSeries *series = g_ptr_array_index (trends, i);
      KesTrendPoint *last;
      g_autofree char *value = NULL;
      g_autofree char *date = NULL;
      const char *where;

      if (!g_str_equal (series->measure, "bmi"))
        continue;
      last = &g_array_index (series->points, KesTrendPoint, series->points->len - 1);
      value = kes_trend_point_format (series, last);
      date = kes_report_date (last->date);
      if (!isnan (series->low) && last->value < series->low)
        where = _("below the healthy weight band");
      else if (!isnan (series->high) && last->value > series->high)
        where = _("above the healthy weight band");
      else
        where = _("within the healthy weight band");
      /* TRANSLATORS: BMI value, date, where it falls; then the band and its source */
      return g_strdup_printf (_("%s on %s, %s. %s"), value, date, where, series->note != NULL ? series->note : "");
    }
  return NULL;
}

static void
add_due_items (KesDocument *document,
               GPtrArray   *items)
{
  KesBlock *table;

  if (items->len == 0)
    {
      kes_document_add_paragraph (document, _("No clozapine, lithium or physical health monitoring is due."));
      return;
    }
  table = kes_document_add_table (document,
                                  (const char * const[]) { _("Due"), _("Check"), _("Detail"), NULL },
                                  (const double[]) { 1.4, 2, 5 });
  for (guint i = 0; i < items->len; i++)
    {
      KesMonitoringItem *item = g_ptr_array_index (items, i);
      g_autofree char *iso = kes_date_to_iso (item->due);
      g_autofree char *due = kes_report_date (iso);
      g_autofree char *title = item->urgent ? g_strdup_printf (_("%s (now)"), item->title) : g_strdup (item->title);

      kes_block_add_row_cells (table, due, title, item->detail, NULL);
    }
}

gboolean
kes_report_summary_add_monitoring (KesDocument  *document,
                                   KesStore     *store,
                                   KesPatient   *patient,
                                   GError      **error)
{
  const char *patient_id = kes_patient_get_id (patient);
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) items = kes_store_list_monitoring (store, patient_id, today, &local_error);
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(KesCareRecord) thresholds = NULL;
  g_autoptr(KesCareRecord) no_rechallenge = NULL;
  g_autoptr(KesCareRecord) lithium = NULL;
  g_autofree char *bmi = NULL;
  KesBlock *values;

  /* Without the permission to read clinical records the section is left out. */
  if (items == NULL && g_error_matches (local_error, KES_ERROR, KES_ERROR_PERMISSION))
    return TRUE;
  if (items == NULL ||
      (checks = kes_store_list_care_records (store, patient_id, KES_CARE_PHYSICAL_HEALTH, FALSE, error)) == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  thresholds = kes_store_current_care_setting (store, patient_id, KES_CARE_CLOZAPINE_MONITORING, today, NULL);
  no_rechallenge = kes_store_clozapine_no_rechallenge (store, patient_id, today, NULL);
  lithium = kes_store_current_care_setting (store, patient_id, KES_CARE_LITHIUM_PLAN, today, NULL);
  bmi = latest_bmi (checks, kes_patient_get_text (patient, KES_PATIENT_ETHNICITY));
  if (items->len == 0 && thresholds == NULL && no_rechallenge == NULL && lithium == NULL && bmi == NULL)
    return TRUE;

  kes_document_add_heading (document, 1, _("Medication monitoring"));
  /* An empty block prints "None recorded.", which would sit above a table
   * of checks that are due: the settings only when there are some. */
  if (no_rechallenge == NULL && thresholds == NULL && lithium == NULL && bmi == NULL)
    {
      add_due_items (document, items);
      return TRUE;
    }
  values = kes_document_add_key_values (document, NULL);
  if (no_rechallenge != NULL)
    {
      g_autofree char *on = kes_report_date (kes_care_record_get (no_rechallenge, "decided_on"));
      g_autofree char *text = g_strdup_printf (_("Recorded %s by %s: %s"), on,
                                               kes_care_record_get (no_rechallenge, "decided_by"),
                                               kes_care_record_get (no_rechallenge, "reason"));

      kes_block_add_key_value (values, _("Not to be re-challenged with clozapine"), text);
    }
  if (thresholds != NULL)
    {
      g_autofree char *text = setting_text (thresholds, "thresholds", "clozapine-threshold-set",
                                            "monitoring_service", "clozapine-monitoring-service");
      kes_block_add_key_value (values, _("Clozapine blood count thresholds"), text);
    }
  if (lithium != NULL)
    {
      g_autofree char *text = setting_text (lithium, "target_range", "lithium-target-range", NULL, NULL);
      kes_block_add_key_value (values, _("Lithium target range"), text);
    }
  if (bmi != NULL)
    kes_block_add_key_value (values, _("Latest BMI"), bmi);
  add_due_items (document, items);
  return TRUE;
}
