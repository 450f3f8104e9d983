/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-moj-due"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-moj-schedule.h"
#include "kes-store-due-private.h"
#include "kes-store-moj-private.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"

/* What restricted-patient records make due (Today and the Reports area),
 * and the values a report template can prefill from the record. */

/* One patient's restricted-patient records that make work due, each kind
 * newest first (the order kes_store_moj_query gives). */
typedef struct
{
  char      *patient_id;
  char      *name;
  char      *team_id;
  GPtrArray *statuses;
  GPtrArray *reports;
  GPtrArray *late_notices;
  GPtrArray *address_notices;
} DuePatient;

static DuePatient *
due_patient_new (KesDbStmt *stmt,
                 int           first_column)
{
  DuePatient *patient = g_new0 (DuePatient, 1);

  patient->patient_id = g_strdup (kes_store_column_text (stmt, first_column));
  patient->name = kes_patient_format_display_name (kes_store_column_text (stmt, first_column + 1),
                                                   kes_store_column_text (stmt, first_column + 2),
                                                   kes_store_column_text (stmt, first_column + 3));
  patient->team_id = g_strdup (kes_store_column_text (stmt, first_column + 4));
  patient->statuses = g_ptr_array_new_with_free_func (g_object_unref);
  patient->reports = g_ptr_array_new_with_free_func (g_object_unref);
  patient->late_notices = g_ptr_array_new_with_free_func (g_object_unref);
  patient->address_notices = g_ptr_array_new_with_free_func (g_object_unref);
  return patient;
}

static void
due_patient_free (DuePatient *patient)
{
  g_free (patient->patient_id);
  g_free (patient->name);
  g_free (patient->team_id);
  g_ptr_array_unref (patient->statuses);
  g_ptr_array_unref (patient->reports);
  g_ptr_array_unref (patient->late_notices);
  g_ptr_array_unref (patient->address_notices);
  g_free (patient);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DuePatient, due_patient_free)

static GPtrArray *
due_patient_bucket (DuePatient *patient,
                    KesMojKind  kind)
{
  switch (kind)
    {
    case KES_MOJ_LEGAL_STATUS:
      return patient->statuses;
    case KES_MOJ_REPORT:
      return patient->reports;
    case KES_MOJ_LATE_NOTICE:
      return patient->late_notices;
    case KES_MOJ_ADDRESS_NOTICE:
      return patient->address_notices;
    case KES_MOJ_INDEX_OFFENCE:
    case KES_MOJ_CONDITION:
    case KES_MOJ_CONDITIONS_APPLICATION:
    case KES_MOJ_INCIDENT:
    case KES_MOJ_N_KINDS:
    default:
      return NULL;
    }
}

static void
add_item (GPtrArray     *items,
          DuePatient    *patient,
          const char    *kind,
          KesDueUrgency  urgency,
          const char    *due_date,
          const char    *title,
          const char    *detail,
          const char    *record_id)
{
  g_ptr_array_add (items, kes_due_item_new (kind, urgency, due_date, patient->patient_id, patient->name,
                                            *patient->team_id != '\0' ? patient->team_id : NULL,
                                            title, detail, "patient/moj", record_id));
}

static void
report_items (DuePatient   *patient,
              const GDate  *today,
              GPtrArray    *items)
{
  const KesMojSchedule *schedule = kes_moj_schedule_get_default ();
  GPtrArray *statuses = patient->statuses;
  GPtrArray *reports = patient->reports;
  GPtrArray *notices = patient->late_notices;
  g_auto(GStrv) answered = NULL;
  g_autofree char *due = NULL;
  g_autofree char *first = NULL;
  KesMojRecord *status;
  const char *discharge;
  const char *draft_id = NULL;
  g_autofree char *detail = NULL;
  KesDueUrgency urgency;


  /* Urgent reports not yet submitted go to the top of Today, whatever the status. */
  for (guint i = 0; i < reports->len; i++)
    {
      KesMojRecord *report = g_ptr_array_index (reports, i);
      const char *code = kes_moj_record_get_text (report, "trigger");
      const char *label = kes_code_list_lookup (kes_code_list_get (KES_CODES_URGENT_TRIGGER), code);

      if (kes_moj_report_is_urgent (report) && !kes_moj_report_is_submitted (report))
        add_item (items, patient, "moj-report", KES_DUE_TOP_PRIORITY,
                  kes_moj_record_get_text (report, "due_date"),
                  _("Urgent report to the Ministry of Justice"), label != NULL ? label : "",
                  kes_moj_record_get_id (report));
    }

  if (statuses->len == 0)
    return;
  status = g_ptr_array_index (statuses, 0);
  if (!kes_legal_status_is_conditionally_discharged (status))
    return;
  discharge = kes_moj_record_get_text (status, "conditional_discharge_date");

  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    for (guint i = 0; i < reports->len; i++)
      {
        KesMojRecord *report = g_ptr_array_index (reports, i);
        if (!kes_moj_report_is_urgent (report) && kes_moj_report_is_submitted (report) &&
            g_strcmp0 (kes_moj_record_get_text (report, "due_date"), discharge) > 0)
          g_strv_builder_add (builder, kes_moj_record_get_text (report, "due_date"));
      }
    answered = g_strv_builder_end (builder);
  }
  due = kes_moj_schedule_next_due (schedule, discharge, (const char * const *) answered);
  if (due == NULL || !kes_due_urgency_for_date (due, today, schedule->warning_days, &urgency))
    return;

  for (guint i = 0; i < reports->len; i++)
    {
      KesMojRecord *report = g_ptr_array_index (reports, i);
      if (!kes_moj_report_is_urgent (report) && !kes_moj_report_is_submitted (report) &&
          g_str_equal (kes_moj_record_get_text (report, "due_date"), due))
        draft_id = kes_moj_record_get_id (report);
    }

  for (guint i = 0; i < notices->len && detail == NULL; i++)
    {
      KesMojRecord *notice = g_ptr_array_index (notices, i);
      if (g_str_equal (kes_moj_record_get_text (notice, "due_date"), due))
        {
          g_autofree char *sent = kes_date_to_display (kes_moj_record_get_text (notice, "sent_date"));
          detail = g_strdup_printf (_("Late notice sent to MHCS on %s"), sent);
        }
    }
  first = kes_moj_schedule_due_date (schedule, discharge, 0);
  if (detail == NULL)
    detail = g_strdup (g_str_equal (first, due) ? _("First report after conditional discharge")
                                                : _("Three-monthly report"));
  add_item (items, patient, "moj-report", urgency, due,
            _("Ministry of Justice report"), detail, draft_id);
}

static void
address_items (DuePatient   *patient,
               const GDate  *today,
               GPtrArray    *items)
{
  const KesMojSchedule *schedule = kes_moj_schedule_get_default ();
  GPtrArray *notices = patient->address_notices;

  for (guint i = 0; i < notices->len; i++)
    {
      KesMojRecord *notice = g_ptr_array_index (notices, i);
      g_autofree char *due = NULL;
      g_autofree char *move = NULL;
      g_autofree char *detail = NULL;
      KesDueUrgency urgency;

      if (*kes_moj_record_get_text (notice, "notified_date") != '\0')
        continue;
      due = kes_moj_address_notice_due (schedule, kes_moj_record_get_text (notice, "move_date"));
      if (due == NULL || !kes_due_urgency_for_date (due, today, schedule->address_warning_days, &urgency))
        continue;
      move = kes_date_to_display (kes_moj_record_get_text (notice, "move_date"));
      detail = g_strdup_printf (_("Moving on %s; MHCS must know %u days ahead"), move,
                                schedule->address_notice_days);
      add_item (items, patient, "moj-address-notice", urgency, due,
                _("Tell MHCS of a change of address"), detail, kes_moj_record_get_id (notice));
    }
}

static void
patient_items (DuePatient  *patient,
               const GDate *today,
               GPtrArray   *items)
{
  if (patient->statuses->len > 0 || patient->reports->len > 0)
    report_items (patient, today, items);
  address_items (patient, today, items);
}

/* One query for the whole team (or caseload): the records of the kinds that
 * make work due, grouped by patient, each kind newest first. A query per
 * patient cost a statement run and its index seeks for every restricted
 * patient, which was the largest part of a team's Today. */
gboolean
kes_store_moj_due_items (KesStore     *self,
                         const GDate  *today,
                         const char   *team_id,
                         GPtrArray    *items,
                         GError      **error)
{
  g_autoptr(DuePatient) patient = NULL;
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, NULL, error))
    return FALSE;

  /* "+" keeps SQLite starting from the team's patients rather than from
   * every record of these kinds. */
  stmt = kes_store_prepare_for_team (self,
    "SELECT m.id, m.patient_id, m.kind, m.data, r.revision, r.state, "
    "  p.id, p.family_name, p.given_name, p.preferred_name, p.team_id "
    "FROM patient p CROSS JOIN record pr ON pr.id = p.id AND pr.state = 'active' "
    "JOIN moj_record m ON m.patient_id = p.id CROSS JOIN record r ON r.id = m.id AND r.state = 'active' "
    "WHERE +m.kind IN (?1, ?2, ?3, ?4) %s "
    "ORDER BY p.id, m.sort_date DESC, r.created_at DESC, m.id", team_id, error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, kes_moj_kind_to_string (KES_MOJ_LEGAL_STATUS), -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 2, kes_moj_kind_to_string (KES_MOJ_REPORT), -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 3, kes_moj_kind_to_string (KES_MOJ_LATE_NOTICE), -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 4, kes_moj_kind_to_string (KES_MOJ_ADDRESS_NOTICE), -1, KES_DB_STATIC);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesMojRecord *record;

      if (patient != NULL && !g_str_equal (patient->patient_id, kes_store_column_text (stmt, 6)))
        {
          patient_items (patient, today, items);
          g_clear_pointer (&patient, due_patient_free);
        }
      if (patient == NULL)
        patient = due_patient_new (stmt, 6);
      record = kes_store_moj_record_from_row (stmt, error);
      if (record == NULL)
        {
          kes_db_reset (stmt);
          return FALSE;
        }
      g_ptr_array_add (due_patient_bucket (patient, kes_moj_record_get_kind (record)), record);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the restricted patient records"));
      return FALSE;
    }
  if (patient != NULL)
    patient_items (patient, today, items);
  return TRUE;
}

/* ---- Prefill ---- */

static char *
staff_line (KesStore   *self,
            const char *staff_id)
{
  g_autoptr(KesStaff) staff = staff_id != NULL && *staff_id != '\0' ? kes_store_lookup_staff (self, staff_id) : NULL;
  GString *line;

  if (staff == NULL)
    return g_strdup ("");
  line = g_string_new (kes_staff_get_display_name (staff));
  if (*kes_staff_get_role_title (staff) != '\0')
    g_string_append_printf (line, ", %s", kes_staff_get_role_title (staff));
  if (*kes_staff_get_contact (staff) != '\0')
    g_string_append_printf (line, " (%s)", kes_staff_get_contact (staff));
  return g_string_free (line, FALSE);
}

static void
put (GHashTable *values,
     const char *key,
     char       *value)
{
  g_hash_table_insert (values, g_strdup (key), value != NULL ? value : g_strdup (""));
}

static char *
status_field (KesMojRecord *status,
              const char   *key)
{
  const KesMojField *fields;
  guint n_fields;

  if (status == NULL)
    return g_strdup ("");
  fields = kes_moj_kind_fields (KES_MOJ_LEGAL_STATUS, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, key))
      return kes_moj_record_dup_display (status, &fields[i]);
  return g_strdup ("");
}

static char *
contact_dates (KesStore    *self,
               const char  *patient_id,
               const char  *from,
               const char  *to,
               GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  KesDbStmt *stmt;
  int rc;

  /* The same contacts kes_store_count_contacts counts. */
  stmt = kes_store_prepare (self,
    "SELECT substr (occurred_at, 1, 10), contact_type FROM contact "
    "WHERE patient_id = ?1 AND state = 'active' AND contact_type != 'dna' "
    "AND (?2 IS NULL OR substr (occurred_at, 1, 10) >= ?2) "
    "AND (?3 IS NULL OR substr (occurred_at, 1, 10) <= ?3) ORDER BY occurred_at", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 2, from);
  kes_store_bind_text (stmt, 3, to);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autofree char *date = kes_date_to_display (kes_store_column_text (stmt, 0));
      const char *type = kes_code_list_lookup (kes_code_list_get (KES_CODES_CONTACT_TYPE),
                                               kes_store_column_text (stmt, 1));
      g_string_append_printf (text, "%s%s (%s)", text->len > 0 ? "; " : "", date,
                              type != NULL ? type : kes_store_column_text (stmt, 1));
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the contact log"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
join_records (GListModel *model,
              KesMojKind  kind)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (records, g_list_model_get_item (model, i));
  /* Conditions in the order the report's compliance table uses. */
  if (kind == KES_MOJ_CONDITION)
    g_ptr_array_sort (records, kes_moj_condition_compare);
  for (guint i = 0; i < records->len; i++)
    {
      KesMojRecord *record = g_ptr_array_index (records, i);
      const KesMojField *fields;
      guint n_fields;

      if (kind == KES_MOJ_CONDITION && *kes_moj_record_get_text (record, "end_date") != '\0')
        continue;
      fields = kes_moj_kind_fields (kind, &n_fields);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      for (guint f = 0, shown = 0; f < n_fields; f++)
        {
          g_autofree char *value = kes_moj_record_dup_display (record, &fields[f]);
          if (*value == '\0' || g_str_equal (fields[f].key, "end_date"))
            continue;
          g_string_append (text, shown++ == 0 ? "" : (kind == KES_MOJ_CONDITION && f == 1 ? ": " : ", "));
          g_string_append (text, value);
        }
    }
  return g_string_free (text, FALSE);
}

GHashTable *
kes_store_moj_prefill_values (KesStore    *self,
                              const char  *patient_id,
                              const char  *from,
                              const char  *to,
                              GError     **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesMojRecord) status = NULL;
  g_autoptr(GListModel) conditions = NULL;
  g_autoptr(GListModel) moves = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GString) diagnosis = g_string_new (NULL);
  const char * const *codes;
  char *dates;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;

  patient = kes_store_load_patient (self, patient_id, error);
  if (patient == NULL)
    return NULL;
  status = kes_store_current_legal_status (self, patient_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  conditions = kes_store_list_moj_records (self, patient_id, KES_MOJ_CONDITION, FALSE, error);
  moves = conditions != NULL ? kes_store_list_moj_records (self, patient_id, KES_MOJ_ADDRESS_NOTICE, FALSE, error) : NULL;
  if (moves == NULL)
    return NULL;
  dates = contact_dates (self, patient_id, from, to, error);
  if (dates == NULL)
    return NULL;

  put (values, "patient.name", kes_patient_dup_display_name (patient));
  put (values, "patient.aliases",
       g_strjoinv (", ", (char **) kes_patient_get_list (patient, KES_PATIENT_ALIASES)));
  put (values, "patient.birth_date", kes_date_to_display (kes_patient_get_text (patient, KES_PATIENT_BIRTH_DATE)));
  put (values, "patient.nhs_number", kes_nhs_number_format (kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER)));
  put (values, "patient.mhcs_reference", status_field (status, "mhcs_reference"));
  codes = kes_patient_get_list (patient, KES_PATIENT_DIAGNOSES);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const char *label = kes_code_list_lookup (kes_code_list_get (KES_CODES_ICD10), codes[i]);
      g_string_append_printf (diagnosis, "%s%s %s", i > 0 ? "; " : "", codes[i], label != NULL ? label : "");
    }
  if (*kes_patient_get_text (patient, KES_PATIENT_DIAGNOSIS_NOTES) != '\0')
    g_string_append_printf (diagnosis, "%s%s", diagnosis->len > 0 ? ". " : "",
                            kes_patient_get_text (patient, KES_PATIENT_DIAGNOSIS_NOTES));
  put (values, "patient.diagnosis", g_strdup (diagnosis->str));
  {
    const char *address = kes_patient_get_text (patient, KES_PATIENT_ADDRESS);
    const char *postcode = kes_patient_get_text (patient, KES_PATIENT_POSTCODE);
    put (values, "patient.address", g_strjoin (*address != '\0' && *postcode != '\0' ? ", " : "",
                                               address, postcode, NULL));
  }
  if (g_list_model_get_n_items (moves) > 0)
    {
      g_autoptr(KesMojRecord) move = g_list_model_get_item (moves, 0);
      put (values, "accommodation", g_strdup (kes_moj_record_get_text (move, "accommodation")));
    }
  else
    put (values, "accommodation", g_strdup (""));
  put (values, "legal.authority", status_field (status, "authority"));
  put (values, "legal.order_date", status_field (status, "order_date"));
  put (values, "legal.restriction_date", status_field (status, "restriction_date"));
  put (values, "legal.court", status_field (status, "court"));
  put (values, "legal.conditional_discharge_date", status_field (status, "conditional_discharge_date"));
  put (values, "legal.discharged_by", status_field (status, "discharged_by"));
  put (values, "legal.supervised_discharge",
       g_strdup (status != NULL && kes_moj_record_get_bool (status, "supervised_discharge") ? _("Yes") : _("No")));
  put (values, "legal.summary", kes_legal_status_dup_summary (status));
  {
    g_autofree char *category = status_field (status, "mappa_category");
    g_autofree char *level = status_field (status, "mappa_level");
    g_autofree char *coordinator = status_field (status, "mappa_coordinator");
    g_autofree char *sent = status_field (status, "mappa_notification_sent");
    GString *mappa = g_string_new (NULL);

    if (*category != '\0')
      g_string_append (mappa, category);
    if (*level != '\0')
      g_string_append_printf (mappa, "%s%s", mappa->len > 0 ? "; " : "", level);
    if (*coordinator != '\0')
      g_string_append_printf (mappa, _("%sCoordinator: %s"), mappa->len > 0 ? "; " : "", coordinator);
    if (*sent != '\0')
      g_string_append_printf (mappa, _("%sNotification sent %s"), mappa->len > 0 ? "; " : "", sent);
    put (values, "legal.mappa", g_string_free (mappa, FALSE));
  }
  {
    g_autofree char *vlo = status_field (status, "vlo");
    g_autofree char *last = status_field (status, "vlo_last_contact");
    g_autofree char *concerns = status_field (status, "victim_concerns");
    g_autofree char *zones = status_field (status, "exclusion_zones");
    GString *victims = g_string_new (NULL);

    if (*vlo != '\0')
      g_string_append_printf (victims, _("VLO: %s"), vlo);
    if (*last != '\0')
      g_string_append_printf (victims, _("%sLast contact %s"), victims->len > 0 ? "; " : "", last);
    if (*concerns != '\0')
      g_string_append_printf (victims, _("%sConcerns: %s"), victims->len > 0 ? "\n" : "", concerns);
    if (*zones != '\0')
      g_string_append_printf (victims, _("%sExclusion zones: %s"), victims->len > 0 ? "\n" : "", zones);
    put (values, "legal.victims", g_string_free (victims, FALSE));
  }
  /* Index offences live in the legal status record (migration 0017 moved
   * the older separate records there). */
  put (values, "offences", status_field (status, "index_offences"));
  put (values, "conditions", join_records (conditions, KES_MOJ_CONDITION));
  put (values, "supervisor.social", staff_line (self, kes_patient_get_text (patient, KES_PATIENT_SUPERVISOR_ID)));
  put (values, "supervisor.clinical", staff_line (self, kes_patient_get_text (patient, KES_PATIENT_CLINICIAN_ID)));
  put (values, "contacts.count",
       g_strdup_printf ("%u", kes_store_count_contacts (self, patient_id, from, to)));
  put (values, "contacts.dates", dates);
  put (values, "period.from", from != NULL ? kes_date_to_display (from) : g_strdup (""));
  put (values, "period.to", to != NULL ? kes_date_to_display (to) : g_strdup (""));
  return g_steal_pointer (&values);
}
