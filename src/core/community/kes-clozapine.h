/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "kes-monitoring.h"

G_BEGIN_DECLS

/* Clozapine blood monitoring: traffic lights, the schedule and what is due.
 * Values from data/rules/medication.ini ([clozapine-*]), each block with
 * its source. */

typedef enum
{
  KES_FBC_GREEN,
  KES_FBC_AMBER,
  KES_FBC_RED,
} KesFbcLight;

/* The set of thresholds a patient is monitored against, chosen and signed
 * by a clinician (the patient's clozapine monitoring record). */
typedef enum
{
  KES_FBC_THRESHOLDS_STANDARD,
  KES_FBC_THRESHOLDS_BEN,
} KesFbcThresholds;

typedef enum
{
  KES_CLOZAPINE_WEEKLY,
  KES_CLOZAPINE_FORTNIGHTLY,
  KES_CLOZAPINE_FOUR_WEEKLY,
} KesClozapinePhase;

/* Traffic light for a white cell count and a neutrophil count (10^9/L). */
KesFbcLight  kes_fbc_traffic_light             (KesFbcThresholds  thresholds,
                                                double            wbc,
                                                double            neutrophils);
/* The more cautious of two lights. */
KesFbcLight  kes_fbc_light_worse               (KesFbcLight       a,
                                                KesFbcLight       b);
const char  *kes_fbc_light_to_string           (KesFbcLight       light);
gboolean     kes_fbc_light_parse               (const char       *text,
                                                KesFbcLight      *light);
const char  *kes_fbc_light_label               (KesFbcLight       light);
/* What to do now, in plain words, as the SmPC says it. */
const char  *kes_fbc_light_action              (KesFbcLight       light);

/* "standard", "ben"; FALSE for anything else. */
gboolean     kes_fbc_thresholds_parse          (const char       *text,
                                                KesFbcThresholds *thresholds);
const char  *kes_fbc_thresholds_to_string      (KesFbcThresholds  thresholds);
/* The id of the rule block the set comes from ("medication:clozapine-thresholds-ben"). */
const char  *kes_fbc_thresholds_source_id      (KesFbcThresholds  thresholds);

/* Monitoring phase on @on for a schedule started on @start (whole weeks). */
KesClozapinePhase kes_clozapine_phase          (const GDate      *start,
                                                const GDate      *on);
guint        kes_clozapine_phase_interval_days (KesClozapinePhase phase);
const char  *kes_clozapine_phase_label         (KesClozapinePhase phase);

/* Breaks in treatment, in hours. */
gboolean     kes_clozapine_break_needs_retitration (double        break_hours);
gboolean     kes_clozapine_break_weekly_again      (double        break_hours);
gboolean     kes_clozapine_break_restarts_schedule (double        break_hours);
double       kes_clozapine_retitrate_hours          (void);
double       kes_clozapine_weekly_again_hours       (void);
guint        kes_clozapine_weekly_again_weeks       (void);
guint        kes_clozapine_restart_schedule_days    (void);
guint        kes_clozapine_after_stop_weeks         (void);
guint        kes_clozapine_soon_days                (void);

/* One blood result as monitoring sees it. */
typedef struct
{
  GDate            *taken;
  double            wbc;
  double            neutrophils;
  KesFbcThresholds  thresholds;    /* the set in force on that date */
  int               service_light; /* KesFbcLight the monitoring service gave, or -1 */
} KesFbcResult;

void         kes_fbc_result_clear              (KesFbcResult     *result);
/* Kestrel's light under the result's thresholds, or the service's when
 * that is the more cautious. */
KesFbcLight  kes_fbc_result_light              (const KesFbcResult *result);
/* TRUE when the service's colour was recorded and differs from Kestrel's. */
gboolean     kes_fbc_result_disagrees          (const KesFbcResult *result);

/* What the patient's clozapine monitoring asks for next, from every course
 * (@courses, KesCourse*, any order: sorted in place) and every active
 * result (@results, KesFbcResult, oldest first). NULL when nothing is asked
 * for: no course, or treatment stopped with a test dated after-stop-weeks
 * or more after the stop and the counts green. An urgent item
 * (a red result while clozapine is still prescribed, or counts still red)
 * is due on @today. @no_rechallenge: the patient is recorded as not to be
 * re-challenged (said in the detail). */
KesMonitoringItem *kes_clozapine_monitoring    (GPtrArray        *courses,
                                                GArray           *results,
                                                gboolean          no_rechallenge,
                                                const GDate      *today);

G_END_DECLS
