/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-records"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-field-limits.h"
#include "kes-json-writer.h"
#include "kes-records.h"
#include "kes-validate.h"

/* ---- Staff ---- */

struct _KesStaff
{
  GObject  parent_instance;
  char    *id;
  char    *username;
  char    *display_name;
  char    *role_title;
  char    *team_id;
  char    *contact;
};

G_DEFINE_FINAL_TYPE (KesStaff, kes_staff, G_TYPE_OBJECT)

static void
kes_staff_finalize (GObject *object)
{
  KesStaff *self = (KesStaff *) object;

  g_free (self->id);
  g_free (self->username);
  g_free (self->display_name);
  g_free (self->role_title);
  g_free (self->team_id);
  g_free (self->contact);
  G_OBJECT_CLASS (kes_staff_parent_class)->finalize (object);
}

static void
kes_staff_class_init (KesStaffClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_staff_finalize;
}

static void
kes_staff_init (KesStaff *self)
{
}

KesStaff *
kes_staff_new (const char *id,
               const char *username,
               const char *display_name,
               const char *role_title,
               const char *team_id,
               const char *contact)
{
  KesStaff *self = g_object_new (KES_TYPE_STAFF, NULL);

  self->id = g_strdup (id);
  self->username = g_strdup (username);
  self->display_name = g_strdup (display_name);
  self->role_title = g_strdup (role_title != NULL ? role_title : "");
  self->team_id = g_strdup (team_id);
  self->contact = g_strdup (contact != NULL ? contact : "");
  return self;
}

const char *kes_staff_get_id (KesStaff *self) { return self->id; }
const char *kes_staff_get_username (KesStaff *self) { return self->username; }
const char *kes_staff_get_display_name (KesStaff *self) { return self->display_name; }
const char *kes_staff_get_role_title (KesStaff *self) { return self->role_title; }
const char *kes_staff_get_team_id (KesStaff *self) { return self->team_id; }
const char *kes_staff_get_contact (KesStaff *self) { return self->contact; }

/* ---- Team ---- */

struct _KesTeam
{
  GObject  parent_instance;
  char    *id;
  char    *name;
  gint64   revision;
};

G_DEFINE_FINAL_TYPE (KesTeam, kes_team, G_TYPE_OBJECT)

static void
kes_team_finalize (GObject *object)
{
  KesTeam *self = (KesTeam *) object;

  g_free (self->id);
  g_free (self->name);
  G_OBJECT_CLASS (kes_team_parent_class)->finalize (object);
}

static void
kes_team_class_init (KesTeamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_team_finalize;
}

static void
kes_team_init (KesTeam *self)
{
}

KesTeam *
kes_team_new (const char *id,
              const char *name)
{
  KesTeam *self = g_object_new (KES_TYPE_TEAM, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->revision = 1;
  return self;
}

const char *kes_team_get_id (KesTeam *self) { return self->id; }
const char *kes_team_get_name (KesTeam *self) { return self->name; }
gint64 kes_team_get_revision (KesTeam *self) { return self->revision; }

void
kes_team_set_revision (KesTeam *self,
                       gint64   revision)
{
  g_return_if_fail (KES_IS_TEAM (self));
  self->revision = revision;
}

/* ---- JSON helpers shared by contacts and notes (written with kes-json-writer) ---- */

static JsonObject *
json_text_to_object (const char  *json,
                     JsonParser  *parser,
                     GError     **error)
{
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_CORRUPT,
                           _("A stored record is not a JSON object"));
      return NULL;
    }
  return json_node_get_object (root);
}

static char *
dup_string_member (JsonObject *object,
                   const char *key)
{
  const char *value = json_object_get_string_member_with_default (object, key, "");
  return *value != '\0' ? g_strdup (value) : NULL;
}

/* ---- Contact ---- */

struct _KesContact
{
  GObject         parent_instance;
  char           *id;
  gint64          revision;
  KesRecordState  state;
  char           *patient_id;
  char           *occurred_at;
  char           *contact_type;
  char           *with_whom;
  char           *location;
  int             duration_minutes;
  char           *summary;
  char           *author_name;
};

G_DEFINE_FINAL_TYPE (KesContact, kes_contact, G_TYPE_OBJECT)

static void
kes_contact_finalize (GObject *object)
{
  KesContact *self = (KesContact *) object;

  g_free (self->id);
  g_free (self->patient_id);
  g_free (self->occurred_at);
  g_free (self->contact_type);
  g_free (self->with_whom);
  g_free (self->location);
  g_free (self->summary);
  g_free (self->author_name);
  G_OBJECT_CLASS (kes_contact_parent_class)->finalize (object);
}

static void
kes_contact_class_init (KesContactClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_contact_finalize;
}

static void
kes_contact_init (KesContact *self)
{
}

KesContact *
kes_contact_new (void)
{
  return g_object_new (KES_TYPE_CONTACT, NULL);
}

#define STRING_ACCESSORS(Type, type, field) \
  const char * \
  type##_get_##field (Type *self) \
  { \
    return self->field != NULL ? self->field : ""; \
  } \
  void \
  type##_set_##field (Type       *self, \
                      const char *value) \
  { \
    g_free (self->field); \
    self->field = value != NULL && *value != '\0' ? g_strdup (value) : NULL; \
  }

STRING_ACCESSORS (KesContact, kes_contact, patient_id)
STRING_ACCESSORS (KesContact, kes_contact, occurred_at)
STRING_ACCESSORS (KesContact, kes_contact, contact_type)
STRING_ACCESSORS (KesContact, kes_contact, with_whom)
STRING_ACCESSORS (KesContact, kes_contact, location)
STRING_ACCESSORS (KesContact, kes_contact, summary)
STRING_ACCESSORS (KesContact, kes_contact, author_name)

const char *kes_contact_get_id (KesContact *self) { return self->id; }
gint64 kes_contact_get_revision (KesContact *self) { return self->revision; }
KesRecordState kes_contact_get_state (KesContact *self) { return self->state; }
int kes_contact_get_duration_minutes (KesContact *self) { return self->duration_minutes; }

void
kes_contact_set_duration_minutes (KesContact *self,
                                  int         minutes)
{
  self->duration_minutes = minutes;
}

void
kes_contact_set_identity (KesContact     *self,
                          const char     *id,
                          gint64          revision,
                          KesRecordState  state)
{
  char *copy = g_strdup (id); /* @id may be self->id itself */

  g_free (self->id);
  self->id = copy;
  self->revision = revision;
  self->state = state;
}

GPtrArray *
kes_contact_validate (KesContact *self)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
  g_autoptr(GDateTime) occurred = NULL;
  g_autoptr(GDateTime) now = kes_clock_now_utc ();

  if (self->patient_id == NULL)
    g_ptr_array_add (issues, kes_issue_new ("patient_id", KES_ISSUE_ERROR,
                                            _("A contact must belong to a patient")));
  if (self->occurred_at == NULL)
    g_ptr_array_add (issues, kes_issue_new ("occurred_at", KES_ISSUE_ERROR,
                                            _("Date and time of the contact are required")));
  else if ((occurred = kes_time_from_iso (self->occurred_at)) == NULL)
    g_ptr_array_add (issues, kes_issue_new ("occurred_at", KES_ISSUE_ERROR,
                                            _("Contact time “%s” is not a valid date and time"),
                                            self->occurred_at));
  /* A few minutes' grace for clocks that disagree; a contact can't be later than now. */
  else if (g_date_time_difference (occurred, now) > 10 * G_TIME_SPAN_MINUTE)
    g_ptr_array_add (issues, kes_issue_new ("occurred_at", KES_ISSUE_ERROR,
                                            _("A contact can’t be recorded in the future")));

  if (self->contact_type == NULL)
    g_ptr_array_add (issues, kes_issue_new ("contact_type", KES_ISSUE_ERROR,
                                            _("Type of contact is required")));
  else if (!kes_code_list_contains (kes_code_list_get (KES_CODES_CONTACT_TYPE), self->contact_type))
    g_ptr_array_add (issues, kes_issue_new ("contact_type", KES_ISSUE_ERROR,
                                            _("Type of contact “%s” is not a known type"),
                                            self->contact_type));
  if (self->duration_minutes < 0 || self->duration_minutes > 24 * 60)
    g_ptr_array_add (issues, kes_issue_new ("duration_minutes", KES_ISSUE_ERROR,
                                            _("Duration must be between 0 and 1440 minutes")));
  kes_field_limit_check (issues, "contact.with_whom", _("With whom"), self->with_whom);
  kes_field_limit_check (issues, "contact.location", _("Location"), self->location);
  kes_field_limit_check (issues, "contact.summary", _("Summary"), self->summary);
  return issues;
}

char *
kes_contact_to_json (KesContact *self)
{
  GString *out = g_string_sized_new (192);

  kes_json_begin_object (out);
  kes_json_add_string (out, "occurred_at", self->occurred_at);
  kes_json_add_string (out, "contact_type", self->contact_type);
  kes_json_add_string (out, "with_whom", self->with_whom);
  kes_json_add_string (out, "location", self->location);
  kes_json_add_int (out, "duration_minutes", self->duration_minutes);
  kes_json_add_string (out, "summary", self->summary);
  kes_json_end_object (out);
  return g_string_free (out, FALSE);
}

gboolean
kes_contact_load_json (KesContact  *self,
                       const char  *json,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = json_text_to_object (json, parser, error);

  if (object == NULL)
    return FALSE;
  g_free (self->occurred_at);
  self->occurred_at = dup_string_member (object, "occurred_at");
  g_free (self->contact_type);
  self->contact_type = dup_string_member (object, "contact_type");
  g_free (self->with_whom);
  self->with_whom = dup_string_member (object, "with_whom");
  g_free (self->location);
  self->location = dup_string_member (object, "location");
  self->duration_minutes = (int) json_object_get_int_member_with_default (object, "duration_minutes", 0);
  g_free (self->summary);
  self->summary = dup_string_member (object, "summary");
  return TRUE;
}

/* ---- Note ---- */

struct _KesNote
{
  GObject         parent_instance;
  char           *id;
  gint64          revision;
  KesRecordState  state;
  char           *patient_id;
  char           *written_at;
  char           *title;
  char           *body;
  char           *author_name;
};

G_DEFINE_FINAL_TYPE (KesNote, kes_note, G_TYPE_OBJECT)

static void
kes_note_finalize (GObject *object)
{
  KesNote *self = (KesNote *) object;

  g_free (self->id);
  g_free (self->patient_id);
  g_free (self->written_at);
  g_free (self->title);
  g_free (self->body);
  g_free (self->author_name);
  G_OBJECT_CLASS (kes_note_parent_class)->finalize (object);
}

static void
kes_note_class_init (KesNoteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_note_finalize;
}

static void
kes_note_init (KesNote *self)
{
}

KesNote *
kes_note_new (void)
{
  return g_object_new (KES_TYPE_NOTE, NULL);
}

STRING_ACCESSORS (KesNote, kes_note, patient_id)
STRING_ACCESSORS (KesNote, kes_note, written_at)
STRING_ACCESSORS (KesNote, kes_note, title)
STRING_ACCESSORS (KesNote, kes_note, body)
STRING_ACCESSORS (KesNote, kes_note, author_name)

const char *kes_note_get_id (KesNote *self) { return self->id; }
gint64 kes_note_get_revision (KesNote *self) { return self->revision; }
KesRecordState kes_note_get_state (KesNote *self) { return self->state; }

void
kes_note_set_identity (KesNote        *self,
                       const char     *id,
                       gint64          revision,
                       KesRecordState  state)
{
  char *copy = g_strdup (id); /* @id may be self->id itself */

  g_free (self->id);
  self->id = copy;
  self->revision = revision;
  self->state = state;
}

GPtrArray *
kes_note_validate (KesNote *self)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
  g_autofree char *body = g_strstrip (g_strdup (kes_note_get_body (self)));

  if (self->patient_id == NULL)
    g_ptr_array_add (issues, kes_issue_new ("patient_id", KES_ISSUE_ERROR,
                                            _("A note must belong to a patient")));
  if (*body == '\0')
    g_ptr_array_add (issues, kes_issue_new ("body", KES_ISSUE_ERROR,
                                            _("The note is empty: write what happened")));
  if (self->written_at != NULL)
    {
      g_autoptr(GDateTime) written = kes_time_from_iso (self->written_at);
      if (written == NULL)
        g_ptr_array_add (issues, kes_issue_new ("written_at", KES_ISSUE_ERROR,
                                                _("Note time “%s” is not a valid date and time"),
                                                self->written_at));
    }
  kes_field_limit_check (issues, "note.title", _("Title"), self->title);
  kes_field_limit_check (issues, "note.body", _("Note"), self->body);
  return issues;
}

char *
kes_note_to_json (KesNote *self)
{
  GString *out = g_string_sized_new (256);

  kes_json_begin_object (out);
  kes_json_add_string (out, "written_at", self->written_at);
  kes_json_add_string (out, "title", self->title);
  kes_json_add_string (out, "body", self->body);
  kes_json_end_object (out);
  return g_string_free (out, FALSE);
}

gboolean
kes_note_load_json (KesNote     *self,
                    const char  *json,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = json_text_to_object (json, parser, error);

  if (object == NULL)
    return FALSE;
  g_free (self->written_at);
  self->written_at = dup_string_member (object, "written_at");
  g_free (self->title);
  self->title = dup_string_member (object, "title");
  g_free (self->body);
  self->body = dup_string_member (object, "body");
  return TRUE;
}

/* ---- Search hit ---- */

struct _KesNoteHit
{
  GObject  parent_instance;
  char    *note_id;
  char    *patient_id;
  char    *patient_name;
  char    *written_at;
  char    *snippet;
};

G_DEFINE_FINAL_TYPE (KesNoteHit, kes_note_hit, G_TYPE_OBJECT)

static void
kes_note_hit_finalize (GObject *object)
{
  KesNoteHit *self = (KesNoteHit *) object;

  g_free (self->note_id);
  g_free (self->patient_id);
  g_free (self->patient_name);
  g_free (self->written_at);
  g_free (self->snippet);
  G_OBJECT_CLASS (kes_note_hit_parent_class)->finalize (object);
}

static void
kes_note_hit_class_init (KesNoteHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_note_hit_finalize;
}

static void
kes_note_hit_init (KesNoteHit *self)
{
}

KesNoteHit *
kes_note_hit_new (const char *note_id,
                  const char *patient_id,
                  const char *patient_name,
                  const char *written_at,
                  const char *snippet)
{
  KesNoteHit *self = g_object_new (KES_TYPE_NOTE_HIT, NULL);

  self->note_id = g_strdup (note_id);
  self->patient_id = g_strdup (patient_id);
  self->patient_name = g_strdup (patient_name);
  self->written_at = g_strdup (written_at);
  self->snippet = g_strdup (snippet);
  return self;
}

const char *kes_note_hit_get_note_id (KesNoteHit *self) { return self->note_id; }
const char *kes_note_hit_get_patient_id (KesNoteHit *self) { return self->patient_id; }
const char *kes_note_hit_get_patient_name (KesNoteHit *self) { return self->patient_name; }
const char *kes_note_hit_get_written_at (KesNoteHit *self) { return self->written_at; }
const char *kes_note_hit_get_snippet (KesNoteHit *self) { return self->snippet; }
