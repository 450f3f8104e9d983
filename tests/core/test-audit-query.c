/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

/* The access log a page at a time, filtered, and as CSV. */

typedef struct
{
  char     *dir;
  char     *path;
  KesStore *store;
  KesStaff *alice;
  KesStaff *bob;
  char     *wagtail;
  char     *dunnock;
} Fixture;

static void
set_now (const char *iso)
{
  g_autoptr(GDateTime) now = kes_time_from_iso (iso);

  kes_clock_set_fixed (now);
}

static char *
add_patient (KesStore   *store,
             const char *family,
             const char *nhs)
{
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autoptr(GError) error = NULL;

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, family);
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Ada");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1984-11-21");
  kes_patient_set_text (patient, KES_PATIENT_NHS_NUMBER, nhs);
  kes_patient_set_text (patient, KES_PATIENT_GENDER,
                        kes_code_list_get_code (kes_code_list_get (KES_CODES_GENDER), 0));
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY,
                        kes_code_list_get_code (kes_code_list_get (KES_CODES_ETHNIC_CATEGORY), 0));
  g_assert_true (kes_store_save_patient (store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return g_strdup (kes_patient_get_id (patient));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesPatient) loaded = NULL;

  set_now ("2026-11-20T09:00:00Z");
  fixture->dir = g_dir_make_tmp ("kestrel-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "kestrel.db", NULL);
  fixture->store = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->alice = kes_test_account_titled (fixture->store, "alice", "Alice Adeyemi", "", NULL, NULL, KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  fixture->bob = kes_test_account_titled (fixture->store, "bob", "Bob Barker", "", NULL, NULL, KES_TEST_ALL_ROLES);
  g_assert_no_error (error);

  /* 20 Nov: Alice adds two patients. 21 Nov: Bob looks at one. */
  kes_store_set_actor (fixture->store, fixture->alice);
  fixture->wagtail = add_patient (fixture->store, "Wagtail", "9434765919");
  fixture->dunnock = add_patient (fixture->store, "Dunnock", "4010232137");
  set_now ("2026-11-21T10:00:00Z");
  kes_store_set_actor (fixture->store, fixture->bob);
  loaded = kes_store_load_patient (fixture->store, fixture->wagtail, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&fixture->alice);
  g_clear_object (&fixture->bob);
  g_clear_object (&fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);
      g_remove (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->wagtail);
  g_free (fixture->dunnock);
  kes_clock_set_fixed (NULL);
}

static KesAuditEntry *
entry_at (GPtrArray *entries,
          guint      i)
{
  return g_ptr_array_index (entries, i);
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  gint64 last;

  all = kes_store_query_audit (fixture->store, NULL, 0, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >=, 3);

  first = kes_store_query_audit (fixture->store, NULL, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 2);
  /* Newest first; the newest is the read of the whole log just made. */
  g_assert_cmpint (kes_audit_entry_get_seq (entry_at (first, 0)), >,
                   kes_audit_entry_get_seq (entry_at (first, 1)));
  g_assert_cmpstr (kes_audit_entry_get_summary (entry_at (first, 0)), ==, "access log");

  last = kes_audit_entry_get_seq (entry_at (first, 1));
  second = kes_store_query_audit (fixture->store, NULL, last, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 2);
  g_assert_cmpint (kes_audit_entry_get_seq (entry_at (second, 0)), <, last);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  KesAuditFilter by_patient = { .patient_id = fixture->wagtail };
  KesAuditFilter by_bob = { .actor_id = kes_staff_get_id (fixture->bob), .action = KES_AUDIT_VIEW,
                            .patient_id = fixture->wagtail };
  KesAuditFilter on_20th = { .from = "2026-11-20", .to = "2026-11-20",
                             .action = KES_AUDIT_CREATE };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  /* Reading the log is logged too: read as Alice so Bob's views stay his one. */
  kes_store_set_actor (fixture->store, fixture->alice);
  entries = kes_store_query_audit (fixture->store, &by_patient, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >=, 2);
  for (guint i = 0; i < entries->len; i++)
    {
      g_assert_cmpstr (kes_audit_entry_get_patient_id (entry_at (entries, i)), ==,
                       fixture->wagtail);
      g_assert_cmpstr (kes_audit_entry_get_patient_name (entry_at (entries, i)), ==,
                       "WAGTAIL, Ada");
    }
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Who has looked at this record: Bob, once. */
  entries = kes_store_query_audit (fixture->store, &by_bob, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (kes_audit_entry_get_actor_name (entry_at (entries, 0)), ==, "Bob Barker");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* The 20th, creations only: the two patients Alice added (newest first),
   * then the accounts themselves (each a record of the staff directory),
   * and what the new file started with: the four catchment areas and the
   * staff entry of the database update that wrote them (migration 0022). */
  entries = kes_store_query_audit (fixture->store, &on_20th, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2 + kes_store_count_staff (fixture->store) + 4 + 1);
  g_assert_cmpstr (kes_audit_entry_get_actor_name (entry_at (entries, 0)), ==, "Alice Adeyemi");
  g_assert_cmpstr (kes_audit_entry_get_patient_name (entry_at (entries, 0)), ==, "DUNNOCK, Ada");
}

static void
test_needs_view_audit (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *carers[] = { KES_ROLE_CARERS_LIAISON, NULL };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true ((kes_test_set_role_list (fixture->store, fixture->bob, carers), TRUE));
  g_assert_no_error (error);
  entries = kes_store_query_audit (fixture->store, NULL, 0, 10, &error);
  g_assert_null (entries);
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
}

static void
test_csv (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  KesAuditEntry *entry;
  g_autofree char *csv = NULL;

  entry = kes_audit_entry_new (7, "2026-11-21T10:00:00Z", "s1", "Bob \"Bobby\" Barker", "export",
                               NULL, "p1", 0, "=HYPERLINK(\"x\"), then more");
  kes_audit_entry_set_patient_name (entry, "WAGTAIL, Ada");
  g_ptr_array_add (entries, entry);
  csv = kes_audit_entries_to_csv (entries);
  g_assert_cmpstr (csv, ==,
                   "\"seq\",\"time (UTC)\",\"user\",\"action\",\"patient\",\"patient id\","
                   "\"record id\",\"summary\"\r\n"
                   "\"7\",\"2026-11-21T10:00:00Z\",\"Bob \"\"Bobby\"\" Barker\",\"export\","
                   "\"WAGTAIL, Ada\",\"p1\",\"\",\"'=HYPERLINK(\"\"x\"\"), then more\"\r\n");
}

/* Entries about @patient_id, oldest first, from @after_seq on. */
static GPtrArray *
entries_about (Fixture    *fixture,
               const char *patient_id,
               gint64      after_seq)
{
  KesAuditFilter filter = { .patient_id = patient_id };
  g_autoptr(GPtrArray) newest_first = kes_store_query_audit (fixture->store, &filter, 0, 1000, NULL);
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = newest_first->len; i-- > 0;)
    {
      KesAuditEntry *entry = entry_at (newest_first, i);

      /* Reading the log is logged too: not what is counted here. */
      if (kes_audit_entry_get_seq (entry) > after_seq &&
          g_strcmp0 (kes_audit_entry_get_summary (entry), "access log") != 0)
        g_ptr_array_add (entries, g_object_ref (entry));
    }
  return entries;
}

static gint64
last_seq (Fixture *fixture)
{
  g_autoptr(GPtrArray) newest = kes_store_query_audit (fixture->store, NULL, 0, 1, NULL);

  return kes_audit_entry_get_seq (entry_at (newest, 0));
}

/* Opening a record is one entry, however many reads fill its tabs; the
 * tabs looked at are written once, when it is closed. Reads of another
 * patient meanwhile, and reads after the visit, are logged as ever. */
static void
test_visit (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) during = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) after = NULL;
  gint64 start = last_seq (fixture);

  g_assert_true (kes_store_begin_visit (fixture->store, fixture->wagtail, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kes_store_get_visit_patient (fixture->store), ==, fixture->wagtail);
  kes_store_visit_tab (fixture->store, "overview");
  {
    g_autoptr(KesPatient) patient = kes_store_load_patient (fixture->store, fixture->wagtail, &error);
    g_autoptr(GListModel) contacts = kes_store_list_contacts (fixture->store, fixture->wagtail, FALSE, &error);
    g_autoptr(GListModel) notes = kes_store_list_notes (fixture->store, fixture->wagtail, FALSE, &error);
    g_autoptr(GListModel) again = kes_store_list_notes (fixture->store, fixture->wagtail, FALSE, &error);
    g_autoptr(KesPatient) someone_else = kes_store_load_patient (fixture->store, fixture->dunnock, &error);

    g_assert_no_error (error);
  }
  kes_store_visit_tab (fixture->store, "medication");
  kes_store_visit_tab (fixture->store, "overview");
  kes_store_visit_tab (fixture->store, "risk");

  during = entries_about (fixture, fixture->wagtail, start);
  g_assert_cmpuint (during->len, ==, 1);
  g_assert_cmpstr (kes_audit_entry_get_action (entry_at (during, 0)), ==, KES_AUDIT_OPEN);
  g_assert_cmpstr (kes_audit_entry_get_actor_id (entry_at (during, 0)), ==, kes_staff_get_id (fixture->bob));
  other = entries_about (fixture, fixture->dunnock, start);
  g_assert_cmpuint (other->len, ==, 1);
  g_assert_cmpstr (kes_audit_entry_get_action (entry_at (other, 0)), ==, KES_AUDIT_VIEW);

  g_assert_true (kes_store_end_visit (fixture->store, &error));
  g_assert_null (kes_store_get_visit_patient (fixture->store));
  {
    g_autoptr(KesPatient) patient = kes_store_load_patient (fixture->store, fixture->wagtail, &error);
    g_assert_no_error (error);
  }
  after = entries_about (fixture, fixture->wagtail, start);
  g_assert_cmpuint (after->len, ==, 3);
  g_assert_cmpstr (kes_audit_entry_get_action (entry_at (after, 1)), ==, KES_AUDIT_CLOSE);
  g_assert_cmpstr (kes_audit_entry_get_summary (entry_at (after, 1)), ==, "tabs: overview,medication,risk");
  g_assert_cmpstr (kes_audit_entry_get_action (entry_at (after, 2)), ==, KES_AUDIT_VIEW);

  /* Someone else taking over the store ends the visit, as its owner's. */
  g_clear_pointer (&after, g_ptr_array_unref);
  start = last_seq (fixture);
  g_assert_true (kes_store_begin_visit (fixture->store, fixture->wagtail, &error));
  kes_store_set_actor (fixture->store, fixture->alice);
  g_assert_null (kes_store_get_visit_patient (fixture->store));
  after = entries_about (fixture, fixture->wagtail, start);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_cmpstr (kes_audit_entry_get_action (entry_at (after, 1)), ==, KES_AUDIT_CLOSE);
  g_assert_cmpstr (kes_audit_entry_get_actor_id (entry_at (after, 1)), ==, kes_staff_get_id (fixture->bob));
  g_assert_cmpstr (kes_audit_entry_get_summary (entry_at (after, 1)), ==, "tabs:");

  /* The chain still verifies. */
  {
    g_autoptr(GPtrArray) problems = kes_store_verify (fixture->store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audit-query/csv", test_csv);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/audit-query/visit", test_visit);
  ADD ("/audit-query/pages", test_pages);
  ADD ("/audit-query/filters", test_filters);
  ADD ("/audit-query/needs-view-audit", test_needs_view_audit);
#undef ADD

  return g_test_run ();
}
