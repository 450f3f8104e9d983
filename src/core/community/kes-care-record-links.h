/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-care-record.h"
#include "kes-clozapine.h"

G_BEGIN_DECLS

/* A care record's rules against another record, given what that record
 * says (kes-care-record-links.c): the same on a save and on an import. */

/* A dose names one of its patient's depot prescriptions: @patient_id,
 * @category and @drug are the prescription's (NULL @patient_id: no such
 * prescription in force). A dose given with less observation than the SmPC
 * asks for the drug needs a note. */
gboolean kes_depot_dose_check_prescription (KesCareRecord     *dose,
                                            const char        *patient_id,
                                            const char        *category,
                                            const char        *drug,
                                            GError           **error);
/* Refuses @dose as a second injection of its depot given the same day. */
gboolean kes_depot_dose_refuse_second      (KesCareRecord     *dose,
                                            GError           **error);
/* A sharing names one of the patient's crisis plans at a revision it has
 * had: @plan_revisions, the plan's revisions then (0: not the patient's
 * crisis plan in force). */
gboolean kes_crisis_plan_share_check       (KesCareRecord     *share,
                                            gint64             plan_revisions,
                                            GError           **error);
/* A clozapine course starting while a not-to-be-re-challenged record
 * stands (since @standing_since, or NULL) needs a clinician's reason;
 * *@overridden says one was used. */
gboolean kes_clozapine_course_check        (KesCareRecord     *prescription,
                                            const char        *standing_since,
                                            gboolean          *overridden,
                                            GError           **error);
/* A blood result for a patient on BEN thresholds on the day it was taken
 * needs the monitoring service's colour. */
gboolean kes_fbc_check_service_light       (KesCareRecord     *fbc,
                                            KesFbcThresholds   thresholds,
                                            GError           **error);

G_END_DECLS
