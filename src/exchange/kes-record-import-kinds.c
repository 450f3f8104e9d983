/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-import-kinds"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-care-record.h"
#include "kes-carer-rules.h"
#include "kes-catchment.h"
#include "kes-carers.h"
#include "kes-clock.h"
#include "kes-field-kinds.h"
#include "kes-field-record.h"
#include "kes-moj.h"
#include "kes-record-import-rules.h"
#include "kes-referral.h"
#include "kes-validate.h"

/* Fields a form came to require after Kestrel had written records
 * without them. A database keeps those records as they were written (a
 * crisis plan from before 0021 has no review date until it is edited, and
 * the Care Plan tab says so), so a case record exported from it must import
 * elsewhere: an import takes the field absent. A value that is given must
 * still be valid. */
static const struct
{
  const char *kind;
  const char *key;
} required_later[] = {
  { "crisis-plan", "review_date" }, /* migration 0021 */
  { "ld-screening", "gender" },     /* migration 0019 */
  { "ld-screening", "ethnicity" },  /* migration 0019 */
};

static gboolean
absent (JsonObject *data,
        const char *key)
{
  JsonNode *node = json_object_get_member (data, key);

  return node == NULL || JSON_NODE_HOLDS_NULL (node)
      || (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && *json_node_get_string (node) == '\0');
}

/* Drops the "fill this in" of a field required only since a later Kestrel
 * when the revision does not have it. */
static GPtrArray *
forgive_required_later (const char *kind,
                        const char *json,
                        GPtrArray  *issues)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *data;
  gboolean applies = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (required_later); i++)
    applies = applies || g_str_equal (required_later[i].kind, kind);
  if (issues == NULL || issues->len == 0 || !applies)
    return issues;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return issues;
  data = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < G_N_ELEMENTS (required_later); i++)
    if (g_str_equal (required_later[i].kind, kind) && absent (data, required_later[i].key))
      for (guint j = issues->len; j > 0; j--)
        if (g_strcmp0 (((KesIssue *) g_ptr_array_index (issues, j - 1))->field,
                       required_later[i].key) == 0)
          g_ptr_array_remove_index (issues, j - 1);
  return issues;
}

/* A field record (carers, liaison and diversion) as its form judges it:
 * every field on its own, then a carers' record's own rules (consent under
 * the Mental Capacity Act, dates not after @on, the day the revision was
 * written, and in order) as the store applies them on a save. */
static GPtrArray *
validate_field_record (const KesRecordKind  *kind,
                       const char           *patient_id,
                       const char           *json,
                       const GDate          *on,
                       GError              **error)
{
  g_autoptr(KesFieldRecord) record = kes_field_record_new (kind);
  g_autoptr(GError) rule_error = NULL;
  g_autofree char *on_iso = kes_date_to_iso (on);
  GPtrArray *issues;

  if (!kes_field_record_load_json (record, json, error))
    return NULL;
  kes_field_record_set_patient_id (record, patient_id);
  issues = kes_field_record_check (record);
  if (issues->len == 0 && !kes_carer_record_check_rules (record, on_iso, &rule_error))
    g_ptr_array_add (issues, kes_issue_new (NULL, KES_ISSUE_ERROR, "%s", rule_error->message));
  return issues;
}

static GPtrArray *
validate_other (const char          *kind,
                const char          *patient_id,
                const char          *json,
                const GDate         *on,
                const KesCatchment  *catchment,
                GError             **error)
{
  const KesRecordKind *field_kind = kes_field_kind_for_name (kind);
  KesMojKind moj_kind;

  if (field_kind != NULL)
    return validate_field_record (field_kind, patient_id, json, on, error);
  if (g_str_equal (kind, "referral"))
    {
      g_autoptr(KesReferral) referral = kes_referral_new ();
      GPtrArray *issues;
      const char *area;

      if (!kes_referral_load_json (referral, json, error))
        return NULL;
      kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, patient_id);
      issues = kes_referral_validate (referral);
      /* Areas are this database's directory data: one it does not have is
       * added by an administrator first (kes_store_save_referral's rule). */
      area = kes_referral_get_text (referral, KES_REFERRAL_AREA);
      if (*area != '\0' && !kes_catchment_knows (catchment, area))
        g_ptr_array_add (issues, kes_issue_new ("area", KES_ISSUE_ERROR,
                                                _("Area “%s” is not one of the catchment areas"), area));
      return issues;
    }
  if (kes_moj_kind_from_string (kind, &moj_kind))
    {
      g_autoptr(KesMojRecord) record = kes_moj_record_new (moj_kind, patient_id);

      return kes_moj_record_load_json (record, json, error) ? kes_moj_record_validate (record)
                                                            : NULL;
    }
  if (kes_care_kind_table (kind) != NULL)
    {
      g_autoptr(KesCareRecord) record = kes_care_record_new (kind);

      if (!kes_care_record_load_json (record, json, error))
        return NULL;
      kes_care_record_set_patient_id (record, patient_id);
      return kes_care_record_validate (record, on);
    }

  return g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
}

/* The problems a record of another kind has as its own form would judge
 * it (carers and liaison and diversion, referrals and their pathway, MoJ
 * and legal records, care in the community), less a field required only
 * since a later Kestrel that the revision lacks. @patient_id: the patient
 * the record belongs to, which its data does not repeat; @on is the day the
 * revision was written; @catchment the areas a referral may name here. */
GPtrArray *
kes_record_import_validate_other (const char          *kind,
                                  const char          *patient_id,
                                  const char          *json,
                                  const GDate         *on,
                                  const KesCatchment  *catchment,
                                  GError             **error)
{
  g_return_val_if_fail (kind != NULL && json != NULL && catchment != NULL, NULL);

  return forgive_required_later (kind, json, validate_other (kind, patient_id, json, on, catchment, error));
}
