/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-due.h"
#include "kes-moj-report.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Store access for restricted-patient records (kes-store-moj.c). Reading
 * needs view-clinical, writing edit-clinical, for the patient's team. */

/* Validates (dates, codes, required fields; reports through
 * kes_moj_report_validate) and writes a revision. On a failed validation
 * the record keeps what was typed. */
gboolean      kes_store_save_moj_record      (KesStore       *self,
                                              KesMojRecord   *record,
                                              KesChangeKind   change,
                                              const char     *reason,
                                              GError        **error);
KesMojRecord *kes_store_load_moj_record      (KesStore       *self,
                                              const char     *record_id,
                                              GError        **error);
/* GListModel of KesMojRecord of @kind, newest first by the kind's sort key. */
GListModel   *kes_store_list_moj_records     (KesStore       *self,
                                              const char     *patient_id,
                                              KesMojKind      kind,
                                              gboolean        include_errors,
                                              GError        **error);
/* The legal status in force: the active record with the latest "in force
 * from" date. NULL without an error when none is recorded. */
KesMojRecord *kes_store_current_legal_status (KesStore       *self,
                                              const char     *patient_id,
                                              GError        **error);

/* The report period for a new report on @today: from the day after the last
 * submitted report's period (or the conditional discharge) to @today. */
gboolean      kes_store_moj_report_period    (KesStore       *self,
                                              const char     *patient_id,
                                              const GDate    *today,
                                              char          **from,
                                              char          **to,
                                              GError        **error);
/* The next routine due date for the patient, or NULL when none is owed
 * (not conditionally discharged). */
char         *kes_store_moj_next_due         (KesStore       *self,
                                              const char     *patient_id,
                                              GError        **error);
/* Every prefill source a report template may name ("patient.name",
 * "contacts.count" …) with its value from the record, for @patient_id over
 * [@from, @to]. */
GHashTable   *kes_store_moj_prefill_values   (KesStore       *self,
                                              const char     *patient_id,
                                              const char     *from,
                                              const char     *to,
                                              GError        **error);

/* Marks a part ready for review (or back to draft) and saves. */
gboolean      kes_store_set_moj_part_ready   (KesStore       *self,
                                              KesMojRecord   *report,
                                              const char     *part_id,
                                              gboolean        ready,
                                              GError        **error);
/* Signs a part as the signed-in user, who must be the supervisor the part
 * names (social supervisor or responsible clinician on the register) and
 * types their @password again (kes_store_confirm_password). */
gboolean      kes_store_sign_moj_report_part (KesStore       *self,
                                              KesMojRecord   *report,
                                              const char     *part_id,
                                              const char     *password,
                                              GError        **error);
/* Refused unless every part is signed and unaltered. */
gboolean      kes_store_submit_moj_report    (KesStore       *self,
                                              KesMojRecord   *report,
                                              const char     *date,
                                              const char     *method,
                                              const char     *reference,
                                              GError        **error);

/* Today: routine reports due in the warning window, due today or overdue;
 * unsubmitted urgent reports at the top; change-of-address notices. */
gboolean      kes_store_moj_due_items        (KesStore       *self,
                                              const GDate    *today,
                                              const char     *team_id,
                                              GPtrArray      *items,
                                              GError        **error);

/* After importing a case record: a register that still holds the legal
 * status, MHCS reference or MAPPA (an export from before migration 0017)
 * has them moved into the legal status record, and separate index offence
 * records folded into it, as migration 0017 did for databases, with
 * reasons that say so, authored by the "Kestrel database update". */
gboolean      kes_store_settle_imported_legal_status (KesStore    *self,
                                                      const char  *patient_id,
                                                      GError     **error);

G_END_DECLS
