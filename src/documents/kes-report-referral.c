/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-report-referral"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-catchment.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-disclosure.h"
#include "kes-error.h"
#include "kes-report-common-private.h"
#include "kes-report-referral.h"
#include "kes-store-patients.h"
#include "kes-store-referrals.h"
#include "kes-store-staff.h"
#include "kes-validate.h"

static void
add_value (KesBlock   *values,
           const char *label,
           const char *value)
{
  kes_block_add_key_value (values, label, kes_report_or_not_recorded (value));
}

static void
add_code (KesBlock   *values,
          const char *label,
          const char *list_name,
          const char *code)
{
  g_autofree char *text = kes_report_code_label (list_name, code);
  add_value (values, label, text);
}

static void
add_date (KesBlock   *values,
          const char *label,
          const char *iso)
{
  g_autofree char *text = kes_report_date (iso);
  add_value (values, label, text);
}

/* Loads what a referral document needs, checking export and logging it. */
static gboolean
load_for_export (KesStore     *store,
                 const char   *referral_id,
                 const char   *what,
                 KesReferral **referral,
                 KesPatient  **patient,
                 GError      **error)
{
  g_autofree char *summary = NULL;
  const char *patient_id;

  *referral = kes_store_load_referral (store, referral_id, error);
  if (*referral == NULL)
    return FALSE;
  patient_id = kes_referral_get_text (*referral, KES_REFERRAL_PATIENT_ID);
  if (!kes_store_check_permission (store, KES_PERMISSION_EXPORT, patient_id, error))
    return FALSE;
  *patient = kes_store_load_patient (store, patient_id, error);
  if (*patient == NULL)
    return FALSE;
  summary = g_strdup_printf ("%s of referral %s", what, referral_id);
  return kes_store_audit (store, KES_AUDIT_EXPORT, referral_id, patient_id, summary, error);
}

static void
add_referral_details (KesStore    *store,
                      KesDocument *document,
                      KesReferral *referral)
{
  KesBlock *values;
  g_autofree char *stage_date = kes_report_date (kes_referral_get_stage_date (referral));
  g_autofree char *stage = g_strdup_printf (_("%s since %s"),
                                            kes_referral_stage_label (kes_referral_get_stage (referral)), stage_date);

  kes_document_add_heading (document, 1, _("Referral"));
  values = kes_document_add_key_values (document, NULL);
  add_date (values, _("Referral date"), kes_referral_get_text (referral, KES_REFERRAL_DATE));
  add_value (values, _("Referrer"), kes_referral_get_text (referral, KES_REFERRAL_REFERRER));
  add_value (values, _("Referrer contact"), kes_referral_get_text (referral, KES_REFERRAL_REFERRER_CONTACT));
  add_code (values, _("Source"), KES_CODES_REFERRAL_SOURCE, kes_referral_get_text (referral, KES_REFERRAL_SOURCE));
  add_value (values, _("Ward or hospital"), kes_referral_get_text (referral, KES_REFERRAL_UNIT));
  add_code (values, _("Security level"), KES_CODES_SECURITY_LEVEL,
            kes_referral_get_text (referral, KES_REFERRAL_SECURITY_LEVEL));
  {
    g_autoptr(KesCatchment) catchment = kes_store_get_catchment (store, NULL);
    const char *area = kes_referral_get_text (referral, KES_REFERRAL_AREA);

    add_value (values, _("Area"), catchment != NULL ? kes_catchment_display_name (catchment, area) : area);
  }
  add_code (values, _("Legal status"), KES_CODES_LEGAL_STATUS,
            kes_referral_get_text (referral, KES_REFERRAL_LEGAL_STATUS));
  add_date (values, _("Expected discharge"), kes_referral_get_text (referral, KES_REFERRAL_EXPECTED_DISCHARGE));
  add_value (values, _("Stage"), stage);
  kes_document_add_heading (document, 2, _("Reason for referral"));
  kes_document_add_paragraph (document, kes_report_or_not_recorded (kes_referral_get_text (referral, KES_REFERRAL_REASON)));
  kes_document_add_heading (document, 2, _("Index offence"));
  kes_document_add_paragraph (document,
                              kes_report_or_not_recorded (kes_referral_get_text (referral, KES_REFERRAL_INDEX_OFFENCE)));
  if (*kes_referral_get_text (referral, KES_REFERRAL_OVERRIDE_REASON) != '\0')
    {
      g_autofree char *who = kes_report_staff_name (store, kes_referral_get_text (referral, KES_REFERRAL_OVERRIDE_BY));
      g_autofree char *when = kes_report_time (kes_referral_get_text (referral, KES_REFERRAL_OVERRIDE_AT));

      kes_document_add_heading (document, 2, _("Eligibility override"));
      values = kes_document_add_key_values (document, NULL);
      add_value (values, _("Reason"), kes_referral_get_text (referral, KES_REFERRAL_OVERRIDE_REASON));
      add_value (values, _("By"), who);
      add_value (values, _("When"), when);
    }
}

static void
add_pathway (KesDocument *document,
             KesReferral *referral)
{
  static const double widths[] = { 2, 1.3, 1.6, 3 };
  const char *headers[] = { _("Stage"), _("Date"), _("Recorded by"), _("Reason and notes"), NULL };
  GPtrArray *steps = kes_referral_get_steps (referral);
  KesBlock *table;

  kes_document_add_heading (document, 1, _("Pathway"));
  table = kes_document_add_table (document, headers, widths);
  for (guint i = 0; i < steps->len; i++)
    {
      KesReferralStep *step = g_ptr_array_index (steps, i);
      g_autofree char *date = kes_report_date (step->date);
      g_autoptr(GString) notes = g_string_new (step->reason != NULL ? step->reason : "");

      if (step->signposting != NULL)
        g_string_append_printf (notes, "%s%s %s", notes->len > 0 ? "; " : "", _("Signposted to"), step->signposting);
      if (step->destination != NULL)
        g_string_append_printf (notes, "%s%s", notes->len > 0 ? "; " : "",
                                g_str_equal (step->destination, KES_REFERRAL_TRANSFER_PRIMARY_CARE)
                                  ? _("Transferred to primary care") : _("Transferred to the adult recovery team"));
      kes_block_add_row_cells (table, kes_referral_stage_label (step->stage), date,
                               step->by_name != NULL ? step->by_name : "", notes->str, NULL);
    }
}

/* The signer by name and the role they signed in (kept with the
 * signature), else their job title today. */
static void
signer_and_role (KesStore     *store,
                 KesReferral  *referral,
                 char        **name,
                 char        **role)
{
  g_autoptr(KesStaff) staff = kes_store_find_staff (store, kes_referral_get_text (referral, KES_REFERRAL_SIGNED_BY),
                                                    NULL);
  const char *kept = kes_referral_get_text (referral, KES_REFERRAL_SIGNED_ROLE);

  *name = g_strdup (staff != NULL ? kes_staff_get_display_name (staff)
                                  : kes_referral_get_text (referral, KES_REFERRAL_SIGNED_BY));
  *role = g_strdup (*kept != '\0' ? kept : staff != NULL ? kes_staff_get_role_title (staff) : "");
}

static gboolean
add_alteration (KesStore     *store,
                KesDocument  *document,
                KesReferral  *referral,
                GError      **error)
{
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *signed_at = NULL;
  g_autofree char *altered_by = NULL;
  g_autofree char *altered_at = NULL;
  g_autofree char *when = NULL;
  g_autofree char *note = NULL;

  if (kes_referral_get_sign_state (referral) != KES_REFERRAL_ASSESSMENT_ALTERED)
    return TRUE;
  if (!kes_store_referral_alteration (store, referral, &altered_by, &altered_at, error))
    return FALSE;
  signer_and_role (store, referral, &name, &role);
  signed_at = kes_report_time (kes_referral_get_text (referral, KES_REFERRAL_SIGNED_AT));
  when = altered_at != NULL ? kes_report_time (altered_at) : g_strdup (_("a later date"));
  /* TRANSLATORS: "Altered after sign-off: signed off by Dr A (Consultant) on 21 Nov 2026 09:00, changed by B on …" */
  note = g_strdup_printf (_("Altered after sign-off: this assessment was signed off by %s (%s) on %s and "
                            "changed by %s on %s. The sign-off does not cover what is shown here; it must "
                            "be signed off again."),
                          name, *role != '\0' ? role : _("role not recorded"), signed_at,
                          altered_by != NULL ? altered_by : _("someone"), when);
  kes_document_add_not_completed (document, _("Sign-off"), note);
  return TRUE;
}

static void
add_sign_off (KesStore     *store,
              KesDocument  *document,
              KesReferral  *referral)
{
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *signed_date = NULL;

  switch (kes_referral_get_sign_state (referral))
    {
    case KES_REFERRAL_ASSESSMENT_SIGNED:
      signer_and_role (store, referral, &name, &role);
      signed_date = g_strndup (kes_referral_get_text (referral, KES_REFERRAL_SIGNED_AT), 10);
      kes_document_add_signature (document, _("Assessment signed off in Kestrel by"), name,
                                  *role != '\0' ? role : NULL, signed_date);
      break;
    case KES_REFERRAL_ASSESSMENT_ALTERED:
      kes_document_add_not_completed (document, _("Sign-off"),
                                      _("Altered after sign-off: the assessment has changed since it was "
                                        "signed off and must be signed off again."));
      break;
    case KES_REFERRAL_ASSESSMENT_UNSIGNED:
    default:
      kes_document_add_not_completed (document, _("Sign-off"), _("The assessment has not been signed off."));
      break;
    }
}

KesDocument *
kes_report_referral_assessment (KesStore    *store,
                                const char  *referral_id,
                                GError     **error)
{
  g_autoptr(KesReferral) referral = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  KesBlock *values;
  const char *decision;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);

  if (!load_for_export (store, referral_id, "referral assessment", &referral, &patient, error))
    return NULL;
  document = kes_report_new_document (store, patient, "referral-assessment", _("Referral Assessment"));
  kes_document_set_subject (document, _("Assessment of a referral to the forensic community team"));
  add_referral_details (store, document, referral);

  kes_document_add_heading (document, 1, _("Eligibility"));
  warnings = kes_store_referral_eligibility (store, referral, error);
  if (warnings == NULL)
    return NULL;
  if (warnings->len == 0)
    kes_document_add_paragraph (document, _("Meets every criterion: an inpatient in a secure service, aged 18 or over, from the team’s catchment."));
  else
    {
      KesBlock *list = kes_document_add_list (document, NULL);
      for (guint i = 0; i < warnings->len; i++)
        kes_block_add_item (list, ((KesIssue *) warnings->pdata[i])->message);
    }

  kes_document_add_heading (document, 1, _("Assessment"));
  /* Said where it is read, not only at the end: what follows is not what
   * was signed. */
  if (!add_alteration (store, document, referral, error))
    return NULL;
  values = kes_document_add_key_values (document, NULL);
  add_date (values, _("Assessment date"), kes_referral_get_text (referral, KES_REFERRAL_ASSESSMENT_DATE));
  kes_document_add_heading (document, 2, _("History"));
  kes_document_add_paragraph (document, kes_report_or_not_recorded (kes_referral_get_text (referral, KES_REFERRAL_HISTORY)));
  kes_document_add_heading (document, 2, _("Mental state"));
  kes_document_add_paragraph (document, kes_report_or_not_recorded (kes_referral_get_text (referral, KES_REFERRAL_MENTAL_STATE)));
  kes_document_add_heading (document, 2, _("Risk summary"));
  kes_document_add_paragraph (document, kes_report_or_not_recorded (kes_referral_get_text (referral, KES_REFERRAL_RISK_SUMMARY)));
  if (*kes_referral_get_text (referral, KES_REFERRAL_RISK_ASSESSMENT_ID) != '\0')
    {
      g_autoptr(GPtrArray) pairs = kes_report_risk_link_pairs (store, kes_referral_get_text (referral,
                                                                                       KES_REFERRAL_RISK_ASSESSMENT_ID),
                                                               error);
      if (pairs == NULL)
        return NULL;
      kes_document_add_heading (document, 3, _("Structured risk assessment drawn on"));
      kes_document_add_key_values (document, (const char * const *) pairs->pdata);
    }
  kes_document_add_heading (document, 2, _("Needs"));
  kes_document_add_paragraph (document, kes_report_or_not_recorded (kes_referral_get_text (referral, KES_REFERRAL_NEEDS)));
  kes_document_add_heading (document, 2, _("Recommendation"));
  kes_document_add_paragraph (document, kes_report_or_not_recorded (kes_referral_get_text (referral, KES_REFERRAL_RECOMMENDATION)));
  kes_document_add_heading (document, 2, _("Decision"));
  decision = kes_referral_get_text (referral, KES_REFERRAL_DECISION);
  kes_document_add_paragraph (document, g_str_equal (decision, KES_REFERRAL_DECISION_ACCEPT) ? _("Accept")
                                        : g_str_equal (decision, KES_REFERRAL_DECISION_DECLINE) ? _("Decline")
                                        : kes_report_or_not_recorded (NULL));

  add_pathway (document, referral);

  add_sign_off (store, document, referral);
  return g_steal_pointer (&document);
}

KesDocument *
kes_report_inreach_plan (KesStore    *store,
                         const char  *referral_id,
                         GError     **error)
{
  static const double visit_widths[] = { 1.2, 1.8, 2, 2, 2 };
  static const double task_widths[] = { 2.4, 1.2, 1.6, 1.2, 2 };
  const char *visit_headers[] = { _("Date"), _("Unit"), _("Attendees"), _("Purpose"), _("Outcome"), NULL };
  const char *task_headers[] = { _("Item"), _("Status"), _("Owner"), _("Due"), _("Note"), NULL };
  g_autoptr(KesReferral) referral = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autofree char *summary = NULL;
  GPtrArray *visits;
  guint n_active;
  KesBlock *table;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);

  if (!load_for_export (store, referral_id, "in-reach plan", &referral, &patient, error))
    return NULL;
  document = kes_report_new_document (store, patient, "inreach-plan", _("In-Reach Plan"));
  kes_document_set_subject (document, _("In-reach visits and discharge readiness"));
  add_referral_details (store, document, referral);

  kes_document_add_heading (document, 1, _("In-reach visits"));
  visits = kes_referral_get_visits (referral);
  n_active = 0;
  for (guint i = 0; i < visits->len; i++)
    n_active += kes_inreach_visit_is_active (visits->pdata[i]);
  if (n_active == 0)
    kes_document_add_not_completed (document, _("In-reach visits"), _("No visits have been planned yet."));
  else
    {
      table = kes_document_add_table (document, visit_headers, visit_widths);
      for (guint i = 0; i < visits->len; i++)
        {
          KesInreachVisit *visit = g_ptr_array_index (visits, i);
          g_autofree char *date = NULL;

          /* Entered in error: kept in the record's history, not in the plan. */
          if (!kes_inreach_visit_is_active (visit))
            continue;
          date = kes_report_date (visit->date);

          kes_block_add_row_cells (table, date, visit->unit != NULL ? visit->unit : "",
                                   visit->attendees != NULL ? visit->attendees : "",
                                   visit->purpose != NULL ? visit->purpose : "",
                                   visit->outcome != NULL ? visit->outcome : _("Planned"), NULL);
        }
    }

  kes_document_add_heading (document, 1, _("Discharge readiness"));
  summary = g_strdup_printf (_("%u of %u items ready (done or not applicable)."),
                             kes_referral_readiness_complete (referral), (guint) KES_READINESS_N_ITEMS);
  kes_document_add_paragraph (document, summary);
  table = kes_document_add_table (document, task_headers, task_widths);
  for (guint i = 0; i < KES_READINESS_N_ITEMS; i++)
    {
      const KesReadinessTask *task = kes_referral_get_readiness (referral, i);
      g_autofree char *due = kes_report_date (task->due_date);

      kes_block_add_row_cells (table, kes_readiness_item_label (i), kes_readiness_status_label (task->status),
                               task->owner != NULL ? task->owner : "", due,
                               task->note != NULL ? task->note : "", NULL);
    }
  return g_steal_pointer (&document);
}

/* ---- Pathway report ---- */

typedef struct
{
  const char *title;
  GPtrArray  *rows; /* KesReferralStatsRow* */
} Section;

/* The 90th percentile, withheld like a median on too few values. */
static char *
format_p90 (const KesDisclosure *rule,
            GArray              *values)
{
  int p90;

  if (values->len < rule->median_needs || !kes_referral_percentile_90 (values, &p90))
    return g_strdup (KES_DISCLOSURE_WITHHELD);
  return g_strdup_printf ("%d", p90);
}

/* The count columns of a section's table. */
enum { CELL_GROUP, CELL_RECEIVED, CELL_DECIDED, CELL_ACCEPTED, CELL_DECLINED, CELL_REDIRECTED,
       CELL_DECISION_MEDIAN, CELL_DECISION_P90,
       CELL_DISCHARGED, CELL_DISCHARGE_MEDIAN, CELL_DISCHARGE_P90, N_CELLS };

static guint
row_count (KesReferralStatsRow *row,
           guint                cell)
{
  switch (cell)
    {
    case CELL_RECEIVED:
      return row->received;
    case CELL_DECIDED:
      return row->decided;
    case CELL_ACCEPTED:
      return row->accepted;
    case CELL_DECLINED:
      return row->declined;
    case CELL_REDIRECTED:
      return row->redirected;
    case CELL_DISCHARGED:
      return row->to_discharge->len;
    default:
      g_return_val_if_reached (0);
    }
}

/* One section's cells (a GStrv of N_CELLS per row). Counts are protected
 * column by column, as the equality report's are (kes-disclosure.h): a
 * month, source or area hidden as small can't come back by subtracting
 * the others from the total (the old "<5" could). */
static GPtrArray *
section_cells (const KesDisclosure *rule,
               GPtrArray           *rows)
{
  static const guint counts[] = { CELL_RECEIVED, CELL_DECIDED, CELL_ACCEPTED, CELL_DECLINED, CELL_REDIRECTED,
                                  CELL_DISCHARGED };
  GPtrArray *cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree guint *values = g_new0 (guint, rows->len + 1);

  for (guint i = 0; i < rows->len; i++)
    {
      KesReferralStatsRow *row = rows->pdata[i];
      GStrv line = g_new0 (char *, N_CELLS + 1);

      line[CELL_GROUP] = g_strdup (row->label);
      line[CELL_DECISION_MEDIAN] = kes_disclosure_median (rule, row->to_decision);
      line[CELL_DECISION_P90] = format_p90 (rule, row->to_decision);
      line[CELL_DISCHARGE_MEDIAN] = kes_disclosure_median (rule, row->to_discharge);
      line[CELL_DISCHARGE_P90] = format_p90 (rule, row->to_discharge);
      g_ptr_array_add (cells, line);
    }
  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_auto(GStrv) column = NULL;
      guint total = 0;

      for (guint i = 0; i < rows->len; i++)
        total += values[i] = row_count (rows->pdata[i], counts[c]);
      column = kes_disclosure_column (rule, values, rows->len, total, NULL);
      for (guint i = 0; i < rows->len; i++)
        ((GStrv) cells->pdata[i])[counts[c]] = g_strdup (column[i]);
    }
  return cells;
}

/* The ethnicity table's cells per row: category, decided, accepted,
 * declined, acceptance rate (from the rounded counts, withheld beside a
 * hidden one). */
static GPtrArray *
ethnicity_cells (const KesDisclosure *rule,
                 GPtrArray           *rows)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n = rows->len;
  g_autofree guint *decided = g_new0 (guint, n + 1);
  g_autofree guint *accepted = g_new0 (guint, n + 1);
  g_autofree guint *declined = g_new0 (guint, n + 1);
  g_autofree gboolean *decided_hidden = g_new0 (gboolean, n + 1);
  g_autofree gboolean *accepted_hidden = g_new0 (gboolean, n + 1);
  g_auto(GStrv) decided_texts = NULL;
  g_auto(GStrv) accepted_texts = NULL;
  g_auto(GStrv) declined_texts = NULL;
  guint totals[3] = { 0 };

  for (guint i = 0; i < n; i++)
    {
      KesReferralEthnicityRow *row = rows->pdata[i];

      totals[0] += decided[i] = row->decided;
      totals[1] += accepted[i] = row->accepted;
      totals[2] += declined[i] = row->declined;
    }
  decided_texts = kes_disclosure_column (rule, decided, n, totals[0], decided_hidden);
  accepted_texts = kes_disclosure_column (rule, accepted, n, totals[1], accepted_hidden);
  declined_texts = kes_disclosure_column (rule, declined, n, totals[2], NULL);
  for (guint i = 0; i < n; i++)
    {
      KesReferralEthnicityRow *row = rows->pdata[i];
      GStrv line = g_new0 (char *, 6);

      line[0] = g_strdup (row->label);
      line[1] = g_strdup (decided_texts[i]);
      line[2] = g_strdup (accepted_texts[i]);
      line[3] = g_strdup (declined_texts[i]);
      line[4] = kes_disclosure_rate (rule, accepted[i], accepted_hidden[i], decided[i], decided_hidden[i]);
      g_ptr_array_add (cells, line);
    }
  return cells;
}

static gboolean
load_sections (KesStore    *store,
               const char  *from,
               const char  *to,
               GPtrArray  **episodes,
               Section     *sections,
               GPtrArray  **ethnicity,
               GError     **error)
{
  g_autoptr(GDate) start = kes_date_from_iso (from);
  g_autoptr(GDate) end = kes_date_from_iso (to);

  if (start == NULL || end == NULL || g_date_compare (start, end) > 0)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("The report period %s to %s is not a period: give two dates (YYYY-MM-DD), the first on or before the second"),
                   from != NULL ? from : "", to != NULL ? to : "");
      return FALSE;
    }
  if (!kes_store_check_permission (store, KES_PERMISSION_EXPORT, NULL, error))
    return FALSE;
  *episodes = kes_store_referral_episodes (store, error);
  if (*episodes == NULL)
    return FALSE;
  sections[0] = (Section) { _("All referrals"), kes_referral_stats_compute (*episodes, from, to, KES_REFERRAL_GROUP_ALL) };
  sections[1] = (Section) { _("By month"), kes_referral_stats_compute (*episodes, from, to, KES_REFERRAL_GROUP_PERIOD) };
  sections[2] = (Section) { _("By source"), kes_referral_stats_compute (*episodes, from, to, KES_REFERRAL_GROUP_SOURCE) };
  sections[3] = (Section) { _("By area"), kes_referral_stats_compute (*episodes, from, to, KES_REFERRAL_GROUP_AREA) };
  {
    g_autoptr(KesCatchment) catchment = kes_store_get_catchment (store, error);

    if (catchment == NULL)
      return FALSE;
    kes_referral_stats_name_areas (sections[3].rows, catchment);
  }
  *ethnicity = kes_referral_stats_by_ethnicity (*episodes, from, to);
  {
    g_autofree char *summary = g_strdup_printf ("referral pathway report %s to %s", from, to);
    return kes_store_audit (store, KES_AUDIT_EXPORT, NULL, NULL, summary, error);
  }
}

static void
free_sections (Section *sections)
{
  for (guint i = 0; i < 4; i++)
    g_clear_pointer (&sections[i].rows, g_ptr_array_unref);
}

KesDocument *
kes_report_pathway (KesStore    *store,
                    const char  *from,
                    const char  *to,
                    GError     **error)
{
  static const double widths[] = { 2.6, 1, 1, 1, 1, 1.1, 1.2, 1.2 };
  static const double discharge_widths[] = { 3, 1, 1.3, 1.3 };
  static const double ethnic_widths[] = { 3.2, 1, 1, 1, 1.2 };
  const char *headers[] = { _("Group"), _("Received"), _("Decided"), _("Accepted"), _("Declined"),
                            _("Redirected"), _("Median days to decision"), _("90th percentile"), NULL };
  const char *discharge_headers[] = { _("Group"), _("Discharged"), _("Median days from decision"),
                                      _("90th percentile"), NULL };
  const char *ethnic_headers[] = { _("Ethnic category"), _("Decided"), _("Accepted"), _("Declined or redirected"),
                                   _("Acceptance rate (per 100)"), NULL };
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) ethnicity = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *subtitle = NULL;
  Section sections[4] = { { 0 } };
  GPtrArray *cells = NULL;
  KesDisclosure disclosure;
  KesBlock *table;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);

  /* The published rule: the report leaves the team like the equality
   * report does. */
  kes_disclosure_default (&disclosure);
  if (!load_sections (store, from, to, &episodes, sections, &ethnicity, error))
    {
      free_sections (sections);
      return NULL;
    }
  document = kes_document_new ("referral-pathway", _("Referral Pathway Report"));
  {
    g_autofree char *now = kes_clock_now_iso ();
    KesStaff *actor = kes_store_get_actor (store);

    kes_document_set_created_at (document, now);
    if (actor != NULL)
      kes_document_set_author (document, kes_staff_get_display_name (actor));
  }
  from_text = kes_report_date (from);
  to_text = kes_report_date (to);
  subtitle = g_strdup_printf (_("%s to %s"), from_text, to_text);
  kes_document_set_subtitle (document, subtitle);
  kes_document_set_subject (document, _("Referrals, waiting times and acceptance by ethnic category"));

  kes_document_add_heading (document, 1, _("How the figures are counted"));
  kes_document_add_paragraph (document,
    _("Every referral received counts, whether or not it met the criteria. Days are calendar days: weekends and bank "
      "holidays count. Referral to decision runs from the day a referral was received (or reopened) to the day it was "
      "accepted, declined or redirected to another service, and counts in the month of the decision. "
      "Decision to discharge runs from acceptance to discharge to the community, and counts in the month of discharge. "
      "A referral reopened after closure is counted again from the day it was reopened. The median is the middle "
      "value (the mean of the two middle values for an even number); the 90th percentile is the nearest-rank value. "
      "The acceptance rate is per 100 decided, worked out from the rounded counts."));
  {
    g_autofree char *rule = kes_disclosure_describe (&disclosure);

    kes_document_add_paragraph (document, rule);
  }

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      kes_document_add_heading (document, 1, sections[s].title);
      if (sections[s].rows->len == 0)
        {
          kes_document_add_paragraph (document, _("No referrals in this period."));
          continue;
        }
      cells = section_cells (&disclosure, sections[s].rows);
      table = kes_document_add_table (document, headers, widths);
      for (guint i = 0; i < cells->len; i++)
        {
          GStrv line = cells->pdata[i];
          kes_block_add_row_cells (table, line[CELL_GROUP], line[CELL_RECEIVED], line[CELL_DECIDED],
                                   line[CELL_ACCEPTED], line[CELL_DECLINED], line[CELL_REDIRECTED],
                                   line[CELL_DECISION_MEDIAN], line[CELL_DECISION_P90], NULL);
        }
      table = kes_document_add_table (document, discharge_headers, discharge_widths);
      for (guint i = 0; i < cells->len; i++)
        {
          GStrv line = cells->pdata[i];
          kes_block_add_row_cells (table, line[CELL_GROUP], line[CELL_DISCHARGED], line[CELL_DISCHARGE_MEDIAN],
                                   line[CELL_DISCHARGE_P90], NULL);
        }
      g_clear_pointer (&cells, g_ptr_array_unref);
    }

  kes_document_add_heading (document, 1, _("Acceptance by ethnic category"));
  if (ethnicity->len == 0)
    kes_document_add_paragraph (document, _("No decisions in this period."));
  else
    {
      cells = ethnicity_cells (&disclosure, ethnicity);
      table = kes_document_add_table (document, ethnic_headers, ethnic_widths);
      for (guint i = 0; i < cells->len; i++)
        {
          GStrv line = cells->pdata[i];
          kes_block_add_row_cells (table, line[0], line[1], line[2], line[3], line[4], NULL);
        }
      g_clear_pointer (&cells, g_ptr_array_unref);
    }
  free_sections (sections);
  return g_steal_pointer (&document);
}

static void
csv_field (GString    *csv,
           const char *text,
           gboolean    last)
{
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (csv, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (csv, '"');
          g_string_append_c (csv, *p);
        }
      g_string_append_c (csv, '"');
    }
  else
    g_string_append (csv, text);
  g_string_append (csv, last ? "\r\n" : ",");
}

char *
kes_report_pathway_csv (KesStore    *store,
                        const char  *from,
                        const char  *to,
                        GError     **error)
{
  static const char *const keys[] = { "all", "month", "source", "area" };
  static const char *const header[] = {
    "table", "group", "received", "decided", "accepted", "declined", "redirected", "median_days_to_decision",
    "p90_days_to_decision", "discharged", "median_days_to_discharge", "p90_days_to_discharge",
  };
  static const char *const ethnic_header[] = {
    "table", "ethnic_category", "label", "decided", "accepted", "declined", "acceptance_rate",
  };
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) ethnicity = NULL;
  Section sections[4] = { { 0 } };
  KesDisclosure disclosure;
  GString *csv;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);

  /* The published rule: the report leaves the team like the equality
   * report does. */
  kes_disclosure_default (&disclosure);
  if (!load_sections (store, from, to, &episodes, sections, &ethnicity, error))
    {
      free_sections (sections);
      return NULL;
    }
  csv = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    csv_field (csv, header[i], i + 1 == G_N_ELEMENTS (header));
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      g_autoptr(GPtrArray) cells = section_cells (&disclosure, sections[s].rows);

      for (guint i = 0; i < cells->len; i++)
        {
          KesReferralStatsRow *row = sections[s].rows->pdata[i];
          GStrv line = cells->pdata[i];

          csv_field (csv, keys[s], FALSE);
          /* Machine-readable: the month or code rather than the label. */
          csv_field (csv, s == 0 ? "all" : row->key, FALSE);
          for (guint c = CELL_RECEIVED; c < N_CELLS; c++)
            csv_field (csv, line[c], c + 1 == N_CELLS);
        }
    }
  g_string_append (csv, "\r\n");
  for (guint i = 0; i < G_N_ELEMENTS (ethnic_header); i++)
    csv_field (csv, ethnic_header[i], i + 1 == G_N_ELEMENTS (ethnic_header));
  {
    g_autoptr(GPtrArray) cells = ethnicity_cells (&disclosure, ethnicity);

    for (guint i = 0; i < cells->len; i++)
      {
        KesReferralEthnicityRow *row = ethnicity->pdata[i];
        GStrv line = cells->pdata[i];

        csv_field (csv, "ethnicity", FALSE);
        csv_field (csv, row->ethnicity, FALSE);
        for (guint c = 0; c < 5; c++)
          csv_field (csv, line[c], c == 4);
      }
  }
  free_sections (sections);
  return g_string_free (csv, FALSE);
}
