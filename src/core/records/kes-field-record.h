/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kes-record-kind.h"
#include "kes-types.h"
#include "kes-validate.h"

G_BEGIN_DECLS

/* A revisioned record described by a table of fields rather than a class of
 * its own: carers, consent to share, carer's assessments, liaison and
 * diversion screenings, the service directory. One validator, one JSON form
 * (the revision's data) and one projection writer serve them all. The field
 * types and the kind's descriptor are in kes-record-kind.h; a kind with no
 * ops of its own is a field record. */

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
