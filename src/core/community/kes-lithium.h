/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "kes-monitoring.h"

G_BEGIN_DECLS

/* Lithium monitoring: levels against the patient's target range, the
 * schedule of levels, and the kidney, thyroid, calcium and weight checks.
 * Values from data/rules/medication.ini ([lithium-*]), each with its source. */

typedef enum
{
  KES_LITHIUM_BELOW,
  KES_LITHIUM_IN_RANGE,
  KES_LITHIUM_ABOVE,
  KES_LITHIUM_TOXIC,
} KesLithiumBand;

/* The target range a clinician sets for the patient (default: standard). */
typedef enum
{
  KES_LITHIUM_TARGET_STANDARD, /* 0.6–0.8 */
  KES_LITHIUM_TARGET_HIGHER,   /* 0.8–1.0, with a reason */
} KesLithiumTarget;

gboolean        kes_lithium_target_parse      (const char       *text,
                                               KesLithiumTarget *target);
const char     *kes_lithium_target_to_string  (KesLithiumTarget  target);
void            kes_lithium_range             (KesLithiumTarget  target,
                                               double           *low,
                                               double           *high);
double          kes_lithium_toxic_level       (void);
/* The band of @level (mmol/L) for a patient kept in @target. */
KesLithiumBand  kes_lithium_band              (KesLithiumTarget  target,
                                               double            level);
const char     *kes_lithium_band_label        (KesLithiumBand    band);
/* What to do about a toxic level, as the sources say it. */
const char     *kes_lithium_toxic_action      (void);
guint           kes_lithium_soon_days         (void);

/* The checks due every few months while on lithium. */
typedef enum
{
  KES_LITHIUM_CHECK_EGFR,
  KES_LITHIUM_CHECK_UE,
  KES_LITHIUM_CHECK_CALCIUM,
  KES_LITHIUM_CHECK_THYROID,
  KES_LITHIUM_CHECK_WEIGHT,
  KES_N_LITHIUM_CHECKS,
} KesLithiumCheck;

/* The due item's kind: "lithium-egfr", "lithium-ue", … */
const char     *kes_lithium_check_kind        (KesLithiumCheck   check);
const char     *kes_lithium_check_label       (KesLithiumCheck   check);

/* A plasma level. */
typedef struct
{
  GDate  *taken;
  double  level;
} KesLithiumLevel;

void            kes_lithium_level_clear       (KesLithiumLevel  *level);

/* What puts a patient in the higher-risk groups that need levels every 3
 * months after the first year (besides age and the last level). */
typedef struct
{
  KesLithiumTarget  target;
  gboolean          interacting_drugs;
  gboolean          renal_thyroid_calcium_risk;
  gboolean          poor_control_or_adherence;
  GDate            *birth;                   /* NULL when not recorded */
} KesLithiumPlan;

/* TRUE when the patient is in a group that needs levels every 3 months:
 * aged older-age-years or more on @on, a flag set on @plan, or @last_level
 * at least last-level-at-least. */
gboolean        kes_lithium_higher_risk       (const KesLithiumPlan *plan,
                                               double            last_level,
                                               const GDate      *on);

/* What the patient's lithium monitoring asks for next, from every course
 * (@courses, KesCourse*, sorted in place), every active level (@levels,
 * KesLithiumLevel, oldest first) and the last date each check was done
 * (@last_checks[KES_N_LITHIUM_CHECKS], NULL entries for none): a level and
 * each check while lithium is prescribed. A toxic latest level is an urgent
 * item due on @today, whether or not lithium has been stopped, until a
 * later level below the toxic threshold. KesMonitoringItem*, never NULL. */
GPtrArray      *kes_lithium_monitoring        (GPtrArray        *courses,
                                               GArray           *levels,
                                               const KesLithiumPlan *plan,
                                               GDate * const    *last_checks,
                                               const GDate      *today);

G_END_DECLS
