/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kes-permissions.h"
#include "kes-types.h"

G_BEGIN_DECLS

/* A record kind: what the one generic save, load, list and history
 * (kes-store-records.c) need to know about a revisioned record, so that the
 * revision sequence (savepoint, revision, identity, projection, release,
 * or rollback) is written once. A new kind is a KesRecordKind with its
 * KesRecordOps, and its queries. */

/* Fields of a record described by a table rather than a class of its own
 * (kes-field-record.h). */
typedef enum
{
  KES_FIELD_TEXT,      /* one line */
  KES_FIELD_LONG_TEXT, /* paragraphs */
  KES_FIELD_DATE,      /* YYYY-MM-DD (DD/MM/YYYY accepted and normalised) */
  KES_FIELD_BOOL,
  KES_FIELD_CODE,      /* one code of @code_list */
  KES_FIELD_CODES,     /* a set of codes of @code_list */
  KES_FIELD_STAFF,     /* a staff id */
  KES_FIELD_RECORD_ID, /* the id of another record */
} KesFieldType;

typedef struct
{
  const char   *key;       /* JSON member and, when projected, column name */
  const char   *label;     /* translatable (marked for gettext): names the field */
  KesFieldType  type;
  const char   *code_list; /* KES_FIELD_CODE(S): a data/codes list name */
  gboolean      required;
  gboolean      projected; /* a column of the kind's table (lists: space-separated) */
} KesFieldSpec;

typedef struct _KesRecordKind KesRecordKind;
typedef struct _KesRecordOps  KesRecordOps;

/* Who and what a record is, as the generic path reads it from an object. */
typedef struct
{
  const char *kind;       /* as stored: "note", "cpa-care-plan" (NULL: the descriptor's name) */
  const char *id;         /* NULL until first saved */
  const char *patient_id; /* NULL or "": not a patient's record */
  gint64      revision;   /* the revision an edit is based on (0 for a new record) */
} KesRecordIdentity;

/* A record as stored: its current revision and who wrote it. */
typedef struct
{
  const char     *id;
  const char     *kind;
  const char     *patient_id;
  gint64          revision;
  KesRecordState  state;
  const char     *author_name;
  const char     *updated_at;
  const char     *data;       /* the revision's JSON */
} KesStoredRecord;

/* Every record class has a kes_thing_set_identity() of this shape, which
 * the ops take as it is: (KesRecordSetIdentityFunc) kes_note_set_identity. */
typedef void (*KesRecordSetIdentityFunc) (gpointer       record,
                                          const char    *id,
                                          gint64         revision,
                                          KesRecordState state);

struct _KesRecordOps
{
  GType          (*get_type)      (void);
  /* The permission that reads (@edit FALSE) or writes a record of the
   * stored @kind; NULL: the store's own mapping, the one that guards
   * history and "entered in error" (kes_store_permission_for_kind). */
  KesPermission  (*permission)    (const char          *kind,
                                   gboolean             edit);
  /* The record is the patient: permissions are checked for its own id and
   * its revisions name no patient. */
  gboolean         is_patient;
  void           (*identify)      (gpointer             record,
                                   KesRecordIdentity   *identity);
  KesRecordSetIdentityFunc set_identity;
  /* Validation and normalisation, after the permission check and before
   * anything is written: returns the object to write (a copy, so a failed
   * save leaves the caller's as typed, or a new reference to @record) and
   * its JSON in @json; NULL with @error naming the field and the problem. */
  gpointer       (*prepare)       (KesStore            *store,
                                   const KesRecordKind *kind,
                                   gpointer             record,
                                   char               **json,
                                   GError             **error);
  /* Optional: checks against other records, in the savepoint, before the
   * revision (a second dose on the same day). */
  gboolean       (*before_write)  (KesStore            *store,
                                   gpointer             work,
                                   GError             **error);
  /* Writes the display table: the same function the projection of any
   * revision calls (kes_store_project_revision, for import and `verify`),
   * so that `verify` rebuilds it with this code. */
  gboolean       (*project)       (KesStore            *store,
                                   gpointer             work,
                                   const char          *json,
                                   GError             **error);
  /* Optional: what else changes in the same savepoint (a record derived
   * from this one, an entry of its own in the access log). */
  gboolean       (*after_write)   (KesStore            *store,
                                   gpointer             work,
                                   GError             **error);
  /* Optional: gives the caller's @record the stored values of @work after a
   * save; NULL: only the new identity. */
  void           (*hand_back)     (gpointer             record,
                                   gpointer             work,
                                   const char          *json);
  /* Builds the object from its stored revision (load and list). */
  gpointer       (*from_stored)   (const KesRecordKind *kind,
                                   const KesStoredRecord *stored,
                                   GError             **error);
};

struct _KesRecordKind
{
  const char         *name;        /* the record kind: "carer-consent" */
  const char         *table;       /* its projection table */
  gboolean            per_patient; /* belongs to a patient, who must be active when it is saved */
  const KesFieldSpec *fields;      /* a field record's fields, terminated by a NULL key */
  const KesRecordOps *ops;         /* NULL: a field record (kes_field_record_ops) */
};

const KesFieldSpec *kes_record_kind_find_field (const KesRecordKind *kind,
                                                const char          *key);

G_END_DECLS
