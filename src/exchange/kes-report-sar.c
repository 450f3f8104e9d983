/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-report-sar"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kes-accounts.h"
#include "kes-atomic-file.h"
#include "kes-audit.h"
#include "kes-codes.h"
#include "kes-output-guard.h"
#include "kes-pdf-writer.h"
#include "kes-record-export.h"
#include "kes-report-common-private.h"
#include "kes-report-error.h"
#include "kes-report-sar-private.h"
#include "kes-report-sar.h"
#include "kes-store-patients.h"
#include "kes-store-referrals.h"
#include "kes-store-staff.h"
#include "kes-xml-schema.h"
#include "kes-xml-writer.h"

static KesRevision *
last_revision (KesArchivedRecord *record)
{
  return g_ptr_array_index (record->revisions, record->revisions->len - 1);
}

static gboolean
is_withdrawn (KesArchivedRecord *record)
{
  return kes_revision_get_change (last_revision (record)) == KES_CHANGE_ENTERED_IN_ERROR;
}

static void
add_register (KesDocument       *document,
              KesStore          *store,
              KesArchivedRecord *record)
{
  g_autoptr(KesPatient) patient = kes_patient_new ();
  KesBlock *values;

  kes_patient_load_json (patient, kes_revision_get_data (last_revision (record)), NULL);

  kes_document_add_heading (document, 1, _("Register"));
  values = kes_document_add_key_values (document, NULL);

  for (guint i = 0; i < KES_PATIENT_N_TEXT_FIELDS; i++)
    {
      const char *value = kes_patient_get_text (patient, i);
      g_autofree char *shown = NULL;

      switch ((KesPatientField)i)
        {
        case KES_PATIENT_GENDER:
          shown = kes_report_code_label (KES_CODES_GENDER, value);
          break;
        case KES_PATIENT_GENDER_IDENTITY:
          shown = kes_report_code_label (KES_CODES_GENDER_IDENTITY, value);
          break;
        case KES_PATIENT_ETHNICITY:
          shown = kes_report_code_label (KES_CODES_ETHNIC_CATEGORY, value);
          break;
        case KES_PATIENT_COORDINATOR_ID:
        case KES_PATIENT_CLINICIAN_ID:
        case KES_PATIENT_SUPERVISOR_ID:
          shown = kes_report_staff_name (store, value);
          break;
        case KES_PATIENT_TEAM_ID:
          {
            g_autoptr(KesTeam) team = value[0] != '\0' ? kes_store_find_team (store, value) : NULL;

            shown = g_strdup (team != NULL ? kes_team_get_name (team) : value);
          }
          break;
        case KES_PATIENT_BIRTH_DATE:
        case KES_PATIENT_REFERRAL_DATE:
          shown = kes_report_date (value);
          break;
        case KES_PATIENT_NHS_NUMBER:
          shown = kes_document_format_nhs_number (value);
          break;
        case KES_PATIENT_FAMILY_NAME:
        case KES_PATIENT_GIVEN_NAME:
        case KES_PATIENT_PREFERRED_NAME:
        case KES_PATIENT_ADDRESS:
        case KES_PATIENT_POSTCODE:
        case KES_PATIENT_PHONE:
        case KES_PATIENT_GP_PRACTICE:
        case KES_PATIENT_DIAGNOSIS_NOTES:
        case KES_PATIENT_AGE_OVERRIDE_REASON:
        case KES_PATIENT_N_TEXT_FIELDS:
        default:
          shown = g_strdup (value);
          break;
        }

      kes_block_add_key_value (values, kes_patient_field_label (i), kes_report_or_not_recorded (shown));
    }

  for (guint i = 0; i < KES_PATIENT_N_LIST_FIELDS; i++)
    {
      const char * const *items = kes_patient_get_list (patient, i);
      g_autofree char *joined = items != NULL ? g_strjoinv ("\n", (char **)items) : NULL;

      kes_block_add_key_value (values, kes_patient_list_field_label (i),
                               kes_report_or_not_recorded (joined));
    }

  kes_document_add_heading (document, 2, _("History of the register"));
  kes_report_add_history (document, store, "patient", record->revisions);
}

static void
add_contact (KesDocument       *document,
             KesStore          *store,
             KesArchivedRecord *record)
{
  g_autoptr(KesContact) contact = kes_contact_new ();
  g_autofree char *when = NULL;
  g_autofree char *type = NULL;
  g_autofree char *title = NULL;
  g_autofree char *minutes = NULL;
  KesBlock *values;

  kes_contact_load_json (contact, kes_revision_get_data (last_revision (record)), NULL);
  when = kes_report_time (kes_contact_get_occurred_at (contact));
  type = kes_report_code_label (KES_CODES_CONTACT_TYPE, kes_contact_get_contact_type (contact));
  if (is_withdrawn (record))
    /* Translators: a contact's time and type, "2 Nov 2026 10:00 — Face to face" */
    title = g_strdup_printf (_("%s — %s (entered in error)"), when, kes_report_or_not_recorded (type));
  else
    title = g_strdup_printf (_("%s — %s"), when, kes_report_or_not_recorded (type));

  kes_document_add_heading (document, 2, title);
  minutes = g_strdup_printf ("%d", kes_contact_get_duration_minutes (contact));
  values = kes_document_add_key_values (document, NULL);
  kes_block_add_key_value (values, _("With"), kes_report_or_not_recorded (kes_contact_get_with_whom (contact)));
  kes_block_add_key_value (values, _("Location"), kes_report_or_not_recorded (kes_contact_get_location (contact)));
  kes_block_add_key_value (values, _("Duration (minutes)"), minutes);
  kes_block_add_key_value (values, _("Summary"), kes_report_or_not_recorded (kes_contact_get_summary (contact)));

  kes_document_add_heading (document, 3, _("History"));
  kes_report_add_history (document, store, "contact", record->revisions);
}

static void
add_note (KesDocument       *document,
          KesStore          *store,
          KesArchivedRecord *record)
{
  g_autoptr(KesNote) note = kes_note_new ();
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  const char *note_title;

  kes_note_load_json (note, kes_revision_get_data (last_revision (record)), NULL);
  when = kes_report_time (kes_note_get_written_at (note));
  note_title = kes_report_or_not_recorded (kes_note_get_title (note));
  if (is_withdrawn (record))
    /* Translators: a note's time and title */
    title = g_strdup_printf (_("%s — %s (entered in error)"), when, note_title);
  else
    title = g_strdup_printf (_("%s — %s"), when, note_title);

  kes_document_add_heading (document, 2, title);
  kes_document_add_paragraph (document, kes_report_or_not_recorded (kes_note_get_body (note)));
  kes_document_add_heading (document, 3, _("History"));
  kes_report_add_history (document, store, "note", record->revisions);
}

static KesDocument *
build_document (KesStore         *store,
                KesRecordArchive *archive,
                GError          **error)
{
  KesArchivedRecord *record = kes_record_archive_get_patient (archive);
  GPtrArray *contacts = kes_record_archive_get_records (archive, KES_ARCHIVE_CONTACT);
  GPtrArray *notes = kes_record_archive_get_records (archive, KES_ARCHIVE_NOTE);
  GPtrArray *others = kes_record_archive_get_records (archive, KES_ARCHIVE_OTHER);
  GPtrArray *staff = kes_record_archive_get_staff (archive);
  g_autoptr(KesPatient) patient = kes_store_load_patient (store, record->id, error);
  g_autoptr(KesDocument) document = NULL;
  g_autofree char *name = NULL;
  g_autofree char *subject = NULL;
  KesStaff *actor = kes_store_get_actor (store);
  KesBlock *table;

  if (patient == NULL)
    return NULL;

  name = kes_patient_dup_display_name (patient);
  document = kes_report_new_document (store, patient, "subject-access", _("Subject access disclosure"));
  kes_document_set_subtitle (document, name);
  /* Translators: %s is a patient's name */
  subject = g_strdup_printf (_("Everything Kestrel holds about %s"), name);
  kes_document_set_subject (document, subject);

  kes_document_add_paragraph (document,
    _("This is everything this Kestrel database holds about the person named above: the "
      "register, every contact, every note and every other record (referrals, risk "
      "assessments, legal status and Ministry of Justice records, care plans, medication and "
      "physical health, carers, liaison and diversion screenings), each with every earlier "
      "version, who wrote it, when and why it changed. Records marked as entered in error are "
      "included and marked. The same information is in case-record.xml in this folder, as "
      "data; letters attached to referrals are in the letters folder."));

  add_register (document, store, record);

  kes_document_add_heading (document, 1, _("Contacts"));
  if (contacts->len == 0)
    kes_document_add_paragraph (document, _("No contacts are recorded."));
  for (guint i = 0; i < contacts->len; i++)
    add_contact (document, store, g_ptr_array_index (contacts, i));

  kes_document_add_heading (document, 1, _("Notes"));
  if (notes->len == 0)
    kes_document_add_paragraph (document, _("No notes are recorded."));
  for (guint i = 0; i < notes->len; i++)
    add_note (document, store, g_ptr_array_index (notes, i));

  kes_report_sar_add_others (document, store, others);

  kes_document_add_heading (document, 1, _("Staff named in this record"));
  table = kes_document_add_table (document,
                                  (const char * const[]) { _("Name"), _("Role"), _("User name"), NULL },
                                  (const double[]) { 2, 2, 1.5 });
  for (guint i = 0; i < staff->len; i++)
    {
      KesStaff *member = g_ptr_array_index (staff, i);

      kes_block_add_row_cells (table, kes_staff_get_display_name (member),
                               kes_staff_get_role_title (member), kes_staff_get_username (member),
                               NULL);
    }

  kes_document_add_heading (document, 1, _("Release"));
  kes_document_add_signature (document,
                              _("I have checked this disclosure and release it to the person it is "
                                "about, or to someone entitled to receive it."),
                              actor != NULL ? kes_staff_get_display_name (actor) : NULL,
                              actor != NULL ? kes_staff_get_role_title (actor) : NULL,
                              NULL);

  return g_steal_pointer (&document);
}

KesDocument *
kes_report_subject_access (KesStore    *store,
                           const char  *patient_id,
                           GError     **error)
{
  g_autoptr(KesRecordArchive) archive = NULL;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  archive = kes_record_export_archive (store, patient_id, error);
  if (archive == NULL)
    return NULL;

  return build_document (store, archive, error);
}

/* ---- The folder ---- */

static gboolean
describe_file (GString     *manifest,
               const char  *folder,
               const char  *name,
               const char  *what,
               GError     **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *sum = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
  g_string_append_printf (manifest, "%s\n  %s\n  %" G_GSIZE_FORMAT " bytes, SHA-256 %s\n\n",
                          name, what, length, sum);

  return TRUE;
}

static guint
count_revisions (GPtrArray *records)
{
  guint n = 0;

  for (guint i = 0; i < records->len; i++)
    n += ((KesArchivedRecord *)g_ptr_array_index (records, i))->revisions->len;

  return n;
}

static guint
count_withdrawn (GPtrArray *records)
{
  guint n = 0;

  for (guint i = 0; i < records->len; i++)
    if (is_withdrawn (g_ptr_array_index (records, i)))
      n++;

  return n;
}

/* Letters attached to the person's referrals (PDF) are not in the case
 * record: they are written as they were received, into "letters/", and
 * listed in the manifest. Returns the names written, relative to @folder. */
static GPtrArray *
write_letters (KesStore          *store,
               const char        *folder,
               KesRecordArchive  *archive,
               GError           **error)
{
  GPtrArray *others = kes_record_archive_get_records (archive, KES_ARCHIVE_OTHER);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *letters = g_build_filename (folder, KES_SAR_LETTERS_NAME, NULL);

  for (guint i = 0; i < others->len; i++)
    {
      KesArchivedRecord *record = g_ptr_array_index (others, i);
      g_autoptr(GPtrArray) documents = NULL;

      if (!g_str_equal (record->kind_name, "referral"))
        continue;
      documents = kes_store_list_referral_documents (store, record->id, error);
      if (documents == NULL)
        return NULL;

      for (guint d = 0; d < documents->len; d++)
        {
          KesReferralDocument *letter = g_ptr_array_index (documents, d);
          g_autoptr(GBytes) content = kes_store_load_referral_document (store, letter->id, error);
          g_autofree char *base = g_path_get_basename (letter->file_name);
          g_autofree char *name = NULL;
          g_autofree char *path = NULL;

          if (content == NULL)
            return NULL;
          g_strcanon (base, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.", '_');
          name = g_strdup_printf ("%s/%02u-%s", KES_SAR_LETTERS_NAME, names->len + 1,
                                  base[0] == '.' ? base + 1 : base);
          if (g_mkdir_with_parents (letters, 0700) != 0)
            {
              int saved_errno = errno;
              g_autofree char *display = g_filename_display_name (letters);

              g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_WRITE,
                           _("Could not make the folder “%s”: %s"), display, g_strerror (saved_errno));
              return NULL;
            }
          path = g_build_filename (folder, name, NULL);
          if (!kes_atomic_file_set_contents (path, g_bytes_get_data (content, NULL),
                                             g_bytes_get_size (content), error))
            return NULL;
          g_ptr_array_add (names, g_steal_pointer (&name));
        }
    }

  return g_steal_pointer (&names);
}

static gboolean
write_manifest (const char        *folder,
                KesDocument       *document,
                KesRecordArchive  *archive,
                GPtrArray         *letters,
                GPtrArray         *decisions,
                GError           **error)
{
  g_autoptr(GString) manifest = g_string_new (NULL);
  g_autofree char *path = g_build_filename (folder, KES_SAR_MANIFEST_NAME, NULL);
  g_autofree char *nhs = kes_document_format_nhs_number (kes_document_get_patient_nhs_number (document));
  g_autofree char *birth = kes_report_date (kes_document_get_patient_birth_date (document));
  g_autofree char *when = kes_report_time (kes_document_get_created_at (document));
  GPtrArray *contacts = kes_record_archive_get_records (archive, KES_ARCHIVE_CONTACT);
  GPtrArray *notes = kes_record_archive_get_records (archive, KES_ARCHIVE_NOTE);
  GPtrArray *others = kes_record_archive_get_records (archive, KES_ARCHIVE_OTHER);
  const struct { const char *name; const char *what; } files[] = {
    { KES_SAR_PDF_NAME, _("The disclosure, to read and print.") },
    { KES_SAR_XML_NAME, _("The same document as XML (urn:kestrel:document:1, see kestrel-document-1.xsd).") },
    { KES_SAR_RECORD_NAME, _("The record as data, every revision included (urn:kestrel:record:1, see kestrel-record-1.xsd).") },
    { KES_SCHEMA_DOCUMENT ".xsd", _("The schema of the document XML.") },
    { KES_SCHEMA_RECORD ".xsd", _("The schema of the case-record XML.") },
  };

  g_string_append_printf (manifest, "%s\n\n", _("Kestrel subject access export"));
  g_string_append_printf (manifest, _("Person: %s\nNHS number: %s\nDate of birth: %s\n"),
                          kes_report_or_not_recorded (kes_document_get_patient_name (document)),
                          kes_report_or_not_recorded (nhs), kes_report_or_not_recorded (birth));
  g_string_append_printf (manifest, _("Prepared: %s by %s with Kestrel %s\n"), when,
                          kes_report_or_not_recorded (kes_document_get_author (document)),
                          PACKAGE_VERSION);
  g_string_append_printf (manifest, _("Protective marking: %s\n\n"), kes_document_get_marking (document));

  g_string_append_printf (manifest, "%s\n\n", _("Files"));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (!describe_file (manifest, folder, files[i].name, files[i].what, error))
      return FALSE;
  for (guint i = 0; i < letters->len; i++)
    if (!describe_file (manifest, folder, g_ptr_array_index (letters, i),
                        _("A letter attached to a referral, as it was received (PDF)."), error))
      return FALSE;

  g_string_append_printf (manifest, "%s\n\n", _("What is included"));
  g_string_append_printf (manifest, _("The register, with %u revisions.\n"),
                          kes_record_archive_get_patient (archive)->revisions->len);
  g_string_append_printf (manifest, _("%u contacts (%u entered in error), with %u revisions.\n"),
                          contacts->len, count_withdrawn (contacts), count_revisions (contacts));
  g_string_append_printf (manifest, _("%u notes (%u entered in error), with %u revisions.\n"),
                          notes->len, count_withdrawn (notes), count_revisions (notes));
  for (guint i = 0; i < others->len;)
    {
      const char *kind = ((KesArchivedRecord *) g_ptr_array_index (others, i))->kind_name;
      g_autoptr(GPtrArray) group = g_ptr_array_new ();

      for (; i < others->len; i++)
        {
          KesArchivedRecord *record = g_ptr_array_index (others, i);

          if (!g_str_equal (record->kind_name, kind))
            break;
          g_ptr_array_add (group, record);
        }
      /* Translators: a kind of record ("Care plans"), then counts */
      g_string_append_printf (manifest, _("%s: %u (%u entered in error), with %u revisions.\n"),
                              kes_report_sar_kind_label (kind), group->len, count_withdrawn (group),
                              count_revisions (group));
    }
  if (letters->len == 0)
    g_string_append_printf (manifest, "%s\n", _("No letters are attached to referrals."));
  else
    g_string_append_printf (manifest, ngettext ("%u letter attached to a referral, in the letters folder.\n",
                                                "%u letters attached to referrals, in the letters folder.\n",
                                                letters->len), letters->len);
  g_string_append_printf (manifest, _("%u members of staff named in the record.\n"),
                          kes_record_archive_get_staff (archive)->len);
  g_string_append_printf (manifest, "%s\n",
                          _("Nothing held about this person is left out: earlier versions and "
                            "records entered in error are included. Information about other people is "
                            "included or withheld as listed below."));
  kes_report_sar_describe_decisions (manifest, decisions);

  return kes_atomic_file_set_contents (path, manifest->str, manifest->len, error);
}

static gboolean
write_bytes (const char  *folder,
             const char  *name,
             GBytes      *bytes,
             GError     **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return kes_atomic_file_set_contents (path, data, length, error);
}

GPtrArray *
kes_report_subject_access_third_parties (KesStore    *store,
                                         const char  *patient_id,
                                         GError     **error)
{
  g_autoptr(KesRecordArchive) archive = NULL;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  if (!kes_store_check_permission (store, KES_PERMISSION_EXPORT, patient_id, error))
    return NULL;
  archive = kes_record_export_archive (store, patient_id, error);
  return archive != NULL ? kes_report_sar_third_parties (store, archive, error) : NULL;
}

/* The third parties found now, each with the clinician's decision, or
 * withheld (saying why) where there is none. */
static GPtrArray *
decide (KesStore          *store,
        KesRecordArchive  *archive,
        GPtrArray         *decisions,
        GError           **error)
{
  g_autoptr(GPtrArray) found = kes_report_sar_third_parties (store, archive, error);

  if (found == NULL)
    return NULL;
  for (guint i = 0; i < found->len; i++)
    {
      KesSarThirdParty *party = g_ptr_array_index (found, i);
      KesSarThirdParty *decided = NULL;

      for (guint j = 0; decisions != NULL && j < decisions->len && decided == NULL; j++)
        {
          KesSarThirdParty *candidate = g_ptr_array_index (decisions, j);

          if (candidate->kind == party->kind && g_strcmp0 (candidate->id, party->id) == 0)
            decided = candidate;
        }
      party->include = decided != NULL && decided->include;
      g_free (party->reason);
      party->reason = g_strdup (decided != NULL ? decided->reason
                                : decisions == NULL ? _("Withheld: no one reviewed it before this export")
                                                    : _("Withheld: found after the decisions were made"));
    }
  return g_steal_pointer (&found);
}

gboolean
kes_report_subject_access_export (KesStore      *store,
                                  const char    *patient_id,
                                  const char    *folder,
                                  GPtrArray     *decisions,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(GPtrArray) decided = NULL;
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GBytes) record = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  const char *schemas[] = { KES_SCHEMA_DOCUMENT, KES_SCHEMA_RECORD };

  g_return_val_if_fail (KES_IS_STORE (store), FALSE);
  g_return_val_if_fail (patient_id != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  if (!kes_store_check_permission (store, KES_PERMISSION_EXPORT, patient_id, error) ||
      !kes_output_guard_check (folder, error))
    return FALSE;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (folder);

      g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_WRITE,
                   _("Could not make the folder “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  archive = kes_record_export_archive (store, patient_id, error);
  if (archive == NULL)
    return FALSE;
  /* Third parties as the clinician decided, before anything is made. */
  if ((decided = decide (store, archive, decisions, error)) == NULL ||
      !kes_report_sar_redact (archive, decided, error))
    return FALSE;

  document = build_document (store, archive, error);
  if (document == NULL)
    return FALSE;

  /* Everything is made and checked before anything is written. */
  if ((record = kes_record_archive_to_xml (archive, error)) == NULL
      || !kes_xml_validate_memory (g_bytes_get_data (record, NULL), g_bytes_get_size (record),
                                   KES_SCHEMA_RECORD, error)
      || (xml = kes_xml_render_bytes (document, error)) == NULL
      || !kes_xml_validate_memory (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml),
                                   KES_SCHEMA_DOCUMENT, error)
      || (pdf = kes_pdf_render_bytes (document, cancellable, error)) == NULL)
    return FALSE;

  if (!write_bytes (folder, KES_SAR_PDF_NAME, pdf, error)
      || !write_bytes (folder, KES_SAR_XML_NAME, xml, error)
      || !write_bytes (folder, KES_SAR_RECORD_NAME, record, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (schemas); i++)
    {
      g_autoptr(GBytes) source = kes_xml_schema_dup_source (schemas[i], error);
      g_autofree char *name = g_strconcat (schemas[i], ".xsd", NULL);

      if (source == NULL || !write_bytes (folder, name, source, error))
        return FALSE;
    }

  letters = write_letters (store, folder, archive, error);
  if (letters == NULL)
    return FALSE;

  return write_manifest (folder, document, archive, letters, decided, error)
      && kes_store_audit (store, KES_AUDIT_EXPORT, patient_id, patient_id,
                          "subject access export (PDF, XML, case record)", error);
}
