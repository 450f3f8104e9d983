/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-crisis-essentials"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kes-accounts.h"
#include "kes-care-record.h"
#include "kes-carers.h"
#include "kes-clock.h"
#include "kes-clozapine.h"
#include "kes-codes.h"
#include "kes-crisis-essentials.h"
#include "kes-lithium.h"
#include "kes-medication-rules.h"
#include "kes-moj.h"
#include "kes-patient.h"
#include "kes-permissions.h"
#include "kes-records.h"
#include "kes-services.h"
#include "kes-store-community.h"
#include "kes-store-moj.h"
#include "kes-store-patients.h"
#include "kes-store-private.h"
#include "kes-validate.h"

/* ---- Lines ---- */

static void
line_free (gpointer data)
{
  KesEssentialLine *line = data;

  g_free (line->label);
  g_free (line->value);
  g_free (line);
}

/* Adds a line, taking @value; nothing when @value is NULL or empty. */
static void
add_line (GPtrArray  *lines,
          const char *label,
          char       *value)
{
  KesEssentialLine *line;

  if (value == NULL || *value == '\0')
    {
      g_free (value);
      return;
    }
  line = g_new0 (KesEssentialLine, 1);
  line->label = g_strdup (label);
  line->value = value;
  g_ptr_array_add (lines, line);
}

static char *
code_label (const char *list,
            const char *code)
{
  const char *label;

  if (code == NULL || *code == '\0')
    return NULL;
  label = kes_code_list_lookup (kes_code_list_get (list), code);
  return g_strdup (label != NULL ? label : code);
}

/* "Dr Ruth Patel, Consultant psychiatrist · 0161 555 0101". */
static char *
staff_contact (KesStore   *store,
               const char *staff_id)
{
  g_autoptr(KesStaff) staff = NULL;
  GString *text;

  if (staff_id == NULL || *staff_id == '\0')
    return NULL;
  staff = kes_store_lookup_staff (store, staff_id);
  if (staff == NULL)
    return g_strdup (staff_id);
  text = g_string_new (kes_staff_get_display_name (staff));
  if (kes_staff_get_role_title (staff) != NULL && *kes_staff_get_role_title (staff) != '\0')
    g_string_append_printf (text, ", %s", kes_staff_get_role_title (staff));
  if (kes_staff_get_contact (staff) != NULL && *kes_staff_get_contact (staff) != '\0')
    g_string_append_printf (text, " · %s", kes_staff_get_contact (staff));
  return g_string_free (text, FALSE);
}

static gboolean
in_force (const char *end_date,
          const char *today)
{
  return end_date == NULL || *end_date == '\0' || g_strcmp0 (end_date, today) >= 0;
}

/* ---- Legal status and contacts ---- */

static void
add_legal (GPtrArray    *lines,
           KesStore     *store,
           KesPatient   *patient,
           KesMojRecord *status)
{
  const char *mhcs = status != NULL ? kes_moj_record_get_text (status, "mhcs_reference") : "";
  char *rc, *coordinator;

  if (status != NULL)
    add_line (lines, _("Legal status in force"), kes_legal_status_dup_summary (status));
  else
    add_line (lines, _("Legal status"), g_strdup (_("Not recorded")));
  add_line (lines, _("MHCS reference"), g_strdup (mhcs));
  if (status != NULL)
    add_line (lines, _("Index offence"), g_strdup (kes_moj_record_get_text (status, "index_offences")));
  /* Who to call is never left out silently. */
  rc = staff_contact (store, kes_patient_get_text (patient, KES_PATIENT_CLINICIAN_ID));
  add_line (lines, _("Responsible clinician"), rc != NULL ? rc : g_strdup (_("Not recorded")));
  coordinator = staff_contact (store, kes_patient_get_text (patient, KES_PATIENT_COORDINATOR_ID));
  add_line (lines, _("Care coordinator"), coordinator != NULL ? coordinator : g_strdup (_("Not recorded")));
  add_line (lines, _("Social supervisor"),
            staff_contact (store, kes_patient_get_text (patient, KES_PATIENT_SUPERVISOR_ID)));
}

/* ---- Risk to others and victim conditions ---- */

static gboolean
add_risk (GPtrArray     *lines,
          KesStore      *store,
          KesPatient    *patient,
          KesMojRecord  *status,
          const char    *today,
          GError       **error)
{
  g_autoptr(GListModel) conditions = NULL;
  const char *category = status != NULL ? kes_moj_record_get_text (status, "mappa_category") : "";
  const char *level = status != NULL ? kes_moj_record_get_text (status, "mappa_level") : "";

  if (*category != '\0')
    {
      g_autofree char *c = code_label (KES_CODES_MAPPA_CATEGORY, category);
      g_autofree char *l = code_label (KES_CODES_MAPPA_LEVEL, level);

      add_line (lines, _("MAPPA"), l != NULL ? g_strdup_printf ("%s · %s", c, l) : g_strdup (c));
    }
  if (status != NULL)
    {
      add_line (lines, _("MAPPA coordinator"), g_strdup (kes_moj_record_get_text (status, "mappa_coordinator")));
      add_line (lines, _("Victim Liaison Officer"), g_strdup (kes_moj_record_get_text (status, "vlo")));
      add_line (lines, _("Victim concerns"), g_strdup (kes_moj_record_get_text (status, "victim_concerns")));
      add_line (lines, _("Exclusion zones and no-contact conditions"),
                g_strdup (kes_moj_record_get_text (status, "exclusion_zones")));
    }

  conditions = kes_store_list_moj_records (store, kes_patient_get_id (patient), KES_MOJ_CONDITION, FALSE, error);
  if (conditions == NULL)
    return FALSE;
  /* Conditions about victims first: they are what a crisis team must not breach. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < g_list_model_get_n_items (conditions); i++)
      {
        g_autoptr(KesMojRecord) condition = g_list_model_get_item (conditions, i);
        const char *kind = kes_moj_record_get_text (condition, "category");
        g_autofree char *label = NULL;
        g_autofree char *heading = NULL;

        if ((pass == 0) != g_str_equal (kind, "victims") ||
            !in_force (kes_moj_record_get_text (condition, "end_date"), today))
          continue;
        label = code_label (KES_CODES_DISCHARGE_CONDITION, kind);
        /* TRANSLATORS: "Condition of discharge: Residence" */
        heading = g_strdup_printf (_("Condition of discharge: %s"), label);
        add_line (lines, heading, g_strdup (kes_moj_record_get_text (condition, "wording")));
      }
  if (lines->len == 0)
    add_line (lines, _("Risk to others"),
              g_strdup (_("No MAPPA, victim or discharge conditions are recorded")));
  return TRUE;
}

/* ---- Medication: depot dates, clozapine ---- */

static char *
depot_dates (KesCareRecord *script,
             GListModel    *doses,
             const char    *today)
{
  g_autoptr(GDate) start = kes_date_from_iso (kes_care_record_get (script, "start_date"));
  g_autoptr(GDate) last = NULL;
  g_autoptr(GDate) due = NULL;
  g_autofree char *last_iso = NULL;
  g_autofree char *due_iso = NULL;
  g_autofree char *last_shown = NULL;
  g_autofree char *due_shown = NULL;
  double interval = 0;
  GString *text;

  if (start == NULL || !kes_care_record_get_number (script, "interval_days", &interval) || interval < 1)
    return NULL;
  for (guint j = 0; j < g_list_model_get_n_items (doses) && last == NULL; j++)
    {
      g_autoptr(KesCareRecord) dose = g_list_model_get_item (doses, j);

      if (g_str_equal (kes_care_record_get (dose, "prescription_id"), kes_care_record_get_id (script)) &&
          g_str_equal (kes_care_record_get (dose, "outcome"), "given"))
        last = kes_date_from_iso (kes_care_record_get (dose, "given_on"));
    }
  due = kes_depot_next_due (last, start, (guint) interval);
  due_iso = kes_date_to_iso (due);
  due_shown = kes_date_to_display (due_iso);
  /* TRANSLATORS: a depot's dose and interval, "150 mg every 28 days" */
  text = g_string_new (NULL);
  g_string_append_printf (text, _("%s every %.0f days"), kes_care_record_get (script, "dose"), interval);
  if (last != NULL)
    {
      last_iso = kes_date_to_iso (last);
      last_shown = kes_date_to_display (last_iso);
      g_string_append_printf (text, _(" · last given %s"), last_shown);
    }
  else
    g_string_append (text, _(" · no dose given yet"));
  if (g_strcmp0 (due_iso, today) < 0)
    g_string_append_printf (text, _(" · next due %s (overdue)"), due_shown);
  else
    g_string_append_printf (text, _(" · next due %s"), due_shown);
  return g_string_free (text, FALSE);
}

static char *
latest_fbc (KesStore    *store,
            const char  *patient_id,
            GError     **error)
{
  g_autoptr(GListModel) results = kes_store_list_care_records (store, patient_id, KES_CARE_FBC, FALSE, error);
  g_autoptr(KesCareRecord) fbc = NULL;
  g_autofree char *date = NULL;
  KesFbcLight light, service;

  if (results == NULL || g_list_model_get_n_items (results) == 0)
    return NULL;
  fbc = g_list_model_get_item (results, 0);
  light = kes_store_fbc_light (store, fbc, NULL);
  /* The monitoring service's colour counts when it is the more cautious. */
  if (kes_fbc_light_parse (kes_care_record_get (fbc, "service_light"), &service))
    light = kes_fbc_light_worse (light, service);
  date = kes_date_to_display (kes_care_record_get (fbc, "taken_on"));
  /* TRANSLATORS: date, traffic light ("Green"), what to do */
  return g_strdup_printf (_("%s: %s — %s"), date, kes_fbc_light_label (light), kes_fbc_light_action (light));
}

/* "0.7 mmol/L on 2 Nov 2026 — within the target range (0.4 to 1.0)". */
static char *
latest_lithium (KesStore    *store,
                const char  *patient_id,
                GError     **error)
{
  g_autoptr(GListModel) results = kes_store_list_care_records (store, patient_id, KES_CARE_LITHIUM_LEVEL, FALSE,
                                                               error);
  g_autoptr(KesCareRecord) level = NULL;
  g_autofree char *date = NULL;
  double value;

  if (results == NULL || g_list_model_get_n_items (results) == 0)
    return NULL;
  level = g_list_model_get_item (results, 0);
  date = kes_date_to_display (kes_care_record_get (level, "taken_on"));
  if (!kes_care_record_get_number (level, "level", &value))
    return NULL;
  /* TRANSLATORS: a lithium level, its date and where it falls */
  return g_strdup_printf (_("%s mmol/L on %s — %s"), kes_care_record_get (level, "level"), date,
                          kes_lithium_band_label (kes_lithium_band (kes_store_lithium_target (store, patient_id,
                                                                                              kes_care_record_get (level, "taken_on")),
                                                                    value)));
}

/* "16 Nov 2026: BP 138/86 mmHg · weight 95.1 kg · pulse 78". */
static char *
latest_physical (KesStore    *store,
                 const char  *patient_id,
                 GError     **error)
{
  /* Label, then the value and its unit. */
  static const struct { const char *key, *label, *unit; } measures[] = {
    { "weight_kg", N_("weight"), "kg" }, { "waist_cm", N_("waist"), "cm" }, { "pulse", N_("pulse"), "" },
    { "hba1c", N_("HbA1c"), "mmol/mol" }, { "glucose", N_("glucose"), "mmol/L" },
    { "cholesterol", N_("cholesterol"), "mmol/L" },
  };
  g_autoptr(GListModel) checks = kes_store_list_care_records (store, patient_id, KES_CARE_PHYSICAL_HEALTH, FALSE,
                                                              error);
  g_autoptr(KesCareRecord) check = NULL;
  g_autofree char *date = NULL;
  GString *text;

  if (checks == NULL || g_list_model_get_n_items (checks) == 0)
    return NULL;
  check = g_list_model_get_item (checks, 0);
  date = kes_date_to_display (kes_care_record_get (check, "taken_on"));
  text = g_string_new (date);
  g_string_append (text, ":");
  if (*kes_care_record_get (check, "systolic") != '\0')
    g_string_append_printf (text, _(" BP %s/%s mmHg ·"), kes_care_record_get (check, "systolic"),
                            kes_care_record_get (check, "diastolic"));
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (*kes_care_record_get (check, measures[i].key) != '\0')
      {
        g_string_append_printf (text, " %s %s%s%s ·", _(measures[i].label), kes_care_record_get (check, measures[i].key),
                                *measures[i].unit != '\0' ? " " : "", measures[i].unit);
      }
  /* The last separator goes. */
  if (g_str_has_suffix (text->str, " ·"))
    g_string_truncate (text, text->len - strlen (" ·"));
  return g_string_free (text, FALSE);
}

static gboolean
add_medication (GPtrArray   *lines,
                KesStore    *store,
                const char  *patient_id,
                const char  *today,
                GError     **error)
{
  g_autoptr(GListModel) scripts = kes_store_list_care_records (store, patient_id, KES_CARE_PRESCRIPTION,
                                                               FALSE, error);
  g_autoptr(GListModel) doses = NULL;
  gboolean clozapine = FALSE;

  if (scripts == NULL)
    return FALSE;
  doses = kes_store_list_care_records (store, patient_id, KES_CARE_DEPOT_DOSE, FALSE, error);
  if (doses == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (scripts); i++)
    {
      g_autoptr(KesCareRecord) script = g_list_model_get_item (scripts, i);
      const char *stop = kes_care_record_get (script, "stop_date");
      const char *category = kes_care_record_get (script, "category");
      g_autofree char *label = NULL;
      char *value;

      if (*stop != '\0' && g_strcmp0 (stop, today) <= 0)
        continue;
      if (g_str_equal (category, "depot"))
        {
          /* TRANSLATORS: "Depot: Paliperidone palmitate" */
          label = g_strdup_printf (_("Depot: %s"), kes_care_record_get (script, "drug"));
          value = depot_dates (script, doses, today);
        }
      else
        {
          label = g_strdup (kes_care_record_get (script, "drug"));
          value = g_strstrip (g_strjoin (" ", kes_care_record_get (script, "dose"),
                                         kes_care_record_get (script, "route"),
                                         kes_care_record_get (script, "frequency"), NULL));
        }
      clozapine = clozapine || g_str_equal (category, "clozapine");
      add_line (lines, label, value);
    }
  if (clozapine)
    {
      g_autoptr(GError) local = NULL;
      char *fbc = latest_fbc (store, patient_id, &local);

      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      add_line (lines, _("Latest clozapine blood result"), fbc != NULL ? fbc : g_strdup (_("None recorded")));
      add_line (lines, _("Clozapine treatment breaks"),
                g_strdup_printf (_("After a break of more than %.0f hours do not restart at the usual dose: "
                                   "it must be re-titrated; contact the prescriber. After more than %.0f hours "
                                   "blood tests go back to weekly for %u weeks; after %u days or more the "
                                   "whole schedule restarts (weekly for 18 weeks)."),
                                 kes_clozapine_retitrate_hours (), kes_clozapine_weekly_again_hours (),
                                 kes_clozapine_weekly_again_weeks (), kes_clozapine_restart_schedule_days ()));
    }
  if (lines->len == 0)
    add_line (lines, _("Current medication"), g_strdup (_("No current prescriptions recorded")));
  {
    g_autoptr(GError) local = NULL;
    char *lithium = latest_lithium (store, patient_id, &local);
    char *physical = local == NULL ? latest_physical (store, patient_id, &local) : NULL;

    if (local != NULL)
      {
        g_free (lithium);
        g_propagate_error (error, g_steal_pointer (&local));
        return FALSE;
      }
    add_line (lines, _("Latest lithium level"), lithium);
    add_line (lines, _("Latest physical health check"), physical);
  }
  return TRUE;
}

GPtrArray *
kes_store_medication_lines (KesStore    *store,
                            const char  *patient_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (line_free);
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *today_iso = kes_date_to_iso (today);

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  if (!kes_store_check_permission (store, KES_PERMISSION_VIEW_CLINICAL, patient_id, error) ||
      !add_medication (lines, store, patient_id, today_iso, error))
    return NULL;
  return g_steal_pointer (&lines);
}

/* ---- Carers and consent to share ---- */

static char *
consent_summary (KesFieldRecord *consent)
{
  g_autofree char *decided = NULL;
  g_autofree char *crisis = kes_carer_share_explain (consent, "risk-plan");
  g_auto(GStrv) allowed = NULL;
  const char *status;
  GString *text;

  if (consent == NULL)
    return g_strdup_printf (_("No consent to share recorded: general information only. %s."), crisis);
  status = kes_field_record_get_text (consent, "status");
  decided = kes_date_to_display (kes_field_record_get_text (consent, "decided_on"));
  text = g_string_new (NULL);
  if (g_str_equal (status, "given"))
    {
      KesCodeList *list = kes_code_list_get (KES_CODES_CARER_INFORMATION);

      allowed = kes_carer_shareable_categories (consent);
      g_string_append_printf (text, _("Consent given on %s to share: "), decided);
      for (guint i = 0; allowed[i] != NULL; i++)
        {
          const char *label = kes_code_list_lookup (list, allowed[i]);
          g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", label != NULL ? label : allowed[i]);
        }
      g_string_append (text, ".");
    }
  else if (g_str_equal (status, "refused"))
    g_string_append_printf (text, _("Consent refused on %s: general information only."), decided);
  else
    g_string_append_printf (text, _("Consent withdrawn on %s: general information only."), decided);
  g_string_append_printf (text, " %s.", crisis);
  if (*kes_field_record_get_text (consent, "review_date") != '\0')
    {
      g_autofree char *review = kes_date_to_display (kes_field_record_get_text (consent, "review_date"));
      g_string_append_printf (text, _(" Review due %s."), review);
    }
  return g_string_free (text, FALSE);
}

static gboolean
add_carers (GPtrArray   *lines,
            KesStore    *store,
            const char  *patient_id,
            const char  *today,
            GError     **error)
{
  g_autoptr(GPtrArray) links = NULL;

  if (!kes_store_check_permission (store, KES_PERMISSION_VIEW_CARERS, patient_id, NULL))
    {
      add_line (lines, _("Carers"), g_strdup (_("Not shown: your role cannot see carers' records")));
      return TRUE;
    }
  links = kes_store_list_carer_records (store, &kes_carer_link_kind, NULL, patient_id, error);
  if (links == NULL)
    return FALSE;
  for (guint i = 0; i < links->len; i++)
    {
      KesFieldRecord *link = g_ptr_array_index (links, i);
      const char *carer_id = kes_field_record_get_text (link, "carer_id");
      g_autoptr(KesFieldRecord) carer = NULL;
      g_autoptr(KesFieldRecord) consent = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree char *label = NULL;
      g_autofree char *consent_text = NULL;
      const char *phone;

      if (!in_force (kes_field_record_get_text (link, "ended_on"), today))
        continue;
      carer = kes_store_load_carer_record (store, &kes_carer_kind, carer_id, error);
      if (carer == NULL)
        return FALSE;
      consent = kes_store_find_carer_consent (store, patient_id, carer_id, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      /* TRANSLATORS: a carer's name and relationship, "Grace Okafor (mother)" */
      label = g_strdup_printf (_("%s (%s)"), kes_field_record_get_text (carer, "name"),
                               kes_field_record_get_text (link, "relationship"));
      phone = kes_field_record_get_text (carer, "phone");
      consent_text = consent_summary (consent);
      add_line (lines, label, *phone != '\0' ? g_strdup_printf ("%s · %s", phone, consent_text)
                                              : g_steal_pointer (&consent_text));
    }
  if (lines->len == 0)
    add_line (lines, _("Carers"), g_strdup (_("No carers recorded")));
  return TRUE;
}

/* ---- Out-of-hours numbers ---- */

static char *
service_numbers (KesFieldRecord *service)
{
  const char *general = kes_field_record_get_text (service, "general_phone");
  const char *urgent = kes_field_record_get_text (service, "urgent_phone");
  const char *crisis = kes_field_record_get_text (service, "crisis_phone");
  const char *hours = kes_field_record_get_text (service, "office_hours");
  GString *text = g_string_new (NULL);

  if (*general != '\0')
    g_string_append_printf (text, _("Phone %s"), general);
  if (*hours != '\0')
    g_string_append_printf (text, " (%s)", hours);
  if (*urgent != '\0' && !g_str_equal (urgent, general))
    g_string_append_printf (text, _("%sUrgent %s"), text->len > 0 ? " · " : "", urgent);
  if (*crisis != '\0' && !g_str_equal (crisis, general))
    g_string_append_printf (text, _("%sOut of hours %s"), text->len > 0 ? " · " : "", crisis);
  return g_string_free (text, FALSE);
}

/* Local numbers first: the patient's own team as the service directory
 * holds it (a crisis team wants the team's own line, not only national
 * helplines), then the services of its area, then those for everyone. A
 * team missing from the directory is said, so it gets added. */
static gboolean
add_services (GPtrArray   *lines,
              KesStore    *store,
              KesPatient  *patient,
              GError     **error)
{
  const char *team_id = kes_patient_get_text (patient, KES_PATIENT_TEAM_ID);
  g_autoptr(KesTeam) team = team_id != NULL && *team_id != '\0' ? kes_store_lookup_team (store, team_id) : NULL;
  g_autoptr(GPtrArray) every = kes_store_list_services (store, NULL, error);
  g_autoptr(GPtrArray) local = NULL;
  gboolean own = FALSE;

  if (every == NULL)
    return FALSE;
  for (guint i = 0; team != NULL && i < every->len; i++)
    {
      KesFieldRecord *service = g_ptr_array_index (every, i);
      g_autofree char *label = NULL;

      if (!g_str_equal (kes_field_record_get_text (service, "team_id"), kes_team_get_id (team)))
        continue;
      /* TRANSLATORS: a service directory entry that is the patient's own team */
      label = g_strdup_printf (_("%s (the patient’s team)"), kes_field_record_get_text (service, "name"));
      add_line (lines, label, service_numbers (service));
      own = TRUE;
    }
  if (!own)
    add_line (lines, _("The patient’s team"),
              team != NULL ? g_strdup_printf (_("%s team: not in the service directory, so its own numbers are not "
                                                "shown here; an administrator adds them under Administration"),
                                              kes_team_get_name (team))
                           : g_strdup (_("No team recorded for this patient")));

  local = kes_store_list_services (store, team != NULL ? kes_team_get_name (team) : NULL, error);
  if (local == NULL)
    return FALSE;
  for (guint i = 0; i < local->len; i++)
    {
      KesFieldRecord *service = g_ptr_array_index (local, i);

      if (team != NULL && g_str_equal (kes_field_record_get_text (service, "team_id"), kes_team_get_id (team)))
        continue;
      add_line (lines, kes_field_record_get_text (service, "name"), service_numbers (service));
    }
  return TRUE;
}

/* ---- Public ---- */

KesCrisisEssentials *
kes_store_crisis_essentials (KesStore    *store,
                             const char  *patient_id,
                             GError     **error)
{
  g_autoptr(KesCrisisEssentials) essentials = g_new0 (KesCrisisEssentials, 1);
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesMojRecord) status = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  for (guint i = 0; i < KES_ESSENTIALS_N_SECTIONS; i++)
    essentials->sections[i] = g_ptr_array_new_with_free_func (line_free);
  essentials->taken_on = kes_date_to_iso (today);

  if (!kes_store_check_permission (store, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;
  patient = kes_store_load_patient (store, patient_id, error);
  if (patient == NULL)
    return NULL;
  status = kes_store_current_legal_status (store, patient_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  add_legal (essentials->sections[KES_ESSENTIALS_LEGAL], store, patient, status);
  if (!add_risk (essentials->sections[KES_ESSENTIALS_RISK], store, patient, status, essentials->taken_on, error) ||
      !add_medication (essentials->sections[KES_ESSENTIALS_MEDICATION], store, patient_id,
                       essentials->taken_on, error) ||
      !add_carers (essentials->sections[KES_ESSENTIALS_CARERS], store, patient_id, essentials->taken_on, error) ||
      !add_services (essentials->sections[KES_ESSENTIALS_SERVICES], store, patient, error))
    return NULL;
  return g_steal_pointer (&essentials);
}

void
kes_crisis_essentials_free (KesCrisisEssentials *essentials)
{
  if (essentials == NULL)
    return;
  for (guint i = 0; i < KES_ESSENTIALS_N_SECTIONS; i++)
    g_clear_pointer (&essentials->sections[i], g_ptr_array_unref);
  g_free (essentials->taken_on);
  g_free (essentials);
}

const char *
kes_crisis_essentials_heading (KesEssentialsSection section)
{
  switch (section)
    {
    case KES_ESSENTIALS_LEGAL:
      return _("Legal status and contacts");
    case KES_ESSENTIALS_RISK:
      return _("Risk to others and victim conditions");
    case KES_ESSENTIALS_MEDICATION:
      return _("Medication, depot dates and clozapine");
    case KES_ESSENTIALS_CARERS:
      return _("Carers and consent to share");
    case KES_ESSENTIALS_SERVICES:
      return _("Crisis and out-of-hours numbers");
    case KES_ESSENTIALS_N_SECTIONS:
    default:
      g_return_val_if_reached ("");
    }
}

char *
kes_crisis_essentials_dup_note (KesCrisisEssentials *essentials)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (essentials != NULL, NULL);
  shown = kes_date_to_display (essentials->taken_on);
  return g_strdup_printf (_("Taken from the record on %s"), shown);
}
