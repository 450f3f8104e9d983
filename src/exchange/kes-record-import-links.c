/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-import-links"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-carers.h"
#include "kes-error.h"
#include "kes-field-kinds.h"
#include "kes-field-record.h"
#include "kes-liaison.h"
#include "kes-record-import-links-private.h"
#include "kes-record-import-rules.h"
#include "kes-referral.h"
#include "kes-report-error.h"
#include "kes-signposting.h"

/* The rules between a case record's records, as the store applies them on
 * a save (kes-store-carers.c, kes-store-signposting.c): what a carers'
 * record names is a carer, one open link and one consent record per
 * patient–carer pair, a share within the consent it relied on, and
 * signposting hung on a referral that was turned away or a screening whose
 * outcome was signposting, not dated before it. A case record carries every
 * record of its patient, so what a record refers to is in the same file;
 * only a carer (shared between patients) may already be held here. */

static const KesRecordKind *pair_kinds[] = {
  &kes_carer_link_kind, &kes_carer_consent_kind, &kes_carer_share_kind,
  &kes_carer_assessment_kind, &kes_carer_involvement_kind,
};

static gboolean
names_a_carer (const KesRecordKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (pair_kinds); i++)
    if (pair_kinds[i] == kind)
      return TRUE;
  return FALSE;
}

KesRevision *
kes_import_links_last_revision (KesArchivedRecord *record)
{
  return g_ptr_array_index (record->revisions, record->revisions->len - 1);
}

static gboolean
ends_entered_in_error (KesArchivedRecord *record)
{
  return kes_revision_get_change (kes_import_links_last_revision (record)) == KES_CHANGE_ENTERED_IN_ERROR;
}

KesRevision *
kes_import_links_revision_at (KesArchivedRecord *record,
                              const char        *at)
{
  KesRevision *found = NULL;

  for (guint i = 0; i < record->revisions->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (record->revisions, i);
      int order = strcmp (kes_revision_get_at (revision), at);

      if (order > 0)
        break;
      if (order < 0 || kes_revision_get_change (revision) != KES_CHANGE_ENTERED_IN_ERROR)
        found = revision;
    }
  return found;
}

KesRevision *
kes_import_links_in_force (KesImportLinks *links,
                           const char     *id,
                           const char     *kind_name,
                           KesRevision    *revision)
{
  KesArchivedRecord *named = g_hash_table_lookup (links->by_id, id);
  KesRevision *then;

  if (named == NULL || !g_str_equal (named->kind_name, kind_name))
    return NULL;
  then = kes_import_links_revision_at (named, kes_revision_get_at (revision));
  return then != NULL && kes_revision_get_change (then) != KES_CHANGE_ENTERED_IN_ERROR ? then : NULL;
}

static KesFieldRecord *
load_field_revision (const KesRecordKind  *kind,
                     KesArchivedRecord    *record,
                     KesRevision          *revision,
                     GError              **error)
{
  g_autoptr(KesFieldRecord) loaded = kes_field_record_new (kind);

  if (!kes_field_record_load_json (loaded, kes_revision_get_data (revision), error))
    return NULL;
  kes_field_record_set_identity (loaded, record->id, kes_revision_get_revision (revision),
                                 kes_revision_get_change (revision) == KES_CHANGE_ENTERED_IN_ERROR
                                   ? KES_RECORD_ENTERED_IN_ERROR : KES_RECORD_ACTIVE);
  kes_field_record_set_patient_id (loaded, record->patient_id);
  return g_steal_pointer (&loaded);
}

gboolean
kes_import_links_refuse (GError            **error,
                         KesArchivedRecord  *record,
                         KesRevision        *revision,
                         const char         *problem)
{
  /* Translators: a kind of record ("carer-link", "signposting") and its id */
  g_autofree char *what = g_strdup_printf (_("%s %s"), record->kind_name, record->id);

  return kes_record_import_refuse (error, what, kes_revision_get_revision (revision), problem);
}

/* ---- Carers ---- */

/* The carer @revision of @record names: in the file and not marked as
 * entered in error when the revision was written, or held here. */
static gboolean
check_carer_named (KesImportLinks     *links,
                   KesArchivedRecord  *record,
                   KesRevision        *revision,
                   const char         *carer_id,
                   GError            **error)
{
  KesArchivedRecord *carer = g_hash_table_lookup (links->by_id, carer_id);
  g_autoptr(KesFieldRecord) held = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *problem = NULL;

  if (carer != NULL)
    {
      KesRevision *then = kes_import_links_revision_at (carer, kes_revision_get_at (revision));

      if (!g_str_equal (carer->kind_name, kes_carer_kind.name))
        problem = g_strdup_printf (_("Carer: %s is not a carer’s record"), carer_id);
      else if (then != NULL && kes_revision_get_change (then) == KES_CHANGE_ENTERED_IN_ERROR)
        problem = g_strdup (_("This carer’s record was marked as entered in error"));
      return problem == NULL || kes_import_links_refuse (error, record, revision, problem);
    }

  held = kes_store_load_carer_record (links->store, &kes_carer_kind, carer_id, &local_error);
  if (held == NULL && !g_error_matches (local_error, KES_ERROR, KES_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (held == NULL)
    problem = g_strdup_printf (_("Carer: no carer has the id %s, in the file or in this database"),
                               carer_id);
  else if (kes_field_record_get_state (held) != KES_RECORD_ACTIVE)
    problem = g_strdup (_("This carer’s record was marked as entered in error"));
  return problem == NULL || kes_import_links_refuse (error, record, revision, problem);
}

/* Whether @record is the open link or the consent record of its pair:
 * a link that has not ended, or any consent record, not entered in error. */
static gboolean
holds_the_pair (KesArchivedRecord *record,
                KesFieldRecord    *last)
{
  if (ends_entered_in_error (record))
    return FALSE;
  if (kes_field_record_get_kind (last) == &kes_carer_link_kind)
    return *kes_field_record_get_text (last, "ended_on") == '\0';
  return kes_field_record_get_kind (last) == &kes_carer_consent_kind;
}

static const char *
pair_conflict_message (const KesRecordKind *kind)
{
  return kind == &kes_carer_link_kind
           ? _("This carer is already linked to this patient")
           : _("Consent to share with this carer is already recorded: change that "
               "record so its history stays in one place");
}

/* The pair's open link or consent record held here, other than one the
 * file carries (a merge adds to the patient's records). */
static gboolean
check_pair_held (KesImportLinks     *links,
                 KesArchivedRecord  *record,
                 KesFieldRecord     *last,
                 GError            **error)
{
  const KesRecordKind *kind = kes_field_record_get_kind (last);
  g_autoptr(GPtrArray) held = NULL;

  held = kes_store_list_carer_records (links->store, kind, kes_field_record_get_text (last, "carer_id"),
                                       links->patient_id, error);
  if (held == NULL)
    return FALSE;
  for (guint i = 0; i < held->len; i++)
    {
      KesFieldRecord *other = g_ptr_array_index (held, i);

      if (g_hash_table_contains (links->by_id, kes_field_record_get_id (other)))
        continue;
      if (kind == &kes_carer_consent_kind || *kes_field_record_get_text (other, "ended_on") == '\0')
        return kes_import_links_refuse (error, record, kes_import_links_last_revision (record), pair_conflict_message (kind));
    }
  return TRUE;
}

/* A logged share is refused by the store when a category may not be
 * discussed under the consent of the moment, and records the consent
 * revision it relied on: that revision must be in the file, for the same
 * carer, and allow every category. */
static gboolean
check_share (KesImportLinks     *links,
             KesArchivedRecord  *record,
             KesRevision        *revision,
             KesFieldRecord     *share,
             GError            **error)
{
  g_auto(GStrv) categories = kes_field_record_dup_list (share, "categories");
  const char *consent_id = kes_field_record_get_text (share, "consent_id");
  const char *consent_revision = kes_field_record_get_text (share, "consent_revision");
  g_autoptr(KesFieldRecord) consent = NULL;

  if (*consent_id != '\0')
    {
      KesArchivedRecord *named = g_hash_table_lookup (links->by_id, consent_id);
      gint64 number = g_ascii_strtoll (consent_revision, NULL, 10);

      if (named == NULL || !g_str_equal (named->kind_name, kes_carer_consent_kind.name)
          || number < 1 || (guint64) number > named->revisions->len)
        return kes_import_links_refuse (error, record, revision,
                              _("The consent this share relied on is not in the file"));
      consent = load_field_revision (&kes_carer_consent_kind, named,
                                     g_ptr_array_index (named->revisions, number - 1), error);
      if (consent == NULL)
        return FALSE;
      if (g_strcmp0 (kes_field_record_get_text (consent, "carer_id"),
                     kes_field_record_get_text (share, "carer_id")) != 0)
        return kes_import_links_refuse (error, record, revision,
                              _("The consent this share relied on is for another carer"));
    }

  for (guint i = 0; categories[i] != NULL; i++)
    if (!kes_share_decision_allows (kes_carer_share_decision (consent, categories[i])))
      {
        g_autofree char *why = kes_carer_share_explain (consent, categories[i]);
        g_autofree char *problem = g_strdup_printf (_("Not shared: %s"), why);

        return kes_import_links_refuse (error, record, revision, problem);
      }
  return TRUE;
}

static gboolean
check_carers_record (KesImportLinks       *links,
                     KesArchivedRecord    *record,
                     const KesRecordKind  *kind,
                     GError              **error)
{
  g_autoptr(KesFieldRecord) last = NULL;

  for (guint i = 0; i < record->revisions->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (record->revisions, i);
      g_autoptr(KesFieldRecord) then = NULL;

      if (kes_revision_get_change (revision) == KES_CHANGE_ENTERED_IN_ERROR)
        continue;
      if (kind == &kes_carer_share_kind && i > 0)
        return kes_import_links_refuse (error, record, revision,
                              _("The information-sharing log can’t be changed: mark a wrong entry as "
                                "entered in error and log what was shared again"));
      then = load_field_revision (kind, record, revision, error);
      if (then == NULL
          || !check_carer_named (links, record, revision, kes_field_record_get_text (then, "carer_id"), error)
          || (kind == &kes_carer_share_kind && !check_share (links, record, revision, then, error)))
        return FALSE;
    }

  last = load_field_revision (kind, record, kes_import_links_last_revision (record), error);
  if (last == NULL)
    return FALSE;
  if (record->patient_id == NULL || !holds_the_pair (record, last))
    return TRUE;

  {
    g_autofree char *pair = g_strdup_printf ("%s %s", kind->name, kes_field_record_get_text (last, "carer_id"));

    if (!g_hash_table_add (links->keys, g_steal_pointer (&pair)))
      return kes_import_links_refuse (error, record, kes_import_links_last_revision (record),
                                      pair_conflict_message (kind));
  }
  return !links->merging || check_pair_held (links, record, last, error);
}

/* ---- Signposting ---- */

/* The date signposting may not precede, from the revision of its source in
 * effect when it was written; NULL with @problem set when the source could
 * not be signposted from then. */
static char *
source_starts_on (KesArchivedRecord  *source,
                  KesRevision        *then,
                  char              **problem,
                  GError            **error)
{
  if (g_str_equal (source->kind_name, "referral"))
    {
      g_autoptr(KesReferral) referral = kes_referral_new ();
      GPtrArray *steps;

      if (!kes_referral_load_json (referral, kes_revision_get_data (then), error))
        return NULL;
      steps = kes_referral_get_steps (referral);
      for (guint i = 0; i < steps->len; i++)
        {
          const KesReferralStep *step = g_ptr_array_index (steps, i);

          if (step->stage == KES_REFERRAL_DECLINED || step->stage == KES_REFERRAL_REDIRECTED)
            return g_strdup (kes_referral_get_text (referral, KES_REFERRAL_DATE));
        }
      *problem = g_strdup (_("Signposting is recorded for a referral that was declined or redirected: "
                             "record that decision first"));
      return NULL;
    }
  if (g_str_equal (source->kind_name, kes_screening_kind.name))
    {
      g_autoptr(KesFieldRecord) screening = load_field_revision (&kes_screening_kind, source, then, error);

      if (screening == NULL)
        return NULL;
      if (g_str_equal (kes_field_record_get_text (screening, "outcome"), "signposting"))
        return g_strdup (kes_field_record_get_text (screening, "screened_on"));
      *problem = g_strdup (_("Signposting is recorded for a screening whose outcome is signposting: "
                             "change the screening’s outcome first"));
      return NULL;
    }
  *problem = g_strdup (_("Signposted from: this is neither a screening nor a referral"));
  return NULL;
}

static gboolean
check_signposting_revision (KesImportLinks     *links,
                            KesArchivedRecord  *record,
                            KesRevision        *revision,
                            GError            **error)
{
  g_autoptr(KesFieldRecord) signposting = load_field_revision (&kes_signposting_kind, record, revision, error);
  KesArchivedRecord *source = NULL;
  KesRevision *then = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *starts_on = NULL;
  GError *local_error = NULL;
  const char *on;
  const char *by;

  if (signposting == NULL)
    return FALSE;
  source = g_hash_table_lookup (links->by_id, kes_field_record_get_text (signposting, "source_id"));
  if (source != NULL)
    then = kes_import_links_revision_at (source, kes_revision_get_at (revision));
  if (then == NULL || kes_revision_get_change (then) == KES_CHANGE_ENTERED_IN_ERROR)
    return kes_import_links_refuse (error, record, revision,
                          _("Signposted from: the screening or referral is not in the file, or was "
                            "entered in error"));

  starts_on = source_starts_on (source, then, &problem, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  on = kes_field_record_get_text (signposting, "signposted_on");
  if (problem == NULL && starts_on != NULL && strlen (on) == 10 && strcmp (on, starts_on) < 0)
    problem = g_strdup (g_str_equal (source->kind_name, "referral")
                          ? _("Date signposted is before the referral was received")
                          : _("Date signposted is before the screening"));
  by = kes_field_record_get_text (signposting, "signposted_by");
  if (problem == NULL && *by != '\0' && kes_record_archive_find_staff (links->archive, by) == NULL)
    problem = g_strdup (_("Signposted by: not a member of staff the file names"));
  return problem == NULL || kes_import_links_refuse (error, record, revision, problem);
}

static gboolean
check_signposting (KesImportLinks     *links,
                   KesArchivedRecord  *record,
                   GError            **error)
{
  for (guint i = 0; i < record->revisions->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (record->revisions, i);

      if (kes_revision_get_change (revision) != KES_CHANGE_ENTERED_IN_ERROR
          && !check_signposting_revision (links, record, revision, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- Public ---- */

gboolean
kes_record_import_check_links (KesStore          *store,
                               KesRecordArchive  *archive,
                               gboolean           merging,
                               GError           **error)
{
  GPtrArray *others = kes_record_archive_get_records (archive, KES_ARCHIVE_OTHER);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) definitions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  KesImportLinks links = { store, archive, kes_record_archive_get_patient (archive)->id, merging, by_id,
                           definitions, keys };
  gboolean carers_checked = FALSE;

  g_return_val_if_fail (KES_IS_STORE (store), FALSE);
  g_return_val_if_fail (archive != NULL, FALSE);

  for (guint i = 0; i < others->len; i++)
    {
      KesArchivedRecord *record = g_ptr_array_index (others, i);

      g_hash_table_insert (by_id, record->id, record);
    }

  for (guint i = 0; i < others->len; i++)
    {
      KesArchivedRecord *record = g_ptr_array_index (others, i);
      const KesRecordKind *kind = kes_field_kind_for_name (record->kind_name);

      if (kind == &kes_signposting_kind && !check_signposting (&links, record, error))
        return FALSE;
      if (kind == NULL)
        {
          if (g_str_equal (record->kind_name, "risk-assessment")
                ? !kes_import_links_check_risk (&links, record, error)
                : !kes_import_links_check_clinical (&links, record, error))
            return FALSE;
          continue;
        }
      if (kind != &kes_carer_kind && !names_a_carer (kind))
        continue;
      /* Carers' records are edited with edit-carers, not edit-clinical:
       * bringing them in is editing them. */
      if (!carers_checked
          && !kes_store_check_permission (store, KES_PERMISSION_EDIT_CARERS,
                                          merging ? links.patient_id : NULL, error))
        return FALSE;
      carers_checked = TRUE;
      if (kind != &kes_carer_kind && !check_carers_record (&links, record, kind, error))
        return FALSE;
    }
  return TRUE;
}
