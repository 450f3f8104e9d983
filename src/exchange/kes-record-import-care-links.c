/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-import-care-links"

#include "config.h"

#include <string.h>

#include "kes-care-record-links.h"
#include "kes-moj-incident.h"
#include "kes-moj-report.h"
#include "kes-record-import-links-private.h"

/* The rules a care or MoJ record meets against another record of the
 * patient, as the store applies them on a save (kes-store-community.c,
 * kes-store-moj.c) and in the same words (kes-care-record-links.h,
 * kes-moj-incident.h), with what the file says of that record when the
 * revision was written. */

static KesCareRecord *
load_care (const char         *kind,
           KesArchivedRecord  *record,
           KesRevision        *revision,
           GError            **error)
{
  g_autoptr(KesCareRecord) loaded = kes_care_record_new (kind);

  if (!kes_care_record_load_json (loaded, kes_revision_get_data (revision), error))
    return NULL;
  kes_care_record_set_patient_id (loaded, record->patient_id);
  return g_steal_pointer (&loaded);
}

/* The other record @id of @kind in force when @revision was written, read
 * as a care record, with the patient it belongs to in *@patient_id; NULL
 * (error unset) when there is none. */
static KesCareRecord *
care_in_force (KesImportLinks  *links,
               const char      *id,
               const char      *kind,
               KesRevision     *revision,
               const char     **patient_id,
               GError         **error)
{
  KesRevision *then = kes_import_links_in_force (links, id, kind, revision);
  KesArchivedRecord *named = g_hash_table_lookup (links->by_id, id);

  *patient_id = NULL;
  if (then == NULL)
    return NULL;
  *patient_id = named->patient_id;
  return load_care (kind, named, then, error);
}

static gboolean
check_depot_dose (KesImportLinks   *links,
                  KesCareRecord    *dose,
                  KesRevision      *revision,
                  GError          **error)
{
  const char *patient_id = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(KesCareRecord) prescription = care_in_force (links, kes_care_record_get (dose, "prescription_id"),
                                                         KES_CARE_PRESCRIPTION, revision, &patient_id,
                                                         &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return kes_depot_dose_check_prescription (dose, prescription != NULL ? patient_id : NULL,
                                            prescription != NULL ? kes_care_record_get (prescription, "category")
                                                                 : NULL,
                                            prescription != NULL ? kes_care_record_get (prescription, "depot_drug")
                                                                 : NULL,
                                            error);
}

static gboolean
check_plan_share (KesImportLinks   *links,
                  KesCareRecord    *share,
                  KesRevision      *revision,
                  GError          **error)
{
  KesRevision *plan = kes_import_links_in_force (links, kes_care_record_get (share, "plan_id"),
                                                 KES_CARE_CRISIS_PLAN, revision);
  KesArchivedRecord *named = g_hash_table_lookup (links->by_id, kes_care_record_get (share, "plan_id"));
  gint64 revisions = 0;

  if (plan != NULL && g_strcmp0 (named->patient_id, kes_care_record_get_patient_id (share)) == 0)
    revisions = kes_revision_get_revision (plan);
  return kes_crisis_plan_share_check (share, revisions, error);
}

/* Every record of @kind in the file in force when @revision was written,
 * read as care records, in the file's order. */
static GPtrArray *
all_in_force (KesImportLinks   *links,
              const char       *kind,
              KesRevision      *revision,
              GError          **error)
{
  GPtrArray *others = kes_record_archive_get_records (links->archive, KES_ARCHIVE_OTHER);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < others->len; i++)
    {
      KesArchivedRecord *other = g_ptr_array_index (others, i);
      KesRevision *then;
      KesCareRecord *loaded;

      if (!g_str_equal (other->kind_name, kind)
          || (then = kes_import_links_in_force (links, other->id, kind, revision)) == NULL)
        continue;
      if ((loaded = load_care (kind, other, then, error)) == NULL)
        return NULL;
      g_ptr_array_add (found, loaded);
    }
  return g_steal_pointer (&found);
}

/* A clozapine course starting while a not-to-be-re-challenged record
 * stood: the earliest such record in force, decided on or before the start
 * and not lifted by then. */
static gboolean
check_clozapine_course (KesImportLinks   *links,
                        KesCareRecord    *prescription,
                        KesRevision      *revision,
                        GError          **error)
{
  const char *start = kes_care_record_get (prescription, "start_date");
  g_autoptr(GPtrArray) standing = NULL;
  const char *since = NULL;

  if (!g_str_equal (kes_care_record_get (prescription, "category"), "clozapine"))
    return TRUE;
  standing = all_in_force (links, KES_CARE_CLOZAPINE_NO_RECHALLENGE, revision, error);
  if (standing == NULL)
    return FALSE;
  for (guint i = 0; i < standing->len; i++)
    {
      KesCareRecord *record = g_ptr_array_index (standing, i);
      const char *decided = kes_care_record_get (record, "decided_on");
      const char *lifted = kes_care_record_get (record, "lifted_on");

      if (strcmp (decided, start) <= 0 && (*lifted == '\0' || strcmp (lifted, start) > 0)
          && (since == NULL || strcmp (decided, since) < 0))
        since = decided;
    }
  return kes_clozapine_course_check (prescription, since, NULL, error);
}

/* The thresholds in force on the day the blood was taken: the monitoring
 * decision made latest on or before it (the later one in the file on the
 * same day, as the store takes the later made). */
static gboolean
check_fbc (KesImportLinks   *links,
           KesCareRecord    *fbc,
           KesRevision      *revision,
           GError          **error)
{
  const char *taken = kes_care_record_get (fbc, "taken_on");
  g_autoptr(GPtrArray) decisions = all_in_force (links, KES_CARE_CLOZAPINE_MONITORING, revision, error);
  KesFbcThresholds thresholds = KES_FBC_THRESHOLDS_STANDARD;
  const char *latest = NULL;

  if (decisions == NULL)
    return FALSE;
  for (guint i = 0; i < decisions->len; i++)
    {
      KesCareRecord *decision = g_ptr_array_index (decisions, i);
      const char *decided = kes_care_record_get (decision, "decided_on");

      if (strcmp (decided, taken) <= 0 && (latest == NULL || strcmp (decided, latest) >= 0))
        {
          latest = decided;
          thresholds = KES_FBC_THRESHOLDS_STANDARD;
          kes_fbc_thresholds_parse (kes_care_record_get (decision, "thresholds"), &thresholds);
        }
    }
  return kes_fbc_check_service_light (fbc, thresholds, error);
}

static gboolean
check_care_revision (KesImportLinks     *links,
                     KesArchivedRecord  *record,
                     KesRevision        *revision,
                     GError            **error)
{
  const char *kind = record->kind_name;
  g_autoptr(KesCareRecord) care = load_care (kind, record, revision, error);
  g_autoptr(GError) rule_error = NULL;
  gboolean ok = TRUE;

  if (care == NULL)
    return FALSE;
  if (g_str_equal (kind, KES_CARE_DEPOT_DOSE))
    ok = check_depot_dose (links, care, revision, &rule_error);
  else if (g_str_equal (kind, KES_CARE_CRISIS_PLAN_SHARE))
    ok = check_plan_share (links, care, revision, &rule_error);
  else if (g_str_equal (kind, KES_CARE_PRESCRIPTION))
    ok = check_clozapine_course (links, care, revision, &rule_error);
  else if (g_str_equal (kind, KES_CARE_FBC))
    ok = check_fbc (links, care, revision, &rule_error);
  return ok || kes_import_links_refuse (error, record, revision, rule_error->message);
}

/* One injection of a depot a day: among the file's doses as they stand. */
static gboolean
check_second_dose (KesImportLinks     *links,
                   KesArchivedRecord  *record,
                   GError            **error)
{
  KesRevision *last = kes_import_links_last_revision (record);
  g_autoptr(KesCareRecord) dose = NULL;
  g_autoptr(GError) rule_error = NULL;
  char *key;

  if (kes_revision_get_change (last) == KES_CHANGE_ENTERED_IN_ERROR)
    return TRUE;
  if ((dose = load_care (KES_CARE_DEPOT_DOSE, record, last, error)) == NULL)
    return FALSE;
  if (!g_str_equal (kes_care_record_get (dose, "outcome"), "given"))
    return TRUE;
  key = g_strdup_printf ("dose %s %s", kes_care_record_get (dose, "prescription_id"),
                         kes_care_record_get (dose, "given_on"));
  if (!g_hash_table_add (links->keys, key))
    {
      kes_depot_dose_refuse_second (dose, &rule_error);
      return kes_import_links_refuse (error, record, last, rule_error->message);
    }
  return TRUE;
}

static gboolean
check_moj_revision (KesImportLinks     *links,
                    KesArchivedRecord  *record,
                    KesMojKind          kind,
                    KesRevision        *revision,
                    GError            **error)
{
  g_autoptr(KesMojRecord) report = kes_moj_record_new (kind, record->patient_id);
  g_autoptr(GError) rule_error = NULL;
  const char *incident_id;
  KesArchivedRecord *incident;

  if (!kes_moj_record_load_json (report, kes_revision_get_data (revision), error))
    return FALSE;
  incident_id = kes_moj_record_get_text (report, KES_MOJ_INCIDENT_LINK);
  if (*incident_id == '\0')
    return TRUE;
  incident = kes_import_links_in_force (links, incident_id, "moj-incident", revision) != NULL
               ? g_hash_table_lookup (links->by_id, incident_id) : NULL;
  return kes_moj_report_check_incident_link (report, incident != NULL ? incident->patient_id : NULL,
                                             &rule_error)
      || kes_import_links_refuse (error, record, revision, rule_error->message);
}

gboolean
kes_import_links_check_clinical (KesImportLinks     *links,
                                 KesArchivedRecord  *record,
                                 GError            **error)
{
  gboolean care = kes_care_kind_table (record->kind_name) != NULL;
  KesMojKind moj_kind;
  gboolean moj = kes_moj_kind_from_string (record->kind_name, &moj_kind);

  if (!care && !moj)
    return TRUE;
  for (guint i = 0; i < record->revisions->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (record->revisions, i);

      if (kes_revision_get_change (revision) == KES_CHANGE_ENTERED_IN_ERROR)
        continue;
      if (care ? !check_care_revision (links, record, revision, error)
               : !check_moj_revision (links, record, moj_kind, revision, error))
        return FALSE;
    }
  return !g_str_equal (record->kind_name, KES_CARE_DEPOT_DOSE) || check_second_dose (links, record, error);
}
