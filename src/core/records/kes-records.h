/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kes-types.h"

G_BEGIN_DECLS

/* Small value objects the store hands out. All are immutable once built,
 * except KesContact and KesNote, which a form fills before saving. */

/* ---- Staff directory ---- */
#define KES_TYPE_STAFF (kes_staff_get_type ())
G_DECLARE_FINAL_TYPE (KesStaff, kes_staff, KES, STAFF, GObject)

KesStaff   *kes_staff_new              (const char *id,
                                        const char *username,
                                        const char *display_name,
                                        const char *role_title,
                                        const char *team_id,
                                        const char *contact);
const char *kes_staff_get_id           (KesStaff   *self);
const char *kes_staff_get_username     (KesStaff   *self);
const char *kes_staff_get_display_name (KesStaff   *self);
const char *kes_staff_get_role_title   (KesStaff   *self);
const char *kes_staff_get_team_id      (KesStaff   *self);
const char *kes_staff_get_contact      (KesStaff   *self);

/* ---- Teams (data, editable; Kestrel ships North and South) ---- */
#define KES_TYPE_TEAM (kes_team_get_type ())
G_DECLARE_FINAL_TYPE (KesTeam, kes_team, KES, TEAM, GObject)

KesTeam    *kes_team_new      (const char *id,
                               const char *name);
const char *kes_team_get_id   (KesTeam    *self);
const char *kes_team_get_name (KesTeam    *self);
/* The stored revision the team was read at (1 for a new team). */
gint64      kes_team_get_revision (KesTeam *self);
void        kes_team_set_revision (KesTeam *self,
                                   gint64   revision);

/* ---- Contacts (dated contact log) ---- */
#define KES_TYPE_CONTACT (kes_contact_get_type ())
G_DECLARE_FINAL_TYPE (KesContact, kes_contact, KES, CONTACT, GObject)

KesContact     *kes_contact_new                  (void);
const char     *kes_contact_get_id               (KesContact     *self);
gint64          kes_contact_get_revision         (KesContact     *self);
KesRecordState  kes_contact_get_state            (KesContact     *self);
void            kes_contact_set_identity         (KesContact     *self,
                                                  const char     *id,
                                                  gint64          revision,
                                                  KesRecordState  state);
const char     *kes_contact_get_patient_id       (KesContact     *self);
void            kes_contact_set_patient_id       (KesContact     *self,
                                                  const char     *patient_id);
/* "YYYY-MM-DDTHH:MM:SSZ" */
const char     *kes_contact_get_occurred_at      (KesContact     *self);
void            kes_contact_set_occurred_at      (KesContact     *self,
                                                  const char     *iso_time);
/* KES_CODES_CONTACT_TYPE: face-to-face, phone, video, in-reach, dna */
const char     *kes_contact_get_contact_type     (KesContact     *self);
void            kes_contact_set_contact_type     (KesContact     *self,
                                                  const char     *code);
const char     *kes_contact_get_with_whom        (KesContact     *self);
void            kes_contact_set_with_whom        (KesContact     *self,
                                                  const char     *text);
const char     *kes_contact_get_location         (KesContact     *self);
void            kes_contact_set_location         (KesContact     *self,
                                                  const char     *text);
int             kes_contact_get_duration_minutes (KesContact     *self);
void            kes_contact_set_duration_minutes (KesContact     *self,
                                                  int             minutes);
const char     *kes_contact_get_summary          (KesContact     *self);
void            kes_contact_set_summary          (KesContact     *self,
                                                  const char     *text);
/* Filled by the store on load. */
const char     *kes_contact_get_author_name      (KesContact     *self);
void            kes_contact_set_author_name      (KesContact     *self,
                                                  const char     *name);
GPtrArray      *kes_contact_validate             (KesContact     *self);
char           *kes_contact_to_json              (KesContact     *self);
gboolean        kes_contact_load_json            (KesContact     *self,
                                                  const char     *json,
                                                  GError        **error);

/* ---- Clinical notes ---- */
#define KES_TYPE_NOTE (kes_note_get_type ())
G_DECLARE_FINAL_TYPE (KesNote, kes_note, KES, NOTE, GObject)

KesNote        *kes_note_new             (void);
const char     *kes_note_get_id          (KesNote        *self);
gint64          kes_note_get_revision    (KesNote        *self);
KesRecordState  kes_note_get_state       (KesNote        *self);
void            kes_note_set_identity    (KesNote        *self,
                                          const char     *id,
                                          gint64          revision,
                                          KesRecordState  state);
const char     *kes_note_get_patient_id  (KesNote        *self);
void            kes_note_set_patient_id  (KesNote        *self,
                                          const char     *patient_id);
const char     *kes_note_get_written_at  (KesNote        *self);
void            kes_note_set_written_at  (KesNote        *self,
                                          const char     *iso_time);
const char     *kes_note_get_title       (KesNote        *self);
void            kes_note_set_title       (KesNote        *self,
                                          const char     *title);
const char     *kes_note_get_body        (KesNote        *self);
void            kes_note_set_body        (KesNote        *self,
                                          const char     *body);
const char     *kes_note_get_author_name (KesNote        *self);
void            kes_note_set_author_name (KesNote        *self,
                                          const char     *name);
GPtrArray      *kes_note_validate        (KesNote        *self);
char           *kes_note_to_json         (KesNote        *self);
gboolean        kes_note_load_json       (KesNote        *self,
                                          const char     *json,
                                          GError        **error);

/* ---- A full-text search hit ---- */
#define KES_TYPE_NOTE_HIT (kes_note_hit_get_type ())
G_DECLARE_FINAL_TYPE (KesNoteHit, kes_note_hit, KES, NOTE_HIT, GObject)

KesNoteHit *kes_note_hit_new              (const char *note_id,
                                           const char *patient_id,
                                           const char *patient_name,
                                           const char *written_at,
                                           const char *snippet);
const char *kes_note_hit_get_note_id      (KesNoteHit *self);
const char *kes_note_hit_get_patient_id   (KesNoteHit *self);
const char *kes_note_hit_get_patient_name (KesNoteHit *self);
const char *kes_note_hit_get_written_at   (KesNoteHit *self);
/* Plain text around the match; matched words are wrapped in « ». */
const char *kes_note_hit_get_snippet      (KesNoteHit *self);

/* ---- One revision of any record ---- */
#define KES_TYPE_REVISION (kes_revision_get_type ())
G_DECLARE_FINAL_TYPE (KesRevision, kes_revision, KES, REVISION, GObject)

KesRevision   *kes_revision_new             (const char    *record_id,
                                             gint64         revision,
                                             KesChangeKind  change,
                                             const char    *reason,
                                             const char    *author_id,
                                             const char    *author_name,
                                             const char    *at,
                                             const char    *data_json);
const char    *kes_revision_get_record_id   (KesRevision   *self);
gint64         kes_revision_get_revision    (KesRevision   *self);
KesChangeKind  kes_revision_get_change      (KesRevision   *self);
const char    *kes_revision_get_reason      (KesRevision   *self);
const char    *kes_revision_get_author_id   (KesRevision   *self);
const char    *kes_revision_get_author_name (KesRevision   *self);
const char    *kes_revision_get_at          (KesRevision   *self);
const char    *kes_revision_get_data        (KesRevision   *self);
/* An imported revision keeps the author and time it was written with in
 * another database; this is who brought it here, when, and from which file
 * (the file's export time). Not set for a revision written here. */
void           kes_revision_set_import      (KesRevision   *self,
                                             const char    *imported_by_name,
                                             const char    *imported_at,
                                             const char    *source);
const char    *kes_revision_get_imported_at (KesRevision   *self);
/* "Recorded by Alice Adeyemi at 21 Nov 2026 09:00 in a case record exported
 * on 23 Nov 2026 09:00, imported by Ida Importer on 23 Nov 2026 09:15", or
 * NULL for a revision written here: how history and documents name it. */
char          *kes_revision_dup_provenance  (KesRevision   *self);
/* What changed since @previous (NULL for the first revision), one line a
 * field: "Family name: “Smith” → “Smyth”". Keys are labelled with @label_func
 * when given, else shown as they are. */
GStrv          kes_revision_describe_changes (KesRevision  *self,
                                              KesRevision  *previous,
                                              const char  *(*label_func) (const char *key));
/* The same with each value shown through @show_func (a new string for the
 * member @key's text value), e.g. codes as their labels. */
typedef char *(*KesShowValueFunc) (const char *key,
                                   const char *value,
                                   gpointer    user_data);
GStrv          kes_revision_describe_changes_shown (KesRevision      *self,
                                                    KesRevision      *previous,
                                                    const char      *(*label_func) (const char *key),
                                                    KesShowValueFunc  show_func,
                                                    gpointer          user_data);

G_END_DECLS
