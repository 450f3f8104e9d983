/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kes-types.h"
#include "kes-validate.h"

G_BEGIN_DECLS

/* A revisioned record described by a table of fields rather than a class of
 * its own: carers, consent to share, carer's assessments, liaison and
 * diversion screenings, the service directory. One validator, one JSON form
 * (the revision's data) and one projection writer serve them all. */
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

typedef struct
{
  const char         *name;        /* the record kind: "carer-consent" */
  const char         *table;       /* its projection table (id, patient_id, projected fields) */
  gboolean            per_patient; /* belongs to a patient (patient_id required) */
  const KesFieldSpec *fields;      /* terminated by an entry with key NULL */
} KesRecordKind;

const KesFieldSpec *kes_record_kind_find_field (const KesRecordKind *kind,
                                                const char          *key);

#define KES_TYPE_FIELD_RECORD (kes_field_record_get_type ())
G_DECLARE_FINAL_TYPE (KesFieldRecord, kes_field_record, KES, FIELD_RECORD, GObject)

KesFieldRecord      *kes_field_record_new            (const KesRecordKind *kind);
KesFieldRecord      *kes_field_record_copy           (KesFieldRecord      *self);
const KesRecordKind *kes_field_record_get_kind       (KesFieldRecord      *self);

/* Identity of the stored record: NULL id and revision 0 until first saved. */
const char          *kes_field_record_get_id         (KesFieldRecord      *self);
gint64               kes_field_record_get_revision   (KesFieldRecord      *self);
KesRecordState       kes_field_record_get_state      (KesFieldRecord      *self);
void                 kes_field_record_set_identity   (KesFieldRecord      *self,
                                                      const char          *id,
                                                      gint64               revision,
                                                      KesRecordState       state);
const char          *kes_field_record_get_patient_id (KesFieldRecord      *self);
void                 kes_field_record_set_patient_id (KesFieldRecord      *self,
                                                      const char          *patient_id);
/* Who wrote the current revision and when (filled in by the store). */
const char          *kes_field_record_get_author_name (KesFieldRecord     *self);
const char          *kes_field_record_get_updated_at (KesFieldRecord      *self);
void                 kes_field_record_set_written    (KesFieldRecord      *self,
                                                      const char          *author_name,
                                                      const char          *updated_at);

/* Values. Text, dates, codes, staff and record ids are text ("" when unset;
 * setting NULL or "" clears). Unknown keys are a programming error. */
const char          *kes_field_record_get_text       (KesFieldRecord      *self,
                                                      const char          *key);
void                 kes_field_record_set_text       (KesFieldRecord      *self,
                                                      const char          *key,
                                                      const char          *value);
gboolean             kes_field_record_get_bool       (KesFieldRecord      *self,
                                                      const char          *key);
void                 kes_field_record_set_bool       (KesFieldRecord      *self,
                                                      const char          *key,
                                                      gboolean             value);
/* A set of codes, in the order given, without repeats. */
GStrv                kes_field_record_dup_list       (KesFieldRecord      *self,
                                                      const char          *key);
void                 kes_field_record_set_list       (KesFieldRecord      *self,
                                                      const char          *key,
                                                      const char * const  *codes);
gboolean             kes_field_record_has_code       (KesFieldRecord      *self,
                                                      const char          *key,
                                                      const char          *code);

/* Trims text, normalises dates; returns KesIssue for every required field
 * left empty, date that can't be read and code not in its list, each naming
 * the field in plain words. */
GPtrArray           *kes_field_record_check          (KesFieldRecord      *self);

char                *kes_field_record_to_json        (KesFieldRecord      *self);
gboolean             kes_field_record_load_json      (KesFieldRecord      *self,
                                                      const char          *json,
                                                      GError             **error);


G_END_DECLS
