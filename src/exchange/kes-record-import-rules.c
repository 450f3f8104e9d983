/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-import-rules"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-catchment.h"
#include "kes-clock.h"
#include "kes-field-limits.h"
#include "kes-record-import-rules.h"
#include "kes-report-error.h"
#include "kes-store-patients.h"
#include "kes-validate.h"

/* Clocks on two machines disagree a little: the same grace a contact
 * recorded "now" gets (kes_contact_validate). */
#define CLOCK_GRACE (10 * G_TIME_SPAN_MINUTE)

typedef struct
{
  KesStore          *store;
  GDateTime         *now;
  GDateTime         *register_made;  /* the patient's first revision */
  KesCatchment      *catchment;      /* the areas referrals may name */
} Check;

/* "Revision 2 of the register: Family name is required" — one problem a
 * line, the first line naming where. */
static gboolean
refuse_issues (GError     **error,
               const char  *what,
               gint64       number,
               GPtrArray   *issues)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < issues->len; i++)
    {
      KesIssue *issue = g_ptr_array_index (issues, i);

      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", issue->message);
    }
  g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID,
               /* Translators: a record ("the register", "note 6f1c…"), a revision number, then
                * the problems, one a line */
               _("Revision %" G_GINT64_FORMAT " of %s: %s"), number, what, text->str);
  return FALSE;
}

gboolean
kes_record_import_refuse (GError     **error,
                          const char  *what,
                          gint64       number,
                          const char  *problem)
{
  g_autoptr(GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);

  g_ptr_array_add (issues, kes_issue_new (NULL, KES_ISSUE_ERROR, "%s", problem));
  return refuse_issues (error, what, number, issues);
}

/* ---- When each revision was written ---- */

static gboolean
check_times (Check              *check,
             KesArchivedRecord  *record,
             const char         *what,
             GError            **error)
{
  g_autoptr(GDateTime) previous = NULL;

  for (guint i = 0; i < record->revisions->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (record->revisions, i);
      gint64 number = kes_revision_get_revision (revision);
      g_autoptr(GDateTime) at = kes_time_from_iso (kes_revision_get_at (revision));
      g_autofree char *shown = kes_time_to_display (kes_revision_get_at (revision));

      if (at == NULL)
        return kes_record_import_refuse (error, what, number, _("its time is not a valid date and time"));
      if (g_date_time_difference (at, check->now) > CLOCK_GRACE)
        {
          g_autofree char *message =
            g_strdup_printf (_("it is dated %s, after the moment of this import"), shown);
          return kes_record_import_refuse (error, what, number, message);
        }
      if (previous != NULL && g_date_time_compare (at, previous) < 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("it is dated %s, before the revision it follows"), shown);
          return kes_record_import_refuse (error, what, number, message);
        }
      /* Carers are shared between patients and may be older than this one. */
      if (i == 0 && record->kind != KES_ARCHIVE_PATIENT
          && (record->kind != KES_ARCHIVE_OTHER || record->patient_id != NULL)
          && check->register_made != NULL && g_date_time_compare (at, check->register_made) < 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("it is dated %s, before the patient’s record was created"), shown);
          return kes_record_import_refuse (error, what, number, message);
        }
      g_clear_pointer (&previous, g_date_time_unref);
      previous = g_steal_pointer (&at);

      if (!kes_field_limit_ok ("revision.reason", _("The reason for the change"),
                               kes_revision_get_reason (revision), error))
        {
          g_autofree char *message = g_strdup ((*error)->message);

          g_clear_error (error);
          return kes_record_import_refuse (error, what, number, message);
        }
    }

  return TRUE;
}

/* ---- The register ---- */

/* The first field whose stored form differs from what the file holds:
 * the store keeps NHS numbers as digits, dates as YYYY-MM-DD… */
static const char *
first_non_canonical_field (KesPatient *as_read,
                           KesPatient *normalised,
                           const char **value)
{
  for (guint f = 0; f < KES_PATIENT_N_TEXT_FIELDS; f++)
    if (g_strcmp0 (kes_patient_get_text (as_read, f), kes_patient_get_text (normalised, f)) != 0)
      {
        *value = kes_patient_get_text (as_read, f);
        return kes_patient_field_label (f);
      }

  return NULL;
}

static gboolean
made_before_birth (KesPatient  *patient,
                   const GDate *made)
{
  const char *typed = kes_patient_get_text (patient, KES_PATIENT_BIRTH_DATE);
  g_autofree char *iso = kes_date_parse (typed, "", NULL);
  g_autoptr(GDate) birth = iso != NULL ? kes_date_from_iso (iso) : NULL;

  return birth != NULL && g_date_compare (made, birth) < 0;
}

static gboolean
check_register_revision (Check        *check,
                         KesRevision  *revision,
                         GError      **error)
{
  gint64 number = kes_revision_get_revision (revision);
  const char *what = _("the patient’s register");
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autoptr(KesPatient) normalised = NULL;
  g_autoptr(GDateTime) at = kes_time_from_iso (kes_revision_get_at (revision));
  g_autoptr(GDate) on = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  const char *label, *value = NULL;

  if (!kes_patient_load_json (patient, kes_revision_get_data (revision), error))
    return FALSE;
  if (kes_revision_get_change (revision) == KES_CHANGE_ENTERED_IN_ERROR)
    return TRUE;

  /* Judged as on the day it was written: a date of birth after that day,
   * or an under-18 referral without a reason, was never a valid record. */
  on = g_date_new_dmy (g_date_time_get_day_of_month (at), g_date_time_get_month (at),
                       g_date_time_get_year (at));
  if (number == 1 && made_before_birth (patient, on))
    return kes_record_import_refuse (error, what, number,
                   _("the record is dated before the patient’s date of birth"));
  issues = kes_patient_validate (patient, on);
  if (issues->len > 0)
    return refuse_issues (error, what, number, issues);

  normalised = kes_patient_copy (patient);
  if (!kes_patient_normalise (normalised, on, error))
    return FALSE;
  label = first_non_canonical_field (patient, normalised, &value);
  if (label != NULL)
    {
      g_autofree char *message =
        /* Translators: a field's name and the value the file gives it */
        g_strdup_printf (_("%s “%s” is not written the way Kestrel stores it"), label, value);
      return kes_record_import_refuse (error, what, number, message);
    }

  return TRUE;
}

/* A different UUID with an NHS number already held is the same person
 * twice on the register: refused, never a second patient. */
static gboolean
check_identity (Check              *check,
                KesArchivedRecord  *patient_record,
                GError            **error)
{
  KesRevision *last = g_ptr_array_index (patient_record->revisions,
                                         patient_record->revisions->len - 1);
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autofree char *holder = NULL;
  gboolean held = FALSE;
  const char *nhs;

  if (kes_revision_get_change (last) == KES_CHANGE_ENTERED_IN_ERROR
      || !kes_patient_load_json (patient, kes_revision_get_data (last), error))
    return error == NULL || *error == NULL;

  nhs = kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER);
  if (*nhs == '\0')
    return TRUE;
  if (!kes_store_find_nhs_number_holder (check->store, nhs, patient_record->id, &held, &holder, error))
    return FALSE;
  if (held)
    {
      g_autofree char *shown = kes_nhs_number_format (nhs);

      if (holder != NULL)
        g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_EXISTS,
                     /* Translators: a patient's name held here, then the NHS number */
                     _("This person is already registered as %s (NHS number %s) — merge "
                       "explicitly or check the identity."), holder, shown);
      else
        g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_EXISTS,
                     /* Translators: the NHS number */
                     _("This person is already registered, as a patient of another team (NHS "
                       "number %s) — merge explicitly or check the identity with that team."),
                     shown);
      return FALSE;
    }

  return TRUE;
}

/* ---- Contacts and notes ---- */

static gboolean
check_contact_or_note (KesArchivedRecord  *record,
                       const char         *patient_id,
                       const char         *what,
                       GError            **error)
{
  for (guint i = 0; i < record->revisions->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (record->revisions, i);
      g_autoptr(GPtrArray) issues = NULL;

      if (kes_revision_get_change (revision) == KES_CHANGE_ENTERED_IN_ERROR)
        continue;
      if (record->kind == KES_ARCHIVE_CONTACT)
        {
          g_autoptr(KesContact) contact = kes_contact_new ();

          if (!kes_contact_load_json (contact, kes_revision_get_data (revision), error))
            return FALSE;
          kes_contact_set_patient_id (contact, patient_id);
          issues = kes_contact_validate (contact);
        }
      else
        {
          g_autoptr(KesNote) note = kes_note_new ();

          if (!kes_note_load_json (note, kes_revision_get_data (revision), error))
            return FALSE;
          kes_note_set_patient_id (note, patient_id);
          issues = kes_note_validate (note);
        }
      if (issues->len > 0)
        return refuse_issues (error, what, kes_revision_get_revision (revision), issues);
    }

  return TRUE;
}

/* ---- Every other kind: referrals, MoJ and legal records, care ---- */

static gboolean
check_other (Check              *check,
             KesArchivedRecord  *record,
             const char         *what,
             GError            **error)
{
  for (guint i = 0; i < record->revisions->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (record->revisions, i);
      g_autoptr(GDateTime) at = kes_time_from_iso (kes_revision_get_at (revision));
      g_autoptr(GDate) on = NULL;
      g_autoptr(GPtrArray) issues = NULL;

      if (kes_revision_get_change (revision) == KES_CHANGE_ENTERED_IN_ERROR || at == NULL)
        continue;
      on = g_date_new_dmy (g_date_time_get_day_of_month (at), g_date_time_get_month (at),
                           g_date_time_get_year (at));
      issues = kes_record_import_validate_other (record->kind_name, record->patient_id,
                                                 kes_revision_get_data (revision), on, check->catchment,
                                                 error);
      if (issues == NULL)
        return FALSE;
      for (guint j = issues->len; j > 0; j--)
        if (((KesIssue *) g_ptr_array_index (issues, j - 1))->severity != KES_ISSUE_ERROR)
          g_ptr_array_remove_index (issues, j - 1);
      if (issues->len > 0)
        return refuse_issues (error, what, kes_revision_get_revision (revision), issues);
    }

  return TRUE;
}

/* ---- Staff and teams the file names ---- */

static gboolean
check_directory (KesRecordArchive  *archive,
                 GError           **error)
{
  GPtrArray *teams = kes_record_archive_get_teams (archive);
  GPtrArray *staff = kes_record_archive_get_staff (archive);

  for (guint i = 0; i < teams->len; i++)
    if (!kes_field_limit_ok ("team.name", _("A team’s name"),
                             kes_team_get_name (g_ptr_array_index (teams, i)), error))
      return FALSE;

  for (guint i = 0; i < staff->len; i++)
    {
      KesStaff *member = g_ptr_array_index (staff, i);

      if (!kes_field_limit_ok ("staff.username", _("A staff member’s user name"),
                               kes_staff_get_username (member), error)
          || !kes_field_limit_ok ("staff.display_name", _("A staff member’s name"),
                                  kes_staff_get_display_name (member), error)
          || !kes_field_limit_ok ("staff.role_title", _("A staff member’s role"),
                                  kes_staff_get_role_title (member), error)
          || !kes_field_limit_ok ("staff.contact", _("A staff member’s contact details"),
                                  kes_staff_get_contact (member), error))
        return FALSE;
    }

  return TRUE;
}

/* ---- Public ---- */

static gboolean
check_records (Check             *check,
               KesRecordArchive  *archive,
               KesArchiveKind     kind,
               GError           **error)
{
  GPtrArray *records = kes_record_archive_get_records (archive, kind);
  const char *patient_id = kes_record_archive_get_patient (archive)->id;

  for (guint i = 0; i < records->len; i++)
    {
      KesArchivedRecord *record = g_ptr_array_index (records, i);
      g_autofree char *what = NULL;

      /* Translators: a kind of record ("note", "referral") and its id */
      what = g_strdup_printf (_("%s %s"), record->kind_name, record->id);
      if (!check_times (check, record, what, error))
        return FALSE;
      if ((kind == KES_ARCHIVE_CONTACT || kind == KES_ARCHIVE_NOTE)
          && !check_contact_or_note (record, patient_id, what, error))
        return FALSE;
      if (kind == KES_ARCHIVE_OTHER && !check_other (check, record, what, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
kes_record_import_check_rules (KesStore          *store,
                               KesRecordArchive  *archive,
                               GError           **error)
{
  KesArchivedRecord *patient = kes_record_archive_get_patient (archive);
  g_autoptr(GDateTime) now = kes_clock_now_utc ();
  g_autoptr(GDateTime) made = NULL;
  g_autoptr(KesCatchment) catchment = NULL;
  Check check = { store, now, NULL, NULL };
  const KesArchiveKind kinds[] = { KES_ARCHIVE_CONTACT, KES_ARCHIVE_NOTE, KES_ARCHIVE_OTHER };

  g_return_val_if_fail (KES_IS_STORE (store), FALSE);
  g_return_val_if_fail (archive != NULL, FALSE);

  check.catchment = catchment = kes_store_get_catchment (store, error);
  if (catchment == NULL || !check_directory (archive, error)
      || !check_times (&check, patient, _("the patient’s register"), error))
    return FALSE;

  made = kes_time_from_iso (kes_revision_get_at (g_ptr_array_index (patient->revisions, 0)));
  check.register_made = made;
  for (guint i = 0; i < patient->revisions->len; i++)
    if (!check_register_revision (&check, g_ptr_array_index (patient->revisions, i), error))
      return FALSE;
  if (!check_identity (&check, patient, error))
    return FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (!check_records (&check, archive, kinds[k], error))
      return FALSE;

  return TRUE;
}
