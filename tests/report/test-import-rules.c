/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-rules"

/* Import is a door: a case record from outside meets every rule a
 * clinician meets in the form. Each case of issue 17's "Why" is refused
 * with a message naming the field and the problem, never a raw database
 * message, and the database is exactly as it was apart from the access
 * log (compared as `sqlite3 DB .dump` without the audit rows). */

#include "config.h"

#include <string.h>

#include "kes-demo.h"
#include "kes-record-database.h"
#include "kes-record-export.h"
#include "kes-record-import.h"
#include "kes-referral.h"
#include "kes-report-error.h"
#include "kes-signposting.h"
#include "kes-store-referrals.h"
#include "kes-store-patients.h"
#include "kes-test-accounts.h"
#include "kes-test-dump.h"

#define IMPORTED_AT "2026-11-23T09:00:00Z"

static char *
source_xml (void)
{
  return kes_test_zoe_case_record (IMPORTED_AT);
}

static char *
replace_all (const char *text,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  g_assert_cmpuint (g_strv_length (parts), >, 1);
  return g_strjoinv (to, parts);
}

/* Imports @xml into @store as a single case record at IMPORTED_AT; the
 * file itself must read (a refusal is the import's, not the reader's). */
static gboolean
import_xml (KesStore    *store,
            const char  *xml,
            GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(GError) read_error = NULL;

  kes_test_set_now (IMPORTED_AT);
  archive = kes_record_archive_read_bytes (bytes, NULL, &read_error);
  g_assert_no_error (read_error);
  return kes_record_import_archive (store, archive, KES_RECORD_IMPORT_DEFAULT, NULL, error);
}

/* Imports @xml into @target as a single case record: refused with
 * @expected in the message, and nothing but the access log changed. */
static void
assert_refused (KesTestStore *target,
                const char   *xml,
                const char   *expected)
{
  g_autofree char *before = kes_test_dump_without_audit (target);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (import_xml (target->store, xml, &error));
  kes_test_assert_plain_refusal (error, expected);

  after = kes_test_dump_without_audit (target);
  g_assert_cmpstr (before, ==, after);
}

/* The file with @from replaced by @to everywhere, into an empty database. */
static void
assert_edit_refused (const char *from,
                     const char *to,
                     const char *expected)
{
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autofree char *original = source_xml ();
  g_autofree char *edited = replace_all (original, from, to);

  assert_refused (target, edited, expected);
}

static void
test_valid_control (void)
{
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autofree char *xml = source_xml ();
  g_autoptr(GError) error = NULL;

  g_assert_true (import_xml (target->store, xml, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kes_store_count_patients (target->store), ==, 1);
}

/* Two "O'BRIEN, Zoë" on the register is the harm: same NHS number,
 * another UUID (each fixture makes its own), refused even when merging. */
static void
test_same_nhs_number_other_uuid (void)
{
  g_autoptr(KesTestStore) target = kes_test_store_new_with_patient ();
  g_autofree char *xml = source_xml ();
  g_autofree char *before = kes_test_dump_without_audit (target);
  g_autofree char *after = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(GError) error = NULL;

  assert_refused (target, xml, "already registered as O’BRIEN — CAFÉ, Zoë");

  archive = kes_record_archive_read_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (kes_record_import_archive (target->store, archive, KES_RECORD_IMPORT_MERGE, NULL,
                                             &error));
  kes_test_assert_plain_refusal (error, "merge explicitly or check the identity");
  after = kes_test_dump_without_audit (target);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (kes_store_count_patients (target->store), ==, 1);
}

/* Imported by a clinician of another team (South) than the one holding the
 * number (North): refused all the same, without naming the patient they
 * may not read (the form's rule, kes_store_find_nhs_number_holder). */
static void
test_same_nhs_number_other_team (void)
{
  g_autoptr(KesTestStore) target = kes_test_store_new_with_patient ();
  g_autofree char *xml = source_xml ();
  g_autoptr(KesStaff) sam = kes_test_account (target->store, "sam", "Sam Southall", "South", "clinician");
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(GError) error = NULL;

  kes_store_set_actor (target->store, sam);
  assert_refused (target, xml, "already registered, as a patient of another team (NHS number 943 476 5919)");
  archive = kes_record_archive_read_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (kes_record_import_archive (target->store, archive, KES_RECORD_IMPORT_DEFAULT, NULL, &error));
  g_assert_null (strstr (error->message, "Zoë"));
  g_assert_null (strstr (error->message, "BRIEN"));
  g_assert_cmpuint (kes_store_count_patients (target->store), ==, 1);
}

/* The same through `import --all`: the message says where in the file. */
static void
test_same_nhs_number_whole_database (void)
{
  g_autoptr(KesTestStore) source = kes_test_store_new_with_patient ();
  g_autoptr(KesTestStore) target = kes_test_store_new_with_patient ();
  g_autofree char *path = g_build_filename (source->dir, "all.xml", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  KesRecordDatabaseSummary summary = { 0 };
  g_autoptr(GError) error = NULL;

  kes_test_set_now (IMPORTED_AT);
  g_assert_true (kes_record_export_database (source->store, path, NULL, NULL, &error));
  g_assert_no_error (error);

  before = kes_test_dump_without_audit (target);
  g_assert_false (kes_record_import_database (target->store, path, KES_RECORD_IMPORT_DEFAULT,
                                              &summary, NULL, &error));
  kes_test_assert_plain_refusal (error, "case record 1 in the file");
  g_assert_nonnull (strstr (error->message, "already registered as O’BRIEN — CAFÉ, Zoë"));
  after = kes_test_dump_without_audit (target);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_check_digit (void)
{
  assert_edit_refused ("<nhs-number>9434765919</nhs-number>", "<nhs-number>9434765918</nhs-number>",
                       "NHS number 943 476 5918 fails its check");
}

static void
test_nhs_number_not_as_stored (void)
{
  assert_edit_refused ("<nhs-number>9434765919</nhs-number>", "<nhs-number>943 476 5919</nhs-number>",
                       "NHS number “943 476 5919” is not written the way Kestrel stores it");
}

static void
test_impossible_birth_dates (void)
{
  const char *dates[] = { "31/02/2025", "0000-00-00", "9999-99-99" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *to = g_strdup_printf ("<birth-date>%s</birth-date>", dates[i]);

      assert_edit_refused ("<birth-date>1990-02-01</birth-date>", to, "Date of birth");
    }
}

static void
test_empty_family_name (void)
{
  assert_edit_refused ("<family-name>O’Brien — café</family-name>", "<family-name></family-name>",
                       "Family name is required");
}

static void
test_unknown_gender (void)
{
  assert_edit_refused ("<gender>2</gender>", "<gender>Z</gender>",
                       "Stated gender “Z” is not a known code");
}

static void
test_huge_family_name (void)
{
  g_autofree char *name = g_strnfill (9 * 1024 * 1024, 'A');
  g_autofree char *to = g_strdup_printf ("<family-name>%s</family-name>", name);

  assert_edit_refused ("<family-name>O’Brien — café</family-name>", to,
                       "Family name is longer than 100 characters");
}

/* A revision dated after the import, or before anything it follows. */
static void
test_revision_in_2099 (void)
{
  assert_edit_refused ("at=\"2026-11-21T09:00:00Z\"", "at=\"2099-01-01T09:00:00Z\"",
                       "after the moment of this import");
}

static void
test_revision_in_year_1 (void)
{
  assert_edit_refused ("at=\"2026-11-21T09:00:00Z\"", "at=\"0001-01-01T09:00:00Z\"",
                       "before the patient’s date of birth");
}

static void
test_record_before_register (void)
{
  assert_edit_refused ("at=\"2026-11-21T12:00:00Z\"", "at=\"2026-11-20T12:00:00Z\"",
                       "dated 20 Nov 2026");
}

/* Carers' records come through the same door: a whole-database file whose
 * carer's consent has a status that isn't one of the form's, or says the
 * patient lacks capacity yet gave consent (Mental Capacity Act), is
 * refused, and the database is as it was. The unedited file imports. */
static char *
demo_database_xml (void)
{
  g_autoptr(KesTestStore) source = kes_test_store_new_blank ();
  g_autoptr(KesStaff) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (source->dir, "demo.xml", NULL);
  KesDemoOptions options = { .patients = 12, .seed = 20261207 };
  char *xml = NULL;

  g_assert_true (kes_demo_generate (source->store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  reader = kes_test_account (source->store, "reader", "Record Reader", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (source->store, reader);
  g_assert_true (kes_record_export_database (source->store, path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &xml, NULL, &error));
  g_assert_nonnull (strstr (xml, "kind=\"carer-consent\""));
  return xml;
}

/* @xml with the first @from replaced by @to. */
static char *
replace_first (const char *xml,
               const char *from,
               const char *to)
{
  const char *at = strstr (xml, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - xml), xml, to, at + strlen (from));
}

static gboolean
import_whole_database (KesTestStore  *target,
                       const char    *xml,
                       GError       **error)
{
  g_autofree char *path = g_build_filename (target->dir, "whole.xml", NULL);

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  kes_test_set_now (IMPORTED_AT);
  return kes_record_import_database (target->store, path, KES_RECORD_IMPORT_DEFAULT, NULL, NULL,
                                     error);
}

static void
test_carer_consent_rules (void)
{
  g_autofree char *xml = demo_database_xml ();
  const char *given = "<text name=\"status\">given</text>";
  const struct
  {
    const char *to;
    const char *expected;
  } cases[] = {
    { "<text name=\"status\">perhaps</text>", "Consent" },
    { "<text name=\"status\">given</text><boolean name=\"lacks_capacity\">true</boolean>",
      "lacks capacity" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
      g_autofree char *edited = replace_first (xml, given, cases[i].to);
      g_autofree char *before = kes_test_dump_without_audit (target);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (import_whole_database (target, edited, &error));
      kes_test_assert_plain_refusal (error, cases[i].expected);
      after = kes_test_dump_without_audit (target);
      g_assert_cmpstr (before, ==, after);
    }

  {
    g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
    g_autoptr(GError) error = NULL;
    gboolean imported = import_whole_database (target, xml, &error);

    g_assert_no_error (error);
    g_assert_true (imported);
  }
}

/* @xml with the year of the first @field after the first @entry_kind
 * entry overwritten by @year. */
static char *
with_year (const char *xml,
           const char *entry_kind,
           const char *field,
           const char *year)
{
  g_autofree char *kind_attribute = g_strdup_printf ("kind=\"%s\"", entry_kind);
  g_autofree char *field_element = g_strdup_printf ("<text name=\"%s\">", field);
  const char *entry = strstr (xml, kind_attribute);
  const char *value = entry != NULL ? strstr (entry, field_element) : NULL;
  char *edited;

  g_assert_nonnull (value);
  edited = g_strdup (xml);
  memcpy (edited + (value - xml) + strlen (field_element), year, 4);
  return edited;
}

/* The rules the store applies to a carers' record on a save, beyond each
 * field and consent's capacity rule, hold on import too, judged on the day
 * each revision was written: a consent decided after the revision that
 * records it, an assessment reviewed before it was made. Refused, the
 * database unchanged. */
static void
test_carer_store_rules (void)
{
  g_autofree char *xml = demo_database_xml ();
  const struct
  {
    const char *kind;
    const char *field;
    const char *year;
    const char *expected;
  } cases[] = {
    { "carer-consent", "decided_on", "2099", "in the future" },
    { "carer-assessment", "review_date", "2001", "before" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
      g_autofree char *edited = with_year (xml, cases[i].kind, cases[i].field, cases[i].year);
      g_autofree char *before = kes_test_dump_without_audit (target);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (import_whole_database (target, edited, &error));
      kes_test_assert_plain_refusal (error, cases[i].expected);
      after = kes_test_dump_without_audit (target);
      g_assert_cmpstr (before, ==, after);
    }
}

/* A crisis plan from before migration 0021 may lack a review date (the
 * import takes it, as its database holds it: test-record-import's
 * /record/import/earlier-kestrel-database), but one that is given is
 * checked: a review before the plan was agreed is refused. */
static void
test_crisis_plan_review_date_checked (void)
{
  g_autofree char *xml = demo_database_xml ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  const char *plan = strstr (xml, "kind=\"crisis-plan\"");
  const char *review = plan != NULL ? strstr (plan, "<text name=\"review_date\">") : NULL;
  g_autofree char *edited = NULL;
  g_autofree char *before = kes_test_dump_without_audit (target);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (review);
  edited = g_strdup (xml);
  /* The year of the first crisis plan's review date: 2020, before any plan was agreed. */
  memcpy (edited + (review - xml) + strlen ("<text name=\"review_date\">"), "2020", 4);
  g_assert_false (import_whole_database (target, edited, &error));
  kes_test_assert_plain_refusal (error, "Review date");
  after = kes_test_dump_without_audit (target);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-rules/valid-control", test_valid_control);
  g_test_add_func ("/import-rules/same-nhs-number-other-uuid", test_same_nhs_number_other_uuid);
  g_test_add_func ("/import-rules/same-nhs-number-other-team", test_same_nhs_number_other_team);
  g_test_add_func ("/import-rules/same-nhs-number-whole-database",
                   test_same_nhs_number_whole_database);
  g_test_add_func ("/import-rules/bad-check-digit", test_bad_check_digit);
  g_test_add_func ("/import-rules/nhs-number-not-as-stored", test_nhs_number_not_as_stored);
  g_test_add_func ("/import-rules/impossible-birth-dates", test_impossible_birth_dates);
  g_test_add_func ("/import-rules/empty-family-name", test_empty_family_name);
  g_test_add_func ("/import-rules/unknown-gender", test_unknown_gender);
  g_test_add_func ("/import-rules/huge-family-name", test_huge_family_name);
  g_test_add_func ("/import-rules/revision-in-2099", test_revision_in_2099);
  g_test_add_func ("/import-rules/revision-in-year-1", test_revision_in_year_1);
  g_test_add_func ("/import-rules/record-before-register", test_record_before_register);
  g_test_add_func ("/import-rules/carer-consent", test_carer_consent_rules);
  g_test_add_func ("/import-rules/carer-store-rules", test_carer_store_rules);
  g_test_add_func ("/import-rules/crisis-plan-review-date-checked", test_crisis_plan_review_date_checked);

  return g_test_run ();
}
