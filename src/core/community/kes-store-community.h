/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-care-record.h"
#include "kes-clozapine.h"
#include "kes-lithium.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Care in the community records (see kes-care-record.h) in the store. */

/* Validates and normalises @record against today's date, checks the patient
 * is active and the user may edit clinical records, then writes a revision:
 * a new record when it has no id. A stale revision is KES_ERROR_CONFLICT.
 * A depot dose must belong to one of the patient's depot prescriptions.
 * On failure @record keeps what was typed. */
gboolean       kes_store_save_care_record   (KesStore       *self,
                                             KesCareRecord  *record,
                                             KesChangeKind   change,
                                             const char     *reason,
                                             GError        **error);
/* A patient's records of one kind, newest first (by the kind's date). */
GListModel    *kes_store_list_care_records  (KesStore       *self,
                                             const char     *patient_id,
                                             const char     *kind,
                                             gboolean        include_errors,
                                             GError        **error);
KesCareRecord *kes_store_load_care_record   (KesStore       *self,
                                             const char     *record_id,
                                             GError        **error);
/* Records that @plan (a crisis plan, at the revision it was loaded with)
 * was sent today to @shared_with by @method (a share-method code), as the
 * signed-in user, with an optional @note: a "crisis-plan-share" record, so
 * the care plan tab and the history say who had which version, when and
 * from whom. Refused (KES_ERROR_CONFLICT) when the plan has changed since
 * it was loaded, and like any care record when a value is missing. */
KesCareRecord *kes_store_share_crisis_plan  (KesStore       *self,
                                             KesCareRecord  *plan,
                                             const char     *shared_with,
                                             const char     *method,
                                             const char     *note,
                                             GError        **error);
/* Marks @record (at the revision it was loaded with) entered in error with
 * @reason, after checking the user may edit the patient's clinical record.
 * It stays in the history; lists and Today no longer count it. */
gboolean       kes_store_mark_care_record_entered_in_error (KesStore      *self,
                                                            KesCareRecord *record,
                                                            const char    *reason,
                                                            GError       **error);
/* Alerts for the record header, most serious first: a red clozapine result
 * while clozapine is still prescribed or the counts are still red, a toxic
 * lithium level (both also urgent on Today), and a standing record that
 * clozapine must not be re-challenged; an empty array when there are none. */
GPtrArray     *kes_store_list_care_alerts   (KesStore       *self,
                                             const char     *patient_id,
                                             GError        **error);

/* Kestrel's own light for the blood result @fbc, under the thresholds in
 * force for its patient on its date (standard, or BEN when a clinician chose
 * them), with the set in @thresholds when not NULL. The monitoring service's
 * colour, when recorded, is beside it in the record ("service_light"). */
KesFbcLight    kes_store_fbc_light          (KesStore       *self,
                                             KesCareRecord  *fbc,
                                             KesFbcThresholds *thresholds);
/* The lithium target range in force for @patient_id on @on_iso (standard
 * unless a clinician set the higher range). */
KesLithiumTarget kes_store_lithium_target   (KesStore       *self,
                                             const char     *patient_id,
                                             const char     *on_iso);
/* The depot drug code of prescription @prescription_id, or NULL. */
char          *kes_store_depot_drug_of      (KesStore       *self,
                                             const char     *prescription_id);
/* What the patient's clozapine, lithium and antipsychotic monitoring asks
 * for next, due or not yet (KesMonitoringItem*, kes-monitoring.h), for the
 * record's medication tab; every course counts. */
GPtrArray     *kes_store_list_monitoring    (KesStore       *self,
                                             const char     *patient_id,
                                             const GDate    *today,
                                             GError        **error);
/* The patient's current setting of @kind (KES_CARE_CLOZAPINE_MONITORING,
 * KES_CARE_LITHIUM_PLAN): the active record decided most recently on or
 * before @today; NULL with no error when there is none. */
KesCareRecord *kes_store_current_care_setting (KesStore      *self,
                                               const char    *patient_id,
                                               const char    *kind,
                                               const GDate   *today,
                                               GError       **error);
/* The record that clozapine must not be re-challenged, standing on @today
 * (decided, not lifted); NULL with no error when there is none. */
KesCareRecord *kes_store_clozapine_no_rechallenge (KesStore    *self,
                                                   const char  *patient_id,
                                                   const GDate *today,
                                                   GError     **error);

G_END_DECLS
