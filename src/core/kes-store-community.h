/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-care-record.h"
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
/* Marks @record (at the revision it was loaded with) entered in error with
 * @reason, after checking the user may edit the patient's clinical record.
 * It stays in the history; lists and Today no longer count it. */
gboolean       kes_store_mark_care_record_entered_in_error (KesStore      *self,
                                                            KesCareRecord *record,
                                                            const char    *reason,
                                                            GError       **error);
/* Alerts for the record header, most serious first (a red clozapine
 * result not yet followed by two greens, a toxic lithium level); an empty
 * array when there are none. */
GPtrArray     *kes_store_list_care_alerts   (KesStore       *self,
                                             const char     *patient_id,
                                             GError        **error);

G_END_DECLS
