/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-moj-report"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-moj-report.h"
#include "kes-validate.h"

static JsonObject *
member_object (KesMojRecord *report,
               const char   *name,
               gboolean      create)
{
  JsonObject *data = kes_moj_record_peek_object (report);
  JsonNode *node = json_object_get_member (data, name);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  if (!create)
    return NULL;
  json_object_set_object_member (data, name, json_object_new ());
  return json_object_get_object_member (data, name);
}

static JsonObject *
part_object (KesMojRecord *report,
             const char   *part_id)
{
  JsonObject *parts = member_object (report, "parts", FALSE);
  JsonNode *node = parts != NULL ? json_object_get_member (parts, part_id) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
object_text (JsonObject *object,
             const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : "";
}

KesMojRecord *
kes_moj_report_new (const char *patient_id,
                    const char *template_id,
                    const char *template_version,
                    const char *report_type,
                    const char *due_date)
{
  KesMojRecord *report = kes_moj_record_new (KES_MOJ_REPORT, patient_id);
  g_autoptr(GDate) date = kes_clock_today ();
  g_autofree char *today = kes_date_to_iso (date);

  kes_moj_record_set_text (report, "template_id", template_id);
  kes_moj_record_set_text (report, "template_version", template_version);
  kes_moj_record_set_text (report, "report_type", report_type);
  kes_moj_record_set_text (report, "due_date", due_date != NULL ? due_date : today);
  kes_moj_record_set_text (report, "created_date", today);
  kes_moj_record_set_text (report, "part_ids", "");
  member_object (report, "values", TRUE);
  member_object (report, "parts", TRUE);
  return report;
}

void
kes_moj_report_add_part (KesMojRecord *report,
                         const char   *part_id,
                         const char   *signer_role)
{
  JsonObject *parts = member_object (report, "parts", TRUE);
  JsonObject *part = json_object_new ();
  const char *ids = kes_moj_record_get_text (report, "part_ids");
  g_autofree char *joined = *ids != '\0' ? g_strconcat (ids, ",", part_id, NULL) : g_strdup (part_id);

  g_return_if_fail (strchr (part_id, ',') == NULL && strchr (part_id, '.') == NULL);

  json_object_set_string_member (part, "signer_role", signer_role);
  json_object_set_string_member (part, "state", "draft");
  json_object_set_object_member (parts, part_id, part);
  kes_moj_record_set_text (report, "part_ids", joined);
}

GStrv
kes_moj_report_dup_part_ids (KesMojRecord *report)
{
  const char *ids = kes_moj_record_get_text (report, "part_ids");

  return *ids != '\0' ? g_strsplit (ids, ",", -1) : g_new0 (char *, 1);
}

const char *
kes_moj_report_get_signer_role (KesMojRecord *report,
                                const char   *part_id)
{
  return object_text (part_object (report, part_id), "signer_role");
}

gboolean
kes_moj_report_is_urgent (KesMojRecord *report)
{
  return g_str_equal (kes_moj_record_get_text (report, "report_type"), KES_MOJ_REPORT_URGENT);
}

const char *
kes_moj_report_get_value (KesMojRecord *report,
                          const char   *field_id)
{
  JsonObject *values = member_object (report, "values", FALSE);
  JsonNode *node = values != NULL ? json_object_get_member (values, field_id) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? object_text (json_node_get_object (node), "value") : "";
}

gboolean
kes_moj_report_is_prefilled (KesMojRecord *report,
                             const char   *field_id)
{
  JsonObject *values = member_object (report, "values", FALSE);
  JsonNode *node = values != NULL ? json_object_get_member (values, field_id) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
         g_str_equal (object_text (json_node_get_object (node), "prefilled"), "yes");
}

static void
store_value (KesMojRecord *report,
             const char   *field_id,
             const char   *value,
             const char   *source_value)
{
  JsonObject *values = member_object (report, "values", TRUE);
  JsonObject *entry = json_object_new ();
  g_autofree char *text = g_strdup (value != NULL ? value : "");

  g_strchomp (text);
  json_object_set_string_member (entry, "value", text);
  if (source_value != NULL)
    {
      json_object_set_string_member (entry, "source_value", source_value);
      json_object_set_string_member (entry, "prefilled", g_str_equal (text, source_value) ? "yes" : "");
    }
  json_object_set_object_member (values, field_id, entry);
}

void
kes_moj_report_set_value (KesMojRecord *report,
                          const char   *field_id,
                          const char   *value)
{
  JsonObject *values = member_object (report, "values", FALSE);
  JsonNode *node = values != NULL ? json_object_get_member (values, field_id) : NULL;
  g_autofree char *source = NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      json_object_has_member (json_node_get_object (node), "source_value"))
    source = g_strdup (object_text (json_node_get_object (node), "source_value"));
  store_value (report, field_id, value, source);
}

void
kes_moj_report_prefill_value (KesMojRecord *report,
                              const char   *field_id,
                              const char   *value)
{
  store_value (report, field_id, value, value != NULL ? value : "");
}

char *
kes_moj_report_part_digest (KesMojRecord *report,
                            const char   *part_id)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  JsonObject *values = member_object (report, "values", FALSE);
  g_autoptr(GList) members = values != NULL ? json_object_get_members (values) : NULL;
  g_autofree char *prefix = g_strconcat (part_id, ".", NULL);
  const char *id = kes_moj_record_get_text (report, "template_id");
  const char *version = kes_moj_record_get_text (report, "template_version");

  /* Length-prefixed so no two contents give the same input. */
  g_checksum_update (checksum, (const guchar *) id, strlen (id) + 1);
  g_checksum_update (checksum, (const guchar *) version, strlen (version) + 1);
  g_checksum_update (checksum, (const guchar *) part_id, strlen (part_id) + 1);
  members = g_list_sort (members, (GCompareFunc) g_strcmp0);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *value;
      g_autofree char *header = NULL;

      if (!g_str_has_prefix (key, prefix))
        continue;
      value = kes_moj_report_get_value (report, key);
      if (*value == '\0')
        continue;
      header = g_strdup_printf ("%zu:%s=%zu:", strlen (key), key, strlen (value));
      g_checksum_update (checksum, (const guchar *) header, strlen (header));
      g_checksum_update (checksum, (const guchar *) value, strlen (value));
    }
  if (g_str_equal (part_id, "A"))
    {
      /* An urgent report's trigger and what is said about it belong to Part
       * A's content: changing them after signing alters the part. */
      static const char * const keys[] = { "trigger", "trigger_what", "trigger_when", "trigger_action" };

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          const char *value = kes_moj_record_get_text (report, keys[i]);
          g_checksum_update (checksum, (const guchar *) value, strlen (value) + 1);
        }
    }
  return g_strdup (g_checksum_get_string (checksum));
}

KesMojPartState
kes_moj_report_get_part_state (KesMojRecord *report,
                               const char   *part_id)
{
  JsonObject *part = part_object (report, part_id);
  const char *state = object_text (part, "state");

  if (g_str_equal (state, "signed"))
    {
      g_autofree char *digest = kes_moj_report_part_digest (report, part_id);
      return g_str_equal (digest, object_text (part, "digest")) ? KES_MOJ_PART_SIGNED : KES_MOJ_PART_ALTERED;
    }
  if (g_str_equal (state, "ready"))
    return KES_MOJ_PART_READY;
  return KES_MOJ_PART_DRAFT;
}

const char *
kes_moj_part_state_label (KesMojPartState state)
{
  switch (state)
    {
    case KES_MOJ_PART_READY:
      return _("Ready for review");
    case KES_MOJ_PART_SIGNED:
      return _("Signed");
    case KES_MOJ_PART_ALTERED:
      return _("Altered after signing");
    case KES_MOJ_PART_DRAFT:
    default:
      return _("Draft");
    }
}

const char *
kes_moj_report_get_signer_name (KesMojRecord *report,
                                const char   *part_id)
{
  return object_text (part_object (report, part_id), "signer_name");
}

const char *
kes_moj_report_get_signed_at (KesMojRecord *report,
                              const char   *part_id)
{
  return object_text (part_object (report, part_id), "signed_at");
}

static gboolean
require_part (KesMojRecord  *report,
              const char    *part_id,
              JsonObject   **part,
              GError       **error)
{
  *part = part_object (report, part_id);
  if (*part == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("This report has no Part %s"), part_id);
      return FALSE;
    }
  if (kes_moj_report_is_submitted (report))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("This report has been submitted; write a new report instead"));
      return FALSE;
    }
  return TRUE;
}

/* Appends to @issues what an urgent report's Part A lacks about its trigger. */
static void
add_trigger_issues (KesMojRecord *report,
                    GPtrArray    *issues)
{
  const char *when = kes_moj_record_get_text (report, "trigger_when");

  if (!kes_moj_report_is_urgent (report))
    return;
  if (*kes_moj_record_get_text (report, "trigger_what") == '\0')
    g_ptr_array_add (issues, kes_issue_new ("trigger_what", KES_ISSUE_ERROR, "%s",
                                            _("What happened: say what prompted this urgent report")));
  if (*when == '\0')
    g_ptr_array_add (issues, kes_issue_new ("trigger_when", KES_ISSUE_ERROR, "%s",
                                            _("When it happened: give the date")));
  else
    {
      g_autoptr(GError) local = NULL;
      g_autofree char *iso = kes_date_parse (when, _("When it happened"), &local);
      g_autoptr(GDate) today = kes_clock_today ();
      g_autoptr(GDate) date = iso != NULL ? kes_date_from_iso (iso) : NULL;

      if (iso == NULL)
        g_ptr_array_add (issues, kes_issue_new ("trigger_when", KES_ISSUE_ERROR, "%s", local->message));
      else if (g_date_compare (date, today) > 0)
        g_ptr_array_add (issues, kes_issue_new ("trigger_when", KES_ISSUE_ERROR, "%s",
                                                _("When it happened: the date is in the future")));
    }
  if (*kes_moj_record_get_text (report, "trigger_action") == '\0')
    g_ptr_array_add (issues, kes_issue_new ("trigger_action", KES_ISSUE_ERROR, "%s",
                                            _("What has been done: say what the team has done so far")));
}

gboolean
kes_moj_report_check_trigger (KesMojRecord  *report,
                              GError       **error)
{
  g_autoptr(GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);

  add_trigger_issues (report, issues);
  return kes_issues_to_error (issues, error);
}

GPtrArray *
kes_moj_report_part_ready_issues (KesMojRecord *report,
                                  const char   *part_id)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
  g_auto(GStrv) tables = NULL;
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (report != NULL, issues);
  g_return_val_if_fail (part_id != NULL, issues);

  if (g_str_equal (part_id, "A"))
    add_trigger_issues (report, issues);
  /* Every condition of the part's compliance tables is rated, with evidence. */
  tables = kes_moj_report_dup_compliance_tables (report);
  prefix = g_strconcat (part_id, ".", NULL);
  for (guint t = 0; tables[t] != NULL; t++)
    {
      g_autoptr(GPtrArray) found = NULL;

      if (!g_str_has_prefix (tables[t], prefix))
        continue;
      found = kes_moj_report_check_compliance (report, tables[t], TRUE);
      g_ptr_array_extend_and_steal (issues, g_steal_pointer (&found));
    }
  return issues;
}

gboolean
kes_moj_report_set_part_ready (KesMojRecord  *report,
                               const char    *part_id,
                               gboolean       ready,
                               GError       **error)
{
  JsonObject *part;

  if (!require_part (report, part_id, &part, error))
    return FALSE;
  if (ready)
    {
      g_autoptr(GPtrArray) issues = kes_moj_report_part_ready_issues (report, part_id);

      if (!kes_issues_to_error (issues, error))
        {
          g_prefix_error (error, _("Part %s is not ready for review:\n"), part_id);
          return FALSE;
        }
    }
  if (kes_moj_report_get_part_state (report, part_id) == KES_MOJ_PART_SIGNED)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("Part %s is signed; change its content first if it needs another review"), part_id);
      return FALSE;
    }
  json_object_set_string_member (part, "state", ready ? "ready" : "draft");
  json_object_remove_member (part, "digest");
  json_object_remove_member (part, "signed_by");
  json_object_remove_member (part, "signer_name");
  json_object_remove_member (part, "signed_at");
  return TRUE;
}

gboolean
kes_moj_report_sign_part (KesMojRecord  *report,
                          const char    *part_id,
                          const char    *staff_id,
                          const char    *signer_name,
                          const char    *signed_at,
                          GError       **error)
{
  JsonObject *part;
  g_autofree char *digest = NULL;

  if (!require_part (report, part_id, &part, error))
    return FALSE;
  if (kes_moj_report_get_part_state (report, part_id) != KES_MOJ_PART_READY)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("Part %s: mark it ready for review before signing"), part_id);
      return FALSE;
    }
  digest = kes_moj_report_part_digest (report, part_id);
  json_object_set_string_member (part, "state", "signed");
  json_object_set_string_member (part, "digest", digest);
  json_object_set_string_member (part, "signed_by", staff_id);
  json_object_set_string_member (part, "signer_name", signer_name);
  json_object_set_string_member (part, "signed_at", signed_at);
  return TRUE;
}

gboolean
kes_moj_report_check_complete (KesMojRecord  *report,
                               GError       **error)
{
  g_auto(GStrv) ids = kes_moj_report_dup_part_ids (report);

  if (ids[0] == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("This report has no parts"));
      return FALSE;
    }
  for (guint i = 0; ids[i] != NULL; i++)
    {
      KesMojPartState state = kes_moj_report_get_part_state (report, ids[i]);

      if (state == KES_MOJ_PART_ALTERED)
        {
          g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                       _("Part %s was altered after signing; it must be reviewed and signed again"), ids[i]);
          return FALSE;
        }
      if (state != KES_MOJ_PART_SIGNED)
        {
          g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                       _("Part %s is not signed; every part must be signed before the report is submitted"),
                       ids[i]);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
kes_moj_report_is_submitted (KesMojRecord *report)
{
  return *kes_moj_record_get_text (report, "submitted_date") != '\0';
}

gboolean
kes_moj_report_submit (KesMojRecord  *report,
                       const char    *date,
                       const char    *method,
                       const char    *reference,
                       GError       **error)
{
  g_autofree char *iso = NULL;

  if (kes_moj_report_is_submitted (report))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("This report has already been submitted"));
      return FALSE;
    }
  if (!kes_moj_report_check_complete (report, error))
    return FALSE;
  iso = kes_date_parse (date, _("Date submitted"), error);
  if (iso == NULL)
    return FALSE;
  if (!kes_code_list_contains (kes_code_list_get (KES_CODES_SUBMISSION_METHOD), method))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("How it was sent: please choose one of the listed methods"));
      return FALSE;
    }
  kes_moj_record_set_text (report, "submitted_date", iso);
  kes_moj_record_set_text (report, "submission_method", method);
  kes_moj_record_set_text (report, "submission_reference", reference);
  return TRUE;
}

/* ---- Compliance with each condition of discharge ---- */

gboolean
kes_moj_condition_in_force_during (KesMojRecord *condition,
                                   const char   *from,
                                   const char   *to)
{
  const char *start = kes_moj_record_get_text (condition, "start_date");
  const char *end = kes_moj_record_get_text (condition, "end_date");

  g_return_val_if_fail (KES_IS_MOJ_RECORD (condition), FALSE);

  /* Stored dates are ISO, so they compare as text. */
  if (to != NULL && *start != '\0' && g_strcmp0 (start, to) > 0)
    return FALSE;
  if (from != NULL && *end != '\0' && g_strcmp0 (end, from) < 0)
    return FALSE;
  return TRUE;
}

static JsonObject *
compliance_table (KesMojRecord *report,
                  const char   *table_id)
{
  JsonObject *tables = member_object (report, "compliance", FALSE);
  JsonNode *node = tables != NULL ? json_object_get_member (tables, table_id) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

char *
kes_moj_compliance_key (const char *table_id,
                        const char *condition_id,
                        const char *column)
{
  return g_strconcat (table_id, ".", condition_id, ".", column, NULL);
}

static char *
condition_wording (KesMojRecord *condition)
{
  const KesMojField *fields;
  guint n_fields;
  GString *text = g_string_new (NULL);

  fields = kes_moj_kind_fields (KES_MOJ_CONDITION, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *shown = kes_moj_record_dup_display (condition, &fields[i]);

      if (*shown == '\0')
        continue;
      if (g_str_equal (fields[i].key, "category"))
        g_string_append_printf (text, "%s: ", shown);
      else if (g_str_equal (fields[i].key, "wording"))
        g_string_append (text, shown);
      else if (g_str_equal (fields[i].key, "start_date"))
        /* Translators: after a condition's wording: "(from 31 Jan 2026)" */
        g_string_append_printf (text, _(" (from %s"), shown);
      else if (g_str_equal (fields[i].key, "end_date"))
        /* Translators: the end of "(from 31 Jan 2026 to 30 Apr 2026)" */
        g_string_append_printf (text, _(" to %s"), shown);
    }
  if (*kes_moj_record_get_text (condition, "start_date") != '\0')
    g_string_append_c (text, ')');
  return g_string_free (text, FALSE);
}

int
kes_moj_condition_compare (gconstpointer a,
                           gconstpointer b)
{
  KesMojRecord *x = *(KesMojRecord **) a;
  KesMojRecord *y = *(KesMojRecord **) b;
  KesCodeList *kinds = kes_code_list_get (KES_CODES_DISCHARGE_CONDITION);
  int kx = kes_code_list_find (kinds, kes_moj_record_get_text (x, "category"));
  int ky = kes_code_list_find (kinds, kes_moj_record_get_text (y, "category"));

  if (kx != ky)
    return (kx < 0 ? G_MAXINT : kx) < (ky < 0 ? G_MAXINT : ky) ? -1 : 1;
  return g_strcmp0 (kes_moj_record_get_text (x, "start_date"), kes_moj_record_get_text (y, "start_date"));
}

void
kes_moj_report_add_compliance_table (KesMojRecord       *report,
                                     const char         *table_id,
                                     const char * const *rating_codes,
                                     GPtrArray          *conditions)
{
  JsonObject *tables;
  JsonObject *table = json_object_new ();
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autofree char *codes = g_strjoinv (",", (char **) rating_codes);
  const char *from = kes_moj_record_get_text (report, "period_from");
  const char *to = kes_moj_record_get_text (report, "period_to");

  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  g_return_if_fail (KES_IS_MOJ_RECORD (report));
  g_return_if_fail (strchr (table_id, '.') != NULL && strchr (table_id, ',') == NULL);

  for (guint i = 0; conditions != NULL && i < conditions->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (conditions, i));
  g_ptr_array_sort (sorted, kes_moj_condition_compare);
  for (guint i = 0; i < sorted->len; i++)
    {
      KesMojRecord *condition = g_ptr_array_index (sorted, i);
      const char *id = kes_moj_record_get_id (condition);
      g_autofree char *key = NULL;
      g_autofree char *wording = NULL;

      if (id == NULL || kes_moj_record_get_kind (condition) != KES_MOJ_CONDITION ||
          kes_moj_record_get_state (condition) != KES_RECORD_ACTIVE ||
          !kes_moj_condition_in_force_during (condition, *from != '\0' ? from : NULL, *to != '\0' ? to : NULL))
        continue;
      g_string_append_printf (rows, "%s%s", rows->len > 0 ? "," : "", id);
      key = kes_moj_compliance_key (table_id, id, KES_MOJ_COMPLIANCE_CONDITION);
      wording = condition_wording (condition);
      kes_moj_report_prefill_value (report, key, wording);
    }
  json_object_set_string_member (table, "rows", rows->str);
  json_object_set_string_member (table, "codes", codes);
  tables = member_object (report, "compliance", TRUE);
  json_object_set_object_member (tables, table_id, table);
}

GStrv
kes_moj_report_dup_compliance_tables (KesMojRecord *report)
{
  JsonObject *tables = member_object (report, "compliance", FALSE);
  g_autoptr(GList) members = tables != NULL ? json_object_get_members (tables) : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  members = g_list_sort (members, (GCompareFunc) g_strcmp0);
  for (GList *l = members; l != NULL; l = l->next)
    g_strv_builder_add (builder, l->data);
  return g_strv_builder_end (builder);
}

GStrv
kes_moj_report_dup_compliance_rows (KesMojRecord *report,
                                    const char   *table_id)
{
  const char *rows = object_text (compliance_table (report, table_id), "rows");

  return *rows != '\0' ? g_strsplit (rows, ",", -1) : g_new0 (char *, 1);
}

GPtrArray *
kes_moj_report_check_compliance (KesMojRecord *report,
                                 const char   *table_id,
                                 gboolean      complete)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
  g_auto(GStrv) rows = kes_moj_report_dup_compliance_rows (report, table_id);
  g_auto(GStrv) codes = g_strsplit (object_text (compliance_table (report, table_id), "codes"), ",", -1);

  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_autofree char *condition_key = kes_moj_compliance_key (table_id, rows[i], KES_MOJ_COMPLIANCE_CONDITION);
      g_autofree char *rating_key = kes_moj_compliance_key (table_id, rows[i], KES_MOJ_COMPLIANCE_RATING);
      g_autofree char *evidence_key = kes_moj_compliance_key (table_id, rows[i], KES_MOJ_COMPLIANCE_EVIDENCE);
      const char *rating = kes_moj_report_get_value (report, rating_key);
      const char *evidence = kes_moj_report_get_value (report, evidence_key);
      const char *wording = kes_moj_report_get_value (report, condition_key);
      glong length = g_utf8_strlen (wording, -1);
      /* g_utf8_substring reads past the end when asked for more than there is. */
      g_autofree char *condition = g_utf8_substring (wording, 0, MIN (length, 60));
      g_autofree char *name = g_strdup_printf ("%s%s", condition, length > 60 ? "…" : "");

      if (*rating != '\0' && !g_strv_contains ((const char * const *) codes, rating))
        g_ptr_array_add (issues, kes_issue_new (rating_key, KES_ISSUE_ERROR,
                                                /* Translators: %u numbers the condition, %s is its wording */
                                                _("Compliance with condition %u (%s): “%s” is not one of the "
                                                  "ratings this form allows"), i + 1, name, rating));
      else if (complete && *rating == '\0')
        g_ptr_array_add (issues, kes_issue_new (rating_key, KES_ISSUE_ERROR,
                                                _("Compliance with condition %u (%s): choose how far it was "
                                                  "complied with"), i + 1, name));
      if (complete && *evidence == '\0')
        g_ptr_array_add (issues, kes_issue_new (evidence_key, KES_ISSUE_ERROR,
                                                _("Compliance with condition %u (%s): say what shows it, or "
                                                  "why it is not known"), i + 1, name));
    }
  return issues;
}

gboolean
kes_moj_report_submission_timing (KesMojRecord  *report,
                                  GPtrArray     *late_notices,
                                  guint         *days_late,
                                  char         **notice_sent)
{
  g_autoptr(GDate) sent = NULL;
  g_autoptr(GDate) due = NULL;
  const char *due_iso = kes_moj_record_get_text (report, "due_date");

  g_return_val_if_fail (KES_IS_MOJ_RECORD (report), FALSE);

  *days_late = 0;
  *notice_sent = NULL;
  if (!kes_moj_report_is_submitted (report))
    return FALSE;
  sent = kes_date_from_iso (kes_moj_record_get_text (report, "submitted_date"));
  due = kes_date_from_iso (due_iso);
  if (!kes_moj_report_is_urgent (report) && sent != NULL && due != NULL && g_date_compare (sent, due) > 0)
    *days_late = g_date_days_between (due, sent);
  for (guint i = 0; late_notices != NULL && i < late_notices->len; i++)
    {
      KesMojRecord *notice = g_ptr_array_index (late_notices, i);

      if (kes_moj_record_get_kind (notice) == KES_MOJ_LATE_NOTICE &&
          kes_moj_record_get_state (notice) == KES_RECORD_ACTIVE &&
          g_str_equal (kes_moj_record_get_text (notice, "due_date"), due_iso))
        {
          *notice_sent = g_strdup (kes_moj_record_get_text (notice, "sent_date"));
          break;
        }
    }
  return TRUE;
}

GPtrArray *
kes_moj_report_validate (KesMojRecord *report)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
  const char *type = kes_moj_record_get_text (report, "report_type");
  const char *due = kes_moj_record_get_text (report, "due_date");
  g_autofree char *iso = NULL;

  if (*kes_moj_record_get_text (report, "template_id") == '\0' ||
      *kes_moj_record_get_text (report, "template_version") == '\0')
    g_ptr_array_add (issues, kes_issue_new ("template_id", KES_ISSUE_ERROR, "%s",
                                            _("Template: the report must name its template and version")));
  if (!g_str_equal (type, KES_MOJ_REPORT_ROUTINE) && !g_str_equal (type, KES_MOJ_REPORT_URGENT))
    g_ptr_array_add (issues, kes_issue_new ("report_type", KES_ISSUE_ERROR, "%s",
                                            _("Kind of report: routine or urgent")));
  iso = kes_date_parse (due, _("Due date"), NULL);
  if (iso == NULL)
    g_ptr_array_add (issues, kes_issue_new ("due_date", KES_ISSUE_ERROR, "%s",
                                            _("Due date: please give a date such as 21/11/2026")));
  if (g_str_equal (type, KES_MOJ_REPORT_URGENT) &&
      !kes_code_list_contains (kes_code_list_get (KES_CODES_URGENT_TRIGGER),
                               kes_moj_record_get_text (report, "trigger")))
    g_ptr_array_add (issues, kes_issue_new ("trigger", KES_ISSUE_ERROR, "%s",
                                            _("What prompted the urgent report: please choose one")));
  {
    g_auto(GStrv) tables = kes_moj_report_dup_compliance_tables (report);
    for (guint t = 0; tables[t] != NULL; t++)
      {
        g_autoptr(GPtrArray) found = kes_moj_report_check_compliance (report, tables[t], FALSE);
        g_ptr_array_extend_and_steal (issues, g_steal_pointer (&found));
      }
  }
  return issues;
}
