/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-merge-rights"

/* Merging a case record into one held here is editing that record: the
 * importer needs the same permission, team scope and emergency access as
 * in the app, and a merge never moves the patient between teams. Each
 * refusal leaves the database as it was apart from the access log. */

#include "config.h"

#include <string.h>

#include "kes-accounts.h"
#include "kes-error.h"
#include "kes-record-export.h"
#include "kes-record-import.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-test-accounts.h"
#include "kes-test-dump.h"

typedef struct
{
  KesTestStore *source;  /* Zoë O'Brien's home database, North team */
  KesTestStore *target;  /* holds the older export of her record */
  GBytes       *newer;   /* the source's record after a change */
} Fixture;

static GBytes *
export_at (KesTestStore *fixture,
           const char   *now)
{
  g_autoptr(GError) error = NULL;
  GBytes *xml;

  kes_test_set_now (now);
  xml = kes_record_export_bytes (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);

  return xml;
}

/* The target holds the record as exported on the 22nd; the source then
 * changes it as @change does, and exports again on the 23rd. */
static void
fixture_set_up (Fixture *fixture,
                void   (*change) (KesTestStore *source))
{
  g_autoptr(GBytes) older = NULL;
  g_autoptr(GError) error = NULL;

  fixture->source = kes_test_store_new_with_patient ();
  fixture->target = kes_test_store_new_empty ();
  older = export_at (fixture->source, "2026-11-22T08:00:00Z");
  kes_test_import_bytes (fixture->target->store, older, KES_RECORD_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);

  kes_test_set_now ("2026-11-22T09:00:00Z");
  change (fixture->source);
  fixture->newer = export_at (fixture->source, "2026-11-23T09:00:00Z");
}

static void
fixture_tear_down (Fixture *fixture)
{
  kes_test_store_free (fixture->source);
  kes_test_store_free (fixture->target);
  g_bytes_unref (fixture->newer);
}

static void
add_note (KesTestStore *source)
{
  g_autoptr(KesNote) note = kes_note_new ();
  g_autoptr(GError) error = NULL;

  kes_note_set_patient_id (note, source->patient_id);
  kes_note_set_written_at (note, "2026-11-22T08:30:00Z");
  kes_note_set_title (note, "Follow-up");
  kes_note_set_body (note, "Seen at home; settled.");
  g_assert_true (kes_store_save_note (source->store, note, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
}

static void
move_to_south (KesTestStore *source)
{
  g_autoptr(KesTeam) south = kes_store_find_team (source->store, "South");
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(GError) error = NULL;

  patient = kes_store_load_patient (source->store, source->patient_id, &error);
  g_assert_no_error (error);
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, kes_team_get_id (south));
  g_assert_true (kes_store_save_patient (source->store, patient, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  /* Exported by someone of no team: Alice, in North, no longer may. */
  kes_store_set_actor (source->store, source->importer);
}

/* A South clinician merging into a North patient's record is refused
 * until they use emergency access, as when opening it in the app. */
static void
test_other_team_needs_break_glass (void)
{
  Fixture fixture = { 0 };
  g_autoptr(KesStaff) sam = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  fixture_set_up (&fixture, add_note);
  sam = kes_test_account (fixture.target->store, "sam", "Sam Southall", "South", "clinician");
  kes_store_set_actor (fixture.target->store, sam);

  before = kes_test_dump_without_audit (fixture.target);
  kes_test_import_bytes (fixture.target->store, fixture.newer, KES_RECORD_IMPORT_MERGE, &error);
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "under the North team"));
  g_assert_nonnull (strstr (error->message, "emergency access"));
  after = kes_test_dump_without_audit (fixture.target);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  g_assert_true (kes_store_break_glass (fixture.target->store, fixture.source->patient_id,
                                        "Crisis call out of hours; record needed now", &error));
  g_assert_no_error (error);
  kes_test_import_bytes (fixture.target->store, fixture.newer, KES_RECORD_IMPORT_MERGE, &error);
  g_assert_no_error (error);

  fixture_tear_down (&fixture);
}

/* Someone without the permission to edit clinical records can't merge. */
static void
test_no_permission (void)
{
  Fixture fixture = { 0 };
  g_autoptr(KesStaff) carol = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  fixture_set_up (&fixture, add_note);
  carol = kes_test_account (fixture.target->store, "carol", "Carol Liaison", NULL, "carers-liaison");
  kes_store_set_actor (fixture.target->store, carol);

  before = kes_test_dump_without_audit (fixture.target);
  kes_test_import_bytes (fixture.target->store, fixture.newer, KES_RECORD_IMPORT_MERGE, &error);
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  after = kes_test_dump_without_audit (fixture.target);
  g_assert_cmpstr (before, ==, after);

  fixture_tear_down (&fixture);
}

/* The file moved Zoë to South; merging it here would move her too. */
static void
test_never_moves_team (void)
{
  Fixture fixture = { 0 };
  g_autoptr(KesTeam) north = NULL;
  g_autoptr(KesPatient) held = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  fixture_set_up (&fixture, move_to_south);
  before = kes_test_dump_without_audit (fixture.target);
  kes_test_import_bytes (fixture.target->store, fixture.newer, KES_RECORD_IMPORT_MERGE, &error);
  kes_test_assert_plain_refusal (error, "a merge never moves a patient between teams");
  g_assert_nonnull (strstr (error->message, "under the South team and this database under the "
                                            "North team"));
  after = kes_test_dump_without_audit (fixture.target);
  g_assert_cmpstr (before, ==, after);

  north = kes_store_find_team (fixture.target->store, "North");
  held = kes_store_load_patient (fixture.target->store, fixture.source->patient_id, NULL);
  g_assert_cmpstr (kes_patient_get_text (held, KES_PATIENT_TEAM_ID), ==, kes_team_get_id (north));

  fixture_tear_down (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-merge-rights/other-team-needs-break-glass",
                   test_other_team_needs_break_glass);
  g_test_add_func ("/import-merge-rights/no-permission", test_no_permission);
  g_test_add_func ("/import-merge-rights/never-moves-team", test_never_moves_team);

  return g_test_run ();
}
