/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kes-types.h"
#include "kes-validate.h"

G_BEGIN_DECLS

/* Restricted patients (domain/reference.md §1, §8): legal status history,
 * index offences, conditions of discharge, change-of-address notices, late
 * notices to MHCS, change-of-conditions applications and Ministry of Justice
 * reports. Each is a revisioned record whose content is a flat JSON object
 * described by a field table, so forms, validation and exports share one
 * description. */
typedef enum
{
  KES_MOJ_LEGAL_STATUS,
  KES_MOJ_INDEX_OFFENCE,
  KES_MOJ_CONDITION,
  KES_MOJ_ADDRESS_NOTICE,
  KES_MOJ_LATE_NOTICE,
  KES_MOJ_CONDITIONS_APPLICATION,
  KES_MOJ_REPORT,
  KES_MOJ_INCIDENT,   /* an incident or recall, linked to its urgent report (issue 21) */
  KES_MOJ_N_KINDS
} KesMojKind;

typedef enum
{
  KES_MOJ_FIELD_TEXT,
  KES_MOJ_FIELD_LONG_TEXT,
  KES_MOJ_FIELD_DATE,
  KES_MOJ_FIELD_CODE,   /* a value of the field's code list */
  KES_MOJ_FIELD_BOOL,   /* "yes" or "" */
} KesMojFieldType;

typedef struct
{
  const char      *key;       /* JSON key, e.g. "conditional_discharge_date" */
  const char      *label;     /* N_() label; translate with _() */
  KesMojFieldType  type;
  const char      *code_list; /* for KES_MOJ_FIELD_CODE */
  gboolean         required;
} KesMojField;

/* "legal-status", "index-offence", "discharge-condition", "address-notice",
 * "moj-late-notice", "conditions-application", "moj-report", "moj-incident": the record kind
 * in the store. */
const char        *kes_moj_kind_to_string   (KesMojKind   kind);
gboolean           kes_moj_kind_from_string (const char  *text,
                                             KesMojKind  *kind);
/* Translated, e.g. "Legal status". */
const char        *kes_moj_kind_label       (KesMojKind   kind);
/* The fields of a kind, in form order (none for reports, whose fields come
 * from their template). */
const KesMojField *kes_moj_kind_fields      (KesMojKind   kind,
                                             guint       *n_fields);
/* The key a list of this kind is ordered by (newest first). */
const char        *kes_moj_kind_sort_key    (KesMojKind   kind);

#define KES_CODES_DISCHARGE_CONDITION "discharge-condition"
#define KES_CODES_URGENT_TRIGGER      "moj-urgent-trigger"
#define KES_CODES_SUBMISSION_METHOD   "moj-submission-method"

/* The legal status code "Not known" (MHSDS 99): a legal status record made
 * from something that names no section holds it until someone records it. */
#define KES_LEGAL_STATUS_NOT_KNOWN "99"

/* ---- One record ---- */
#define KES_TYPE_MOJ_RECORD (kes_moj_record_get_type ())
G_DECLARE_FINAL_TYPE (KesMojRecord, kes_moj_record, KES, MOJ_RECORD, GObject)

KesMojRecord   *kes_moj_record_new          (KesMojKind      kind,
                                             const char     *patient_id);
KesMojRecord   *kes_moj_record_copy         (KesMojRecord   *self);
KesMojKind      kes_moj_record_get_kind     (KesMojRecord   *self);
const char     *kes_moj_record_get_id       (KesMojRecord   *self);
gint64          kes_moj_record_get_revision (KesMojRecord   *self);
KesRecordState  kes_moj_record_get_state    (KesMojRecord   *self);
void            kes_moj_record_set_identity (KesMojRecord   *self,
                                             const char     *id,
                                             gint64          revision,
                                             KesRecordState  state);
const char     *kes_moj_record_get_patient_id (KesMojRecord *self);

/* Top-level text members; "" when absent. */
const char     *kes_moj_record_get_text     (KesMojRecord   *self,
                                             const char     *key);
void            kes_moj_record_set_text     (KesMojRecord   *self,
                                             const char     *key,
                                             const char     *value);
gboolean        kes_moj_record_get_bool     (KesMojRecord   *self,
                                             const char     *key);
void            kes_moj_record_set_bool     (KesMojRecord   *self,
                                             const char     *key,
                                             gboolean        value);
/* The display form of a field's value: code labels, en-GB dates, Yes. */
char           *kes_moj_record_dup_display  (KesMojRecord   *self,
                                             const KesMojField *field);

/* Problems with the record as it stands, naming each field in plain words. */
GPtrArray      *kes_moj_record_validate     (KesMojRecord   *self);
/* Rewrites dates typed as DD/MM/YYYY to ISO once valid. */
gboolean        kes_moj_record_normalise    (KesMojRecord   *self,
                                             GError        **error);

char           *kes_moj_record_to_json      (KesMojRecord   *self);
gboolean        kes_moj_record_load_json    (KesMojRecord   *self,
                                             const char     *json,
                                             GError        **error);

/* For kes-moj-report.c: the content object itself (owned by @self). */
gpointer        kes_moj_record_peek_object  (KesMojRecord   *self);

/* Every record value a report template may prefill a field from
 * ("patient.name", "contacts.count" …), NULL-terminated: the keys of
 * kes_store_moj_prefill_values, plus "risk.latest" (the latest signed-off
 * structured risk assessment, which needs its tool definition to be read)
 * and "conditions.in_force" (the rows of a compliance table), which the
 * report layer fills. */
const char * const *kes_moj_prefill_sources (void);

/* ---- Legal status rules ---- */
/* The patient is conditionally discharged and in the community: a
 * conditional discharge date, no later recall, no absolute discharge. */
gboolean        kes_legal_status_is_conditionally_discharged (KesMojRecord *status);
/* One line for the record header: "Section 37 with section 41 restrictions ·
 * conditionally discharged 3 Feb 2026". */
char           *kes_legal_status_dup_summary (KesMojRecord *status);
/* The header's line: the summary, then MAPPA when recorded ("… · MAPPA
 * category 2, level 1"). */
char           *kes_legal_status_dup_header  (KesMojRecord *status);

G_END_DECLS
