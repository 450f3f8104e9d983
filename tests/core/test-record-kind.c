/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "kes-core-test-util.h"
#include "kes-error.h"
#include "kes-patient.h"
#include "kes-records.h"
#include "kes-referral.h"
#include "kes-store-records-private.h"
#include "kes-test-accounts.h"

/* Issue 22: one record-kind path. A toy record kind, defined only here (a
 * GObject, its KesRecordKind and one query), saves, loads, lists and shows
 * its history through the store's generic path (kes-store-records-private.h), with
 * the conflict, permission and rollback rules every real kind relies on. */

/* ---- The toy kind: a titled jotting on a patient's record ---- */

#define TOY_TYPE_RECORD (toy_record_get_type ())
G_DECLARE_FINAL_TYPE (ToyRecord, toy_record, TOY, RECORD, GObject)

struct _ToyRecord
{
  GObject  parent_instance;
  char    *id;
  char    *patient_id;
  char    *title;
  gint64   revision;
};

G_DEFINE_FINAL_TYPE (ToyRecord, toy_record, G_TYPE_OBJECT)

static void
toy_record_finalize (GObject *object)
{
  ToyRecord *self = TOY_RECORD (object);

  g_free (self->id);
  g_free (self->patient_id);
  g_free (self->title);
  G_OBJECT_CLASS (toy_record_parent_class)->finalize (object);
}

static void
toy_record_class_init (ToyRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = toy_record_finalize;
}

static void
toy_record_init (ToyRecord *self)
{
}

static ToyRecord *
toy_record_new (const char *patient_id,
                const char *title)
{
  ToyRecord *self = g_object_new (TOY_TYPE_RECORD, NULL);

  self->patient_id = g_strdup (patient_id);
  self->title = g_strdup (title);
  return self;
}

static void
toy_identify (gpointer           record,
              KesRecordIdentity *identity)
{
  ToyRecord *self = record;

  identity->id = self->id;
  identity->patient_id = self->patient_id;
  identity->revision = self->revision;
}

static void
toy_set_identity (gpointer        record,
                  const char     *id,
                  gint64          revision,
                  KesRecordState  state)
{
  ToyRecord *self = record;
  char *copy = g_strdup (id);

  g_free (self->id);
  self->id = copy;
  self->revision = revision;
}

static KesPermission
toy_permission (const char *kind,
                gboolean    edit)
{
  return edit ? KES_PERMISSION_EDIT_CLINICAL : KES_PERMISSION_VIEW_CLINICAL;
}

/* Validation: a title is required. */
static gpointer
toy_prepare (KesStore             *store,
             const KesRecordKind  *kind,
             gpointer              record,
             char                **json,
             GError              **error)
{
  ToyRecord *self = record;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  if (self->title == NULL || *self->title == '\0')
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, "Title: fill this in");
      return NULL;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  *json = json_generator_to_data (generator, NULL);
  return g_object_ref (record);
}

/* The projection: the toy table, which refuses one title of its own
 * accord (a CHECK), so that a projection can fail after the revision. */
static gboolean
toy_project (KesStore    *store,
             gpointer     record,
             const char  *json,
             GError     **error)
{
  ToyRecord *self = record;
  KesDbStmt *stmt = kes_store_prepare (store,
    "INSERT INTO toy (id, patient_id, title) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (id) DO UPDATE SET title = ?3", error);

  if (stmt == NULL)
    return FALSE;
  kes_store_bind_text (stmt, 1, self->id);
  kes_store_bind_text (stmt, 2, self->patient_id);
  kes_store_bind_text (stmt, 3, self->title);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (store, error, "Could not update the toy table");
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  return TRUE;
}

static gpointer
toy_from_stored (const KesRecordKind    *kind,
                 const KesStoredRecord  *stored,
                 GError                **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ToyRecord) self = NULL;

  if (!json_parser_load_from_data (parser, stored->data, -1, error))
    return NULL;
  self = toy_record_new (stored->patient_id,
                         json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                        "title"));
  toy_set_identity (self, stored->id, stored->revision, stored->state);
  return g_steal_pointer (&self);
}

static const KesRecordOps toy_ops = {
  .get_type = toy_record_get_type,
  .permission = toy_permission,
  .identify = toy_identify,
  .set_identity = toy_set_identity,
  .prepare = toy_prepare,
  .project = toy_project,
  .from_stored = toy_from_stored,
};

static const KesRecordKind toy_kind = { "toy-jotting", "toy", TRUE, NULL, &toy_ops };

/* The kind's one query: a patient's jottings by title. */
#define TOY_BY_PATIENT "SELECT t.id FROM toy t JOIN record r ON r.id = t.id " \
                       "WHERE t.patient_id = ?1 AND r.state = 'active' ORDER BY t.title"

#define REFUSED_TITLE "refused by the table"

/* ---- Tests ---- */

typedef KesCoreRecordFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  kes_core_record_fixture_set_up (fixture, "2026-12-07", "Toyne");
  g_assert_true (kes_store_exec (fixture->store,
                                 "CREATE TABLE toy (id TEXT PRIMARY KEY, patient_id TEXT NOT NULL, "
                                 "title TEXT NOT NULL CHECK (title <> '" REFUSED_TITLE "'))", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_core_record_fixture_tear_down (fixture);
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  KesDbStmt *stmt = kes_store_prepare (fixture->store, sql, &error);
  gint64 n;

  g_assert_no_error (error);
  g_assert_cmpint (kes_db_step (stmt), ==, KES_DB_ROW);
  n = kes_db_column_int64 (stmt, 0);
  kes_db_reset (stmt);
  return n;
}

#define TOY_REVISIONS KES_SQL_FULL_SCAN "SELECT count(*) FROM revision v JOIN record r ON r.id = v.record_id " \
                      "WHERE r.kind = 'toy-jotting'"
#define AUDIT_ENTRIES KES_SQL_FULL_SCAN "SELECT count(*) FROM audit"

static ToyRecord *
saved_toy (Fixture    *fixture,
           const char *title)
{
  g_autoptr(GError) error = NULL;
  ToyRecord *toy = toy_record_new (fixture->patient_id, title);

  g_assert_true (kes_store_save_record (fixture->store, &toy_kind, toy, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  return toy;
}

static void
test_save_load_list_history (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToyRecord) second = saved_toy (fixture, "Second: keys handed in");
  g_autoptr(ToyRecord) first = saved_toy (fixture, "First: bus pass renewed");
  g_autoptr(ToyRecord) loaded = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) history = NULL;

  g_assert_nonnull (first->id);
  g_assert_cmpint (first->revision, ==, 1);

  /* An edit is a second revision. */
  g_free (first->title);
  first->title = g_strdup ("First: bus pass renewed, photo needed");
  g_assert_true (kes_store_save_record (fixture->store, &toy_kind, first, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first->revision, ==, 2);

  loaded = kes_store_load_record (fixture->store, &toy_kind, first->id, &error);
  g_assert_no_error (error);
  g_assert_true (TOY_IS_RECORD (loaded));
  g_assert_cmpstr (loaded->title, ==, "First: bus pass renewed, photo needed");
  g_assert_cmpstr (loaded->patient_id, ==, fixture->patient_id);
  g_assert_cmpint (loaded->revision, ==, 2);

  listed = kes_store_list_records (fixture->store, &toy_kind, TOY_BY_PATIENT, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpstr (((ToyRecord *) listed->pdata[0])->id, ==, first->id);
  g_assert_cmpstr (((ToyRecord *) listed->pdata[1])->id, ==, second->id);

  history = kes_store_record_history (fixture->store, &toy_kind, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpint (kes_revision_get_change (history->pdata[0]), ==, KES_CHANGE_CREATE);
  g_assert_cmpint (kes_revision_get_change (history->pdata[1]), ==, KES_CHANGE_EDIT);
  g_assert_cmpstr (kes_revision_get_author_name (history->pdata[1]), ==, "Alice Adeyemi");
  g_assert_cmpstr (kes_revision_get_data (history->pdata[0]), ==, "{\"title\":\"First: bus pass renewed\"}");

  /* The record is of its kind: the patient's id is no jotting. */
  g_clear_object (&loaded);
  loaded = kes_store_load_record (fixture->store, &toy_kind, fixture->patient_id, &error);
  g_assert_error (error, KES_ERROR, KES_ERROR_NOT_FOUND);
  g_assert_null (loaded);
}

static void
test_stale_save_conflicts (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToyRecord) mine = saved_toy (fixture, "Seen at home");
  g_autoptr(ToyRecord) theirs = toy_record_new (fixture->patient_id, "Seen at home, sister present");
  gint64 revisions;

  /* Someone else opened the same revision and saved first. */
  toy_set_identity (theirs, mine->id, mine->revision, KES_RECORD_ACTIVE);
  g_assert_true (kes_store_save_record (fixture->store, &toy_kind, theirs, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  revisions = count (fixture, TOY_REVISIONS);

  g_free (mine->title);
  mine->title = g_strdup ("Seen at home, no concerns");
  g_assert_false (kes_store_save_record (fixture->store, &toy_kind, mine, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_assert_cmpint (count (fixture, TOY_REVISIONS), ==, revisions);
  /* What was typed is kept, on the revision it was based on. */
  g_assert_cmpstr (mine->title, ==, "Seen at home, no concerns");
  g_assert_cmpint (mine->revision, ==, 1);
}

static void
test_permission_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToyRecord) held = saved_toy (fixture, "Held by the team");
  g_autoptr(ToyRecord) toy = toy_record_new (fixture->patient_id, "Carers' liaison writing clinical");
  g_autoptr(KesStaff) carers = kes_test_account (fixture->store, "casey", "Casey Carers", "North",
                                                 "carers-liaison");
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GObject) loaded = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gint64 revisions = count (fixture, TOY_REVISIONS);
  gint64 entries = count (fixture, AUDIT_ENTRIES);

  kes_store_set_actor (fixture->store, carers);
  g_assert_false (kes_store_save_record (fixture->store, &toy_kind, toy, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (toy->id);

  /* Nor read, listed or its history shown. */
  loaded = kes_store_load_record (fixture->store, &toy_kind, held->id, &error);
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  listed = kes_store_list_records (fixture->store, &toy_kind, TOY_BY_PATIENT, fixture->patient_id, &error);
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  history = kes_store_record_history (fixture->store, &toy_kind, held->id, &error);
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_null (loaded);
  g_assert_null (listed);
  g_assert_null (history);

  kes_store_set_actor (fixture->store, fixture->alice);
  g_assert_cmpint (count (fixture, TOY_REVISIONS), ==, revisions);
  g_assert_cmpint (count (fixture, AUDIT_ENTRIES), ==, entries);
}

static void
test_failed_projection_rolls_back (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToyRecord) fresh = toy_record_new (fixture->patient_id, REFUSED_TITLE);
  g_autoptr(ToyRecord) held = saved_toy (fixture, "Depot given");
  gint64 revisions = count (fixture, TOY_REVISIONS);
  gint64 entries = count (fixture, AUDIT_ENTRIES);
  gint64 records = count (fixture, KES_SQL_FULL_SCAN "SELECT count(*) FROM record");

  /* A new record: no record, revision or access-log entry is left. */
  g_assert_false (kes_store_save_record (fixture->store, &toy_kind, fresh, KES_CHANGE_EDIT, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (fresh->id);
  g_assert_cmpint (fresh->revision, ==, 0);
  g_assert_cmpint (count (fixture, TOY_REVISIONS), ==, revisions);
  g_assert_cmpint (count (fixture, AUDIT_ENTRIES), ==, entries);
  g_assert_cmpint (count (fixture, KES_SQL_FULL_SCAN "SELECT count(*) FROM record"), ==, records);

  /* An edit: the record stays at its revision, and the same object saves
   * once its title is put right (no conflict with a revision never kept). */
  g_free (held->title);
  held->title = g_strdup (REFUSED_TITLE);
  g_assert_false (kes_store_save_record (fixture->store, &toy_kind, held, KES_CHANGE_EDIT, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (held->revision, ==, 1);
  g_assert_cmpint (count (fixture, TOY_REVISIONS), ==, revisions);
  g_assert_cmpint (count (fixture, AUDIT_ENTRIES), ==, entries);

  g_free (held->title);
  held->title = g_strdup ("Depot given, left deltoid");
  g_assert_true (kes_store_save_record (fixture->store, &toy_kind, held, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (held->revision, ==, 2);
}

static void
test_validation_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToyRecord) untitled = toy_record_new (fixture->patient_id, "");
  g_autoptr(ToyRecord) nobody = toy_record_new (NULL, "Whose is this?");
  gint64 entries = count (fixture, AUDIT_ENTRIES);

  g_assert_false (kes_store_save_record (fixture->store, &toy_kind, untitled, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);
  /* A per-patient kind names an active patient. */
  g_assert_false (kes_store_save_record (fixture->store, &toy_kind, nobody, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpint (count (fixture, TOY_REVISIONS), ==, 0);
  g_assert_cmpint (count (fixture, AUDIT_ENTRIES), ==, entries);
}

/* An edit is of a record of the same kind that is still active. */
static void
test_edits_only_its_own_kind (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToyRecord) held = saved_toy (fixture, "Written on the wrong record");
  g_autoptr(ToyRecord) impostor = toy_record_new (fixture->patient_id, "Over the register entry");
  gint64 entries;

  /* The patient's own id, named by a jotting. */
  toy_set_identity (impostor, fixture->patient_id, 1, KES_RECORD_ACTIVE);
  entries = count (fixture, AUDIT_ENTRIES);
  g_assert_false (kes_store_save_record (fixture->store, &toy_kind, impostor, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (fixture, AUDIT_ENTRIES), ==, entries);

  g_assert_true (kes_store_mark_entered_in_error (fixture->store, held->id, held->revision,
                                                  "Wrong patient", &error));
  g_assert_no_error (error);
  g_free (held->title);
  held->title = g_strdup ("Written on the wrong record, edited");
  g_assert_false (kes_store_save_record (fixture->store, &toy_kind, held, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_ENTERED_IN_ERROR);
  g_assert_cmpint (count (fixture, TOY_REVISIONS), ==, 2);
}

/* Setting a record's identity to the id it already holds (the generic path
 * hands an identity back after a save) keeps that id: each setter copies
 * before it frees. Run under MALLOC_PERTURB_ (meson's default here), a
 * setter that freed first would hand back scribbled memory. */
static void
test_identity_set_to_itself (void)
{
  const char *id = "0b0e7bd4-4c4a-4a8e-9d0e-5b3f0f6a1c2d";
  g_autoptr(KesNote) note = kes_note_new ();
  g_autoptr(KesContact) contact = kes_contact_new ();
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autoptr(KesReferral) referral = kes_referral_new ();

  kes_note_set_identity (note, id, 1, KES_RECORD_ACTIVE);
  kes_note_set_identity (note, kes_note_get_id (note), 2, KES_RECORD_ACTIVE);
  g_assert_cmpstr (kes_note_get_id (note), ==, id);

  kes_contact_set_identity (contact, id, 1, KES_RECORD_ACTIVE);
  kes_contact_set_identity (contact, kes_contact_get_id (contact), 2, KES_RECORD_ACTIVE);
  g_assert_cmpstr (kes_contact_get_id (contact), ==, id);

  kes_patient_set_identity (patient, id, 1, KES_RECORD_ACTIVE);
  kes_patient_set_identity (patient, kes_patient_get_id (patient), 2, KES_RECORD_ACTIVE);
  g_assert_cmpstr (kes_patient_get_id (patient), ==, id);

  kes_referral_set_identity (referral, id, 1, KES_RECORD_ACTIVE);
  kes_referral_set_identity (referral, kes_referral_get_id (referral), 2, KES_RECORD_ACTIVE);
  g_assert_cmpstr (kes_referral_get_id (referral), ==, id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record-kind/identity-set-to-itself", test_identity_set_to_itself);
  g_test_add ("/record-kind/save-load-list-history", Fixture, NULL, fixture_set_up,
              test_save_load_list_history, fixture_tear_down);
  g_test_add ("/record-kind/stale-save-conflicts", Fixture, NULL, fixture_set_up,
              test_stale_save_conflicts, fixture_tear_down);
  g_test_add ("/record-kind/permission-refused", Fixture, NULL, fixture_set_up,
              test_permission_refused, fixture_tear_down);
  g_test_add ("/record-kind/failed-projection-rolls-back", Fixture, NULL, fixture_set_up,
              test_failed_projection_rolls_back, fixture_tear_down);
  g_test_add ("/record-kind/validation-refused", Fixture, NULL, fixture_set_up,
              test_validation_refused, fixture_tear_down);
  g_test_add ("/record-kind/edits-only-its-own-kind", Fixture, NULL, fixture_set_up,
              test_edits_only_its_own_kind, fixture_tear_down);
  return g_test_run ();
}
