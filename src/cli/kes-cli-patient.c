/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-cli-patient"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-accounts.h"
#include "kes-caseload-model.h"
#include "kes-cli.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-moj.h"
#include "kes-store-moj.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"

const KesCliCommand kes_cli_patient_commands[] = {
  { "patient add", N_("Add a patient to the register"), kes_cli_patient_add },
  { "patient list", N_("List the caseload"), kes_cli_patient_list },
  { "patient show", N_("Show one patient’s register entry"), kes_cli_patient_show },
  { NULL, NULL, NULL },
};

/* Options of `patient add` come from the register's own field table (and
 * the legal status flags below), so a new field is a new flag without
 * touching this file:
 * family_name -> --family-name, team_id -> --team. List fields take one value per flag
 * (--alias, --diagnosis, --alert). */
static const char *const list_flag_names[KES_PATIENT_N_LIST_FIELDS] = {
  [KES_PATIENT_ALIASES] = "alias",
  [KES_PATIENT_DIAGNOSES] = "diagnosis",
  [KES_PATIENT_ALERTS] = "alert",
};

/* The legal status options of `patient add`: they make the patient's legal
 * status record (its one home), in the same transaction as the register. */
static const struct
{
  const char *flag;
  const char *key;   /* in the legal status record */
} legal_flags[] = {
  { "legal-status", "authority" },
  { "legal-status-from", "effective_date" },
  { "mhcs-reference", "mhcs_reference" },
  { "mappa-category", "mappa_category" },
  { "mappa-level", "mappa_level" },
  { "index-offences", "index_offences" },
};

static const char *
legal_flag_label (const char *key)
{
  const KesMojField *fields;
  guint n_fields;

  fields = kes_moj_kind_fields (KES_MOJ_LEGAL_STATUS, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, key))
      return _(fields[i].label);
  return key;
}

/* Saves @patient, and a legal status record when any legal flag was given. */
static gboolean
save_with_legal_status (KesStore    *store,
                        KesPatient  *patient,
                        char       **legal_values,
                        GError     **error)
{
  g_autoptr(KesMojRecord) status = NULL;
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (legal_flags); i++)
    any = any || legal_values[i] != NULL;
  if (!any)
    return kes_store_save_patient (store, patient, KES_CHANGE_CREATE, NULL, error);
  if (!kes_store_begin (store, error))
    return FALSE;
  if (!kes_store_save_patient (store, patient, KES_CHANGE_CREATE, NULL, error))
    goto fail;
  status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, kes_patient_get_id (patient));
  for (guint i = 0; i < G_N_ELEMENTS (legal_flags); i++)
    kes_moj_record_set_text (status, legal_flags[i].key, legal_values[i]);
  if (legal_values[0] == NULL)
    kes_moj_record_set_text (status, "authority", KES_LEGAL_STATUS_NOT_KNOWN);
  if (!kes_store_save_moj_record (store, status, KES_CHANGE_CREATE, NULL, error) ||
      !kes_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  kes_store_rollback (store);
  return FALSE;
}

int
kes_cli_patient_add (KesCliContext *context)
{
  char *text_values[KES_PATIENT_N_TEXT_FIELDS] = { 0 };
  char **list_values[KES_PATIENT_N_LIST_FIELDS] = { 0 };
  char *legal_values[G_N_ELEMENTS (legal_flags)] = { 0 };
  g_autofree GOptionEntry *entries = g_new0 (GOptionEntry, KES_PATIENT_N_TEXT_FIELDS + KES_PATIENT_N_LIST_FIELDS +
                                                           G_N_ELEMENTS (legal_flags) + 1);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autoptr(GError) error = NULL;
  guint n = 0;
  int status = KES_CLI_OK;

  for (guint i = 0; i < KES_PATIENT_N_TEXT_FIELDS; i++, n++)
    {
      char *name = g_strdup (kes_patient_field_key (i));

      /* Staff and team references read better without "-id": --team North. */
      if (g_str_has_suffix (name, "_id"))
        name[strlen (name) - 3] = '\0';
      g_strdelimit (name, "_", '-');
      g_ptr_array_add (names, name);
      entries[n] = (GOptionEntry) { name, 0, 0, G_OPTION_ARG_STRING, &text_values[i],
                                    kes_patient_field_label (i), NULL };
    }
  for (guint i = 0; i < KES_PATIENT_N_LIST_FIELDS; i++, n++)
    entries[n] = (GOptionEntry) { list_flag_names[i], 0, 0, G_OPTION_ARG_STRING_ARRAY, &list_values[i],
                                  kes_patient_list_field_label (i), NULL };
  for (guint i = 0; i < G_N_ELEMENTS (legal_flags); i++, n++)
    entries[n] = (GOptionEntry) { legal_flags[i].flag, 0, 0, G_OPTION_ARG_STRING, &legal_values[i],
                                  legal_flag_label (legal_flags[i].key), NULL };

  if (!kes_cli_parse_options (context, entries, NULL,
                              _("Team, coordinator, clinician and supervisor take a name or id; "
                                "codes are NHS codes (e.g. --gender 1 --ethnicity A --legal-status 09).")))
    {
      status = KES_CLI_USAGE;
      goto out;
    }
  if (context->argc > 1)
    {
      kes_cli_print_error (_("patient add takes only options"));
      status = KES_CLI_USAGE;
      goto out;
    }

  for (guint i = 0; i < KES_PATIENT_N_TEXT_FIELDS; i++)
    kes_patient_set_text (patient, i, text_values[i]);
  for (guint i = 0; i < KES_PATIENT_N_LIST_FIELDS; i++)
    kes_patient_set_list (patient, i, (const char * const *) list_values[i]);

  if (!save_with_legal_status (context->store, patient, legal_values, &error))
    {
      status = kes_cli_fail (error);
      goto out;
    }
  g_print ("%s\n", kes_patient_get_id (patient));

out:
  for (guint i = 0; i < KES_PATIENT_N_TEXT_FIELDS; i++)
    g_free (text_values[i]);
  for (guint i = 0; i < KES_PATIENT_N_LIST_FIELDS; i++)
    g_strfreev (list_values[i]);
  for (guint i = 0; i < G_N_ELEMENTS (legal_flags); i++)
    g_free (legal_values[i]);
  return status;
}

static gboolean
want_json (const char *format,
           int        *status)
{
  if (format == NULL || g_str_equal (format, "text"))
    return FALSE;
  if (g_str_equal (format, "json"))
    return TRUE;
  kes_cli_print_error (_("--format must be text or json"));
  *status = KES_CLI_USAGE;
  return FALSE;
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int
compare_rows_by_name (gconstpointer a,
                      gconstpointer b)
{
  KesCaseloadRow *ra = *(KesCaseloadRow * const *) a;
  KesCaseloadRow *rb = *(KesCaseloadRow * const *) b;
  return g_strcmp0 (kes_caseload_row_get_sort_name (ra), kes_caseload_row_get_sort_name (rb));
}

int
kes_cli_patient_list (KesCliContext *context)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  int status = KES_CLI_OK;
  gboolean json;

  if (!kes_cli_parse_options (context, entries, NULL,
                              _("Lists the active patients of your team by name (everyone's when you "
                                "have no team). Each listing is in the access log.")))
    return KES_CLI_USAGE;
  json = want_json (format, &status);
  if (status != KES_CLI_OK)
    return status;

  rows = kes_store_load_caseload_rows (context->store, &error);
  if (rows == NULL)
    return kes_cli_fail (error);
  g_ptr_array_sort (rows, compare_rows_by_name);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          KesCaseloadRow *row = g_ptr_array_index (rows, i);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, kes_caseload_row_get_patient_id (row));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, kes_caseload_row_get_display_name (row));
          json_builder_set_member_name (builder, "nhs_number");
          json_builder_add_string_value (builder, kes_caseload_row_get_nhs_number (row));
          json_builder_set_member_name (builder, "mhcs_reference");
          json_builder_add_string_value (builder, kes_caseload_row_get_mhcs_reference (row));
          json_builder_set_member_name (builder, "birth_date");
          json_builder_add_string_value (builder, kes_caseload_row_get_birth_date (row));
          json_builder_set_member_name (builder, "team");
          json_builder_add_string_value (builder, kes_caseload_row_get_team_name (row));
          json_builder_set_member_name (builder, "care_coordinator");
          json_builder_add_string_value (builder, kes_caseload_row_get_coordinator_name (row));
          json_builder_set_member_name (builder, "legal_status");
          json_builder_add_string_value (builder, kes_caseload_row_get_legal_status (row));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
      return KES_CLI_OK;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      KesCaseloadRow *row = g_ptr_array_index (rows, i);
      g_autofree char *nhs = kes_nhs_number_format (kes_caseload_row_get_nhs_number (row));
      g_autofree char *birth = kes_date_to_display (kes_caseload_row_get_birth_date (row));

      g_print ("%s  %-32s  %-12s  %-11s  %s\n", kes_caseload_row_get_patient_id (row),
               kes_caseload_row_get_display_name (row), nhs, birth,
               kes_caseload_row_get_team_name (row));
    }
  if (rows->len == 0)
    g_printerr ("%s\n", _("No patients."));
  return KES_CLI_OK;
}

/* A stored id as the person it names, for people reading the output. */
static char *
describe_reference (KesStore        *store,
                    KesPatientField  field,
                    const char      *value)
{
  static const struct { KesPatientField field; const char *list; } coded[] = {
    { KES_PATIENT_GENDER, KES_CODES_GENDER },
    { KES_PATIENT_GENDER_IDENTITY, KES_CODES_GENDER_IDENTITY },
    { KES_PATIENT_ETHNICITY, KES_CODES_ETHNIC_CATEGORY },
  };

  if (*value == '\0')
    return g_strdup ("");
  if (field == KES_PATIENT_TEAM_ID)
    {
      g_autoptr(KesTeam) team = kes_store_find_team (store, value);
      return g_strdup (team != NULL ? kes_team_get_name (team) : value);
    }
  if (field == KES_PATIENT_COORDINATOR_ID || field == KES_PATIENT_CLINICIAN_ID ||
      field == KES_PATIENT_SUPERVISOR_ID)
    {
      g_autoptr(KesStaff) staff = kes_store_find_staff (store, value, NULL);
      return g_strdup (staff != NULL ? kes_staff_get_display_name (staff) : value);
    }
  if (field == KES_PATIENT_NHS_NUMBER)
    return kes_nhs_number_format (value);
  if (field == KES_PATIENT_BIRTH_DATE || field == KES_PATIENT_REFERRAL_DATE)
    return kes_date_to_display (value);
  for (guint i = 0; i < G_N_ELEMENTS (coded); i++)
    if (coded[i].field == field)
      {
        const char *label = kes_code_list_lookup (kes_code_list_get (coded[i].list), value);
        return label != NULL ? g_strdup_printf ("%s (%s)", label, value) : g_strdup (value);
      }
  return g_strdup (value);
}

/* The legal status, MHCS reference and index offences, from the patient's
 * legal status record (their one home). */
static void
print_legal_status (KesStore   *store,
                    const char *patient_id)
{
  g_autoptr(KesMojRecord) status = kes_store_current_legal_status (store, patient_id, NULL);
  g_autofree char *header = NULL;

  if (status == NULL)
    {
      g_print ("%-30s %s\n", _("Legal status"), _("No legal status recorded"));
      return;
    }
  header = kes_legal_status_dup_header (status);
  g_print ("%-30s %s\n", _("Legal status"), header);
  if (*kes_moj_record_get_text (status, "mhcs_reference") != '\0')
    g_print ("%-30s %s\n", _("MHCS reference"), kes_moj_record_get_text (status, "mhcs_reference"));
  if (*kes_moj_record_get_text (status, "index_offences") != '\0')
    g_print ("%-30s %s\n", _("Index offences"), kes_moj_record_get_text (status, "index_offences"));
}

/* The id the key names, whoever's team it is in: only to break the glass
 * for it, which core then records with the reason. */
static gboolean
break_glass (KesStore    *store,
             const char  *key,
             const char  *reason,
             GError     **error)
{
  g_autofree char *patient_id = kes_store_lookup_patient_id (store, key, error);

  return patient_id != NULL && kes_store_break_glass (store, patient_id, reason, error);
}

int
kes_cli_patient_show (KesCliContext *context)
{
  g_autofree char *format = NULL;
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { "break-glass", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("Emergency access to a patient of another team: why you need the record now (logged)"), "REASON" },
    { NULL }
  };
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  int status = KES_CLI_OK;
  gboolean json;

  if (!kes_cli_parse_options (context, entries, "ID",
                              _("ID may be the record id, the NHS number or the MHCS reference. A patient of "
                                "another team needs --break-glass with a reason.")))
    return KES_CLI_USAGE;
  json = want_json (format, &status);
  if (status != KES_CLI_OK)
    return status;
  if (context->argc != 2)
    {
      kes_cli_print_error (_("patient show needs one patient id, NHS number or MHCS reference"));
      return KES_CLI_USAGE;
    }

  if (reason != NULL && !break_glass (context->store, context->argv[1], reason, &error))
    return kes_cli_fail (error);
  patient = kes_store_find_patient (context->store, context->argv[1], &error);
  if (patient == NULL)
    return kes_cli_fail (error);

  if (json)
    {
      g_autofree char *data = kes_patient_to_json (patient);
      g_print ("{\"id\": \"%s\", \"revision\": %" G_GINT64_FORMAT ", \"register\": %s}\n",
               kes_patient_get_id (patient), kes_patient_get_revision (patient), data);
      return KES_CLI_OK;
    }

  g_print ("%-30s %s\n", _("Record id"), kes_patient_get_id (patient));
  g_print ("%-30s %" G_GINT64_FORMAT "\n", _("Revision"), kes_patient_get_revision (patient));
  for (guint i = 0; i < KES_PATIENT_N_TEXT_FIELDS; i++)
    {
      g_autofree char *value = describe_reference (context->store, i, kes_patient_get_text (patient, i));
      if (*value != '\0')
        g_print ("%-30s %s\n", kes_patient_field_label (i), value);
    }
  print_legal_status (context->store, kes_patient_get_id (patient));
  for (guint i = 0; i < KES_PATIENT_N_LIST_FIELDS; i++)
    {
      const char * const *values = kes_patient_get_list (patient, i);
      for (guint j = 0; values[j] != NULL; j++)
        {
          const char *label = i == KES_PATIENT_DIAGNOSES
            ? kes_code_list_lookup (kes_code_list_get (KES_CODES_ICD10), values[j]) : NULL;

          if (label != NULL)
            g_print ("%-30s %s %s\n", j == 0 ? kes_patient_list_field_label (i) : "", values[j], label);
          else
            g_print ("%-30s %s\n", j == 0 ? kes_patient_list_field_label (i) : "", values[j]);
        }
    }
  return KES_CLI_OK;
}
