/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-moj.h"

G_BEGIN_DECLS

/* A Ministry of Justice report is a KesMojRecord of kind KES_MOJ_REPORT,
 * pinned to the template id + version it was written on. Its values are
 * keyed by the template's field ids, which start with their part ("A.name",
 * "C.insight"), so each part can be signed on its own: signing stores a
 * SHA-256 digest of the part's content, and a later change to that content
 * shows as altered after signing. Core knows parts and signers, not the
 * template's layout (src/documents reads that). */
typedef enum
{
  KES_MOJ_PART_DRAFT,
  KES_MOJ_PART_READY,    /* ready for review */
  KES_MOJ_PART_SIGNED,
  KES_MOJ_PART_ALTERED,  /* signed, then changed: the signature no longer holds */
} KesMojPartState;

#define KES_MOJ_REPORT_ROUTINE "routine"
#define KES_MOJ_REPORT_URGENT  "urgent"

/* Who signs a part: the patient's social supervisor or clinical supervisor
 * (the responsible clinician) as named on the register. */
#define KES_MOJ_SIGNER_SOCIAL   "social-supervisor"
#define KES_MOJ_SIGNER_CLINICAL "clinical-supervisor"

KesMojRecord   *kes_moj_report_new              (const char    *patient_id,
                                                 const char    *template_id,
                                                 const char    *template_version,
                                                 const char    *report_type,
                                                 const char    *due_date);
/* Parts in template order; @signer_role is one of KES_MOJ_SIGNER_*. */
void            kes_moj_report_add_part         (KesMojRecord  *report,
                                                 const char    *part_id,
                                                 const char    *signer_role);
GStrv           kes_moj_report_dup_part_ids     (KesMojRecord  *report);
const char     *kes_moj_report_get_signer_role  (KesMojRecord  *report,
                                                 const char    *part_id);
gboolean        kes_moj_report_is_urgent        (KesMojRecord  *report);

/* Values: "" when absent. A prefilled value is marked; editing it to
 * something else clears the mark (it is then the writer's own). */
const char     *kes_moj_report_get_value        (KesMojRecord  *report,
                                                 const char    *field_id);
gboolean        kes_moj_report_is_prefilled     (KesMojRecord  *report,
                                                 const char    *field_id);
void            kes_moj_report_set_value        (KesMojRecord  *report,
                                                 const char    *field_id,
                                                 const char    *value);
void            kes_moj_report_prefill_value    (KesMojRecord  *report,
                                                 const char    *field_id,
                                                 const char    *value);

/* SHA-256 (hex) of the template id and version and every value of the part. */
char           *kes_moj_report_part_digest      (KesMojRecord  *report,
                                                 const char    *part_id);
KesMojPartState kes_moj_report_get_part_state   (KesMojRecord  *report,
                                                 const char    *part_id);
const char     *kes_moj_part_state_label        (KesMojPartState state);
/* Signer's name and time (ISO) of a signed part, "" otherwise. */
const char     *kes_moj_report_get_signer_name  (KesMojRecord  *report,
                                                 const char    *part_id);
const char     *kes_moj_report_get_signed_at    (KesMojRecord  *report,
                                                 const char    *part_id);

/* Draft → ready for review; an altered part goes back to ready and loses
 * its signature. @ready FALSE returns a ready part to draft. */
/* An urgent report says what happened ("trigger_what"), when
 * ("trigger_when", a date not in the future) and what has been done
 * ("trigger_action") before Part A is ready; TRUE for a routine report. */
gboolean        kes_moj_report_check_trigger    (KesMojRecord  *report,
                                                 GError       **error);
/* What stops @part_id being marked ready, each issue keyed by the field it
 * is about: the trigger (Part A of an urgent report) and every condition of
 * the part's compliance tables rated, with evidence. Empty when ready. */
GPtrArray      *kes_moj_report_part_ready_issues (KesMojRecord *report,
                                                  const char   *part_id);
gboolean        kes_moj_report_set_part_ready   (KesMojRecord  *report,
                                                 const char    *part_id,
                                                 gboolean       ready,
                                                 GError       **error);
/* Ready → signed. Who may sign is checked by the store
 * (kes_store_sign_moj_report_part); this records the signature. */
gboolean        kes_moj_report_sign_part        (KesMojRecord  *report,
                                                 const char    *part_id,
                                                 const char    *staff_id,
                                                 const char    *signer_name,
                                                 const char    *signed_at,
                                                 GError       **error);
/* Every part signed and unaltered, or an error naming the first that is not. */
gboolean        kes_moj_report_check_complete   (KesMojRecord  *report,
                                                 GError       **error);
gboolean        kes_moj_report_is_submitted     (KesMojRecord  *report);
/* Records the submission after kes_moj_report_check_complete; @date
 * YYYY-MM-DD, @method a KES_CODES_SUBMISSION_METHOD code. */
gboolean        kes_moj_report_submit           (KesMojRecord  *report,
                                                 const char    *date,
                                                 const char    *method,
                                                 const char    *reference,
                                                 GError       **error);
/* ---- Compliance with each condition of discharge ----
 * A compliance table belongs to a part (its id starts with the part and a
 * dot, e.g. "B.compliance") and holds one row for each condition of
 * discharge in force during the report period, fixed when the report is
 * started. A row is three values, "<table>.<condition id>.condition" (the
 * condition as worded then, prefilled), "….rating" (a code of the
 * template's rating scale) and "….evidence", so they are signed, digested
 * and exported with their part like any other value. */
#define KES_MOJ_COMPLIANCE_CONDITION "condition"
#define KES_MOJ_COMPLIANCE_RATING    "rating"
#define KES_MOJ_COMPLIANCE_EVIDENCE  "evidence"

/* A condition of discharge (KesMojRecord of kind KES_MOJ_CONDITION) that
 * was in force at some time from @from to @to (YYYY-MM-DD; @from may be
 * NULL for "since the start"). */
gboolean        kes_moj_condition_in_force_during (KesMojRecord       *condition,
                                                   const char         *from,
                                                   const char         *to);
/* The order MoJ reads conditions in, for g_ptr_array_sort on KesMojRecord
 * pointers: by kind as the discharge-condition code list gives them
 * (residence, treatment, supervision …), then oldest first. */
int             kes_moj_condition_compare         (gconstpointer       a,
                                                   gconstpointer       b);
/* Adds the table with one row for each of @conditions in force during the
 * report period; @rating_codes are the ratings the template allows. */
void            kes_moj_report_add_compliance_table (KesMojRecord       *report,
                                                     const char         *table_id,
                                                     const char * const *rating_codes,
                                                     GPtrArray          *conditions);
GStrv           kes_moj_report_dup_compliance_tables (KesMojRecord      *report);
/* The condition ids of the table's rows: by kind in the order of the
 * discharge-condition code list (residence, treatment …), then oldest first. */
GStrv           kes_moj_report_dup_compliance_rows (KesMojRecord       *report,
                                                    const char         *table_id);
/* The value id of one cell: "B.compliance.<condition id>.rating". */
char           *kes_moj_compliance_key           (const char         *table_id,
                                                  const char         *condition_id,
                                                  const char         *column);
/* Problems with the table's rows: a rating the template does not allow
 * always; with @complete also a row without a rating or without evidence.
 * Each issue names the condition in plain words. */
GPtrArray      *kes_moj_report_check_compliance  (KesMojRecord       *report,
                                                  const char         *table_id,
                                                  gboolean            complete);

/* For the submission log: how many days after its due date a submitted
 * report was sent (0 when in time; urgent reports are never late), and the
 * date (ISO) a late notice for that due date was sent to MHCS, from
 * @late_notices (KesMojRecord of kind KES_MOJ_LATE_NOTICE; those entered in
 * error do not count), or NULL. FALSE when the report is not submitted. */
gboolean        kes_moj_report_submission_timing (KesMojRecord       *report,
                                                  GPtrArray          *late_notices,
                                                  guint              *days_late,
                                                  char              **notice_sent);

/* Problems with the report's own fields (type, due date, urgent trigger). */
GPtrArray      *kes_moj_report_validate         (KesMojRecord  *report);

G_END_DECLS
