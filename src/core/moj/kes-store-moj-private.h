/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store-moj.h"
#include "kes-store-private.h"

G_BEGIN_DECLS

/* What a save writes for @record (a validated, normalised copy and its JSON
 * in @json), or NULL with the problems as an error; nothing is read from
 * the store. Pure: callable from any thread. */
KesMojRecord *kes_store_moj_prepare        (KesMojRecord  *record,
                                            char         **json,
                                            GError       **error);
/* Writes the projection row of a record whose revision was just written. */
gboolean      kes_store_project_moj_record (KesStore      *self,
                                            KesMojRecord  *record,
                                            const char    *json,
                                            GError       **error);

/* kes_store_save_moj_record() without its permission and patient checks,
 * for core code that has made them (or runs as a database update). */
gboolean      kes_store_write_moj_record   (KesStore       *self,
                                            KesMojRecord   *record,
                                            KesChangeKind   change,
                                            const char     *reason,
                                            GError        **error);

/* What another record (a referral, a screening, the register before
 * migration 0017) says of a patient's legal status. NULL or empty members,
 * and an authority of "not known", say nothing. */
typedef struct
{
  const char *authority;
  const char *mhcs_reference;
  const char *mappa_category;
  const char *mappa_level;
  const char *index_offences;
} KesLegalFacts;

/* Adds "Label: value" (codes as words) to @lines for each member @facts gives. */
void       kes_legal_facts_describe (const KesLegalFacts *facts,
                                     GPtrArray           *lines);

/* How kes_store_merge_legal_status() treats a member the current record
 * already holds with another value. */
typedef enum
{
  KES_LEGAL_MERGE_REPLACE,  /* a person changed it just now: theirs stands */
  KES_LEGAL_MERGE_FILL,     /* only empty members are filled; the record's stand */
} KesLegalMerge;

/* Brings @facts into the patient's current legal status record as a new
 * revision with @reason, or into a new record when there is none (an
 * authority of "not known" when @facts gives none). Nothing is written when
 * nothing differs. No permission check: callers have made it. Members kept
 * because of KES_LEGAL_MERGE_FILL are added to @conflicts (char*, "Label:
 * given value") when it is not NULL. Runs in a savepoint. */
gboolean   kes_store_merge_legal_status (KesStore            *self,
                                         const char          *patient_id,
                                         const KesLegalFacts *facts,
                                         KesLegalMerge        merge,
                                         const char          *reason,
                                         GPtrArray           *conflicts,
                                         GError             **error);

/* What a referral just saved says of its patient's legal status and index
 * offence, brought into the legal status record: only the values this
 * save set or changed, a person's latest word (KES_LEGAL_MERGE_REPLACE). */
gboolean   kes_store_legal_status_from_referral (KesStore     *self,
                                                 KesReferral  *referral,
                                                 GError      **error);

/* Every record of @kind for a patient (KesMojRecord), newest first, without
 * permission checks or audit: for core's own rules (Today, schedules). */
GPtrArray *kes_store_moj_query (KesStore    *self,
                                const char  *patient_id,
                                KesMojKind   kind,
                                gboolean     include_errors,
                                GError     **error);

/* The record in a row whose first columns are: id, patient_id, kind, data,
 * revision, state. */
KesMojRecord *kes_store_moj_record_from_row (KesDbStmt     *stmt,
                                             GError       **error);

G_END_DECLS
