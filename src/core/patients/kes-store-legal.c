/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-legal"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-referral.h"
#include "kes-store-moj-private.h"

/* A patient's legal status has one home, the legal status record (the
 * Legal & MoJ tab). What a referral or a screening says of it, and what
 * the register held before migration 0017, is brought into that record
 * here, so the header, the tab, the referral and the MoJ report read the
 * same facts. */

static gboolean
says (const char *value)
{
  return value != NULL && *value != '\0';
}

/* "MAPPA level: Level 2: active multi-agency management" */
static char *
describe (const char *key,
          const char *value)
{
  const KesMojField *fields;
  guint n_fields;

  fields = kes_moj_kind_fields (KES_MOJ_LEGAL_STATUS, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, key))
      {
        const char *label = fields[i].code_list != NULL
          ? kes_code_list_lookup (kes_code_list_get (fields[i].code_list), value) : NULL;

        /* TRANSLATORS: a field of the legal status record and a value */
        return g_strdup_printf (_("%s: %s"), _(fields[i].label), label != NULL ? label : value);
      }
  return g_strdup (value);
}

/* What @key should hold, given the record's @held and the other record's
 * @given; NULL to leave it. */
static char *
merged_value (const char    *key,
              const char    *held,
              const char    *given,
              KesLegalMerge  merge,
              GPtrArray     *conflicts)
{
  if (!says (given) || g_str_equal (held, given))
    return NULL;
  if (merge == KES_LEGAL_MERGE_REPLACE || *held == '\0' ||
      (g_str_equal (key, "authority") && g_str_equal (held, KES_LEGAL_STATUS_NOT_KNOWN)))
    return g_strdup (given);
  /* Index offences are a list in words: one more is added on its own line. */
  if (g_str_equal (key, "index_offences"))
    return strstr (held, given) != NULL ? NULL : g_strconcat (held, "\n", given, NULL);
  if (conflicts != NULL)
    g_ptr_array_add (conflicts, describe (key, given));
  return NULL;
}

void
kes_legal_facts_describe (const KesLegalFacts *facts,
                          GPtrArray           *lines)
{
  const struct { const char *key; const char *value; } given[] = {
    { "authority", facts->authority }, { "mhcs_reference", facts->mhcs_reference },
    { "mappa_category", facts->mappa_category }, { "mappa_level", facts->mappa_level },
    { "index_offences", facts->index_offences },
  };

  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    if (says (given[i].value))
      g_ptr_array_add (lines, describe (given[i].key, given[i].value));
}

gboolean
kes_store_merge_legal_status (KesStore            *self,
                              const char          *patient_id,
                              const KesLegalFacts *facts,
                              KesLegalMerge        merge,
                              const char          *reason,
                              GPtrArray           *conflicts,
                              GError             **error)
{
  const struct { const char *key; const char *value; } given[] = {
    { "authority", says (facts->authority) && !g_str_equal (facts->authority, KES_LEGAL_STATUS_NOT_KNOWN)
                     ? facts->authority : NULL },
    { "mhcs_reference", facts->mhcs_reference },
    { "mappa_category", facts->mappa_category },
    { "mappa_level", facts->mappa_level },
    { "index_offences", facts->index_offences },
  };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(KesMojRecord) status = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (patient_id != NULL && facts != NULL, FALSE);

  records = kes_store_moj_query (self, patient_id, KES_MOJ_LEGAL_STATUS, FALSE, error);
  if (records == NULL)
    return FALSE;
  if (records->len > 0)
    status = kes_moj_record_copy (g_ptr_array_index (records, 0));
  else
    {
      gboolean any = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (given); i++)
        any = any || says (given[i].value);
      if (!any)
        return TRUE;
      status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, patient_id);
      kes_moj_record_set_text (status, "authority", KES_LEGAL_STATUS_NOT_KNOWN);
      changed = TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    {
      g_autofree char *value = merged_value (given[i].key, kes_moj_record_get_text (status, given[i].key),
                                             given[i].value, merge, conflicts);

      if (value == NULL)
        continue;
      kes_moj_record_set_text (status, given[i].key, value);
      changed = TRUE;
    }
  if (!changed)
    return TRUE;
  return kes_store_write_moj_record (self, status, KES_CHANGE_EDIT, reason, error);
}

/* @key of revision @revision of record @id, or "" */
static char *
revision_text (KesStore   *self,
               const char *id,
               gint64      revision,
               const char *key)
{
  g_autofree char *path = g_strconcat ("$.", key, NULL);
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT CAST (json_extract (data, ?3) AS TEXT) FROM revision WHERE record_id = ?1 AND revision = ?2", NULL);
  char *text = NULL;

  if (stmt == NULL)
    return g_strdup ("");
  kes_db_bind_text (stmt, 1, id, -1, KES_DB_COPY);
  kes_db_bind_int64 (stmt, 2, revision);
  kes_db_bind_text (stmt, 3, path, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    text = g_strdup (kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  return text != NULL ? text : g_strdup ("");
}

gboolean
kes_store_legal_status_from_referral (KesStore     *self,
                                      KesReferral  *referral,
                                      GError      **error)
{
  const char *patient_id = kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID);
  const char *legal = kes_referral_get_text (referral, KES_REFERRAL_LEGAL_STATUS);
  const char *offence = kes_referral_get_text (referral, KES_REFERRAL_INDEX_OFFENCE);
  const char *id = kes_referral_get_id (referral);
  gint64 revision = kes_referral_get_revision (referral);
  g_autofree char *had_legal = NULL;
  g_autofree char *had_offence = NULL;
  g_autofree char *date = NULL;
  g_autofree char *reason = NULL;
  KesLegalFacts facts = { 0 };

  if (*patient_id == '\0')
    return TRUE;
  /* Only what this save changed: an old referral saved again does not undo
   * what was recorded on the Legal & MoJ tab since. */
  if (revision > 1)
    {
      had_legal = revision_text (self, id, revision - 1, "legal_status");
      had_offence = revision_text (self, id, revision - 1, "index_offence");
    }
  if (had_legal == NULL || !g_str_equal (had_legal, legal))
    facts.authority = legal;
  if (had_offence == NULL || !g_str_equal (had_offence, offence))
    facts.index_offences = offence;
  if (facts.authority == NULL && facts.index_offences == NULL)
    return TRUE;
  date = kes_date_to_display (kes_referral_get_text (referral, KES_REFERRAL_DATE));
  reason = g_strdup_printf (_("From the referral of %s"), date);
  return kes_store_merge_legal_status (self, patient_id, &facts, KES_LEGAL_MERGE_REPLACE, reason, NULL, error);
}
