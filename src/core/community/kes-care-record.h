/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kes-types.h"

G_BEGIN_DECLS

/* Care in the community: the revisioned records of CPA, crisis planning,
 * medication and physical health. Each kind is a table of fields (below);
 * values are held as text as a form typed them, and validation (in core)
 * normalises dates and numbers and names the field and the problem. */

#define KES_CARE_PRESCRIPTION    "prescription"
#define KES_CARE_DEPOT_DOSE      "depot-dose"
#define KES_CARE_FBC             "fbc-result"
#define KES_CARE_LITHIUM_LEVEL   "lithium-level"
#define KES_CARE_PHYSICAL_HEALTH "physical-health"
#define KES_CARE_CPA_REVIEW      "cpa-review"
#define KES_CARE_CARE_PLAN       "care-plan"
#define KES_CARE_CRISIS_PLAN     "crisis-plan"
/* Per-patient monitoring settings, each signed by the clinician who chose it. */
#define KES_CARE_CLOZAPINE_MONITORING   "clozapine-monitoring"
#define KES_CARE_CLOZAPINE_NO_RECHALLENGE "clozapine-no-rechallenge"
#define KES_CARE_LITHIUM_PLAN           "lithium-plan"
/* A crisis plan sent to another service (kes_store_share_crisis_plan). */
#define KES_CARE_CRISIS_PLAN_SHARE      "crisis-plan-share"

typedef enum
{
  KES_CARE_FIELD_TEXT,
  KES_CARE_FIELD_LONG_TEXT,
  KES_CARE_FIELD_DATE,
  KES_CARE_FIELD_NUMBER,
  KES_CARE_FIELD_BOOL,
  KES_CARE_FIELD_CODE,   /* a code of @codes (a data/codes list), or a depot drug */
  KES_CARE_FIELD_RECORD, /* the id of another record */
  KES_CARE_FIELD_ITEMS,  /* the lines of a structured care plan (kes-care-plan-items.h) */
} KesCareFieldType;

typedef struct
{
  const char       *key;      /* JSON member; the column name when projected */
  const char       *label;    /* marked for translation; names the field in forms and messages */
  KesCareFieldType  type;
  const char       *codes;    /* KES_CARE_FIELD_CODE: list name */
  gboolean          required;
  gboolean          projected;
  double            min;      /* KES_CARE_FIELD_NUMBER: inclusive range */
  double            max;
} KesCareField;

/* The fields of a kind, terminated by a NULL key; NULL for an unknown kind. */
const KesCareField *kes_care_kind_fields      (const char   *kind);
const char         *kes_care_kind_table       (const char   *kind);
const char         *kes_care_kind_date_field  (const char   *kind);
const KesCareField *kes_care_kind_find_field  (const char   *kind,
                                               const char   *key);
/* A field kept for records written before a form changed (a care plan's
 * free-text needs): a form shows it only when the record holds text. */
gboolean            kes_care_field_is_legacy  (const char   *kind,
                                               const char   *key);

#define KES_TYPE_CARE_RECORD (kes_care_record_get_type ())
G_DECLARE_FINAL_TYPE (KesCareRecord, kes_care_record, KES, CARE_RECORD, GObject)

KesCareRecord  *kes_care_record_new             (const char     *kind);
const char     *kes_care_record_get_kind        (KesCareRecord  *self);
const char     *kes_care_record_get_id          (KesCareRecord  *self);
gint64          kes_care_record_get_revision    (KesCareRecord  *self);
KesRecordState  kes_care_record_get_state       (KesCareRecord  *self);
void            kes_care_record_set_identity    (KesCareRecord  *self,
                                                 const char     *id,
                                                 gint64          revision,
                                                 KesRecordState  state);
const char     *kes_care_record_get_patient_id  (KesCareRecord  *self);
void            kes_care_record_set_patient_id  (KesCareRecord  *self,
                                                 const char     *patient_id);
const char     *kes_care_record_get_author_name (KesCareRecord  *self);
const char     *kes_care_record_get_updated_at  (KesCareRecord  *self);
void            kes_care_record_set_written     (KesCareRecord  *self,
                                                 const char     *author_name,
                                                 const char     *updated_at);

/* "" when unset; a bool reads "true" or "". Unknown keys are a programming error. */
const char     *kes_care_record_get             (KesCareRecord  *self,
                                                 const char     *key);
void            kes_care_record_set             (KesCareRecord  *self,
                                                 const char     *key,
                                                 const char     *value);
gboolean        kes_care_record_get_bool        (KesCareRecord  *self,
                                                 const char     *key);
void            kes_care_record_set_bool        (KesCareRecord  *self,
                                                 const char     *key,
                                                 gboolean        value);
/* FALSE when unset or not a number. */
gboolean        kes_care_record_get_number      (KesCareRecord  *self,
                                                 const char     *key,
                                                 double         *value);

/* Normalises (trims text, dates to YYYY-MM-DD, numbers to plain decimals)
 * and returns a KesIssue for every problem, naming the field. Rules across
 * fields (a depot given needs dose, site, batch and who gave it; a stopped
 * prescription needs a reason…) are here too. @today: dates after it are
 * refused where the event must have happened. */
GPtrArray      *kes_care_record_validate        (KesCareRecord  *self,
                                                 const GDate    *today);

char           *kes_care_record_to_json         (KesCareRecord  *self);
gboolean        kes_care_record_load_json       (KesCareRecord  *self,
                                                 const char     *json,
                                                 GError        **error);

G_END_DECLS
