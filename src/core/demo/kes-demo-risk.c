/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-demo-risk"

#include "config.h"

#include "kes-clock.h"
#include "kes-demo-private.h"
#include "kes-risk-assessment.h"
#include "kes-store-risk.h"
#include "kes-tool-assessment.h"
#include "kes-tool-library.h"
#include "kes-validate.h"

/* Demo risk assessments: a few of the demo clinician's own caseload have a
 * signed-off HCR-20 (version 3) with every item rated, the clinician's own
 * formulation and summary judgements, written as a clinician writes them:
 * each judgement is the clinician's, typed in, never worked out from the
 * items. Completed through the tool's completion rules and signed off with
 * the demo clinician's password, like a clinician's sign-off, so a demo
 * database holds nothing its forms would refuse (and its export imports).
 * Every value is invented. */

#define DEMO_RISK_ASSESSMENTS 4

typedef struct
{
  const char *prioritisation; /* L, M, H: the clinician's judgement */
  const char *serious_harm;
  const char *imminent_violence;
  const char *formulation;
} Judgement;

static const Judgement judgements[] = {
  { "M", "L", "L",
    "Violence in the past has followed stopping medication and drinking when his housing was at risk. "
    "Settled on depot, in supported accommodation, with his mother visiting weekly (demo)." },
  { "L", "L", "L",
    "The index offence happened during a first episode of psychosis, untreated. Insight is good and he "
    "asks for help early; no violence in six years in the community (demo)." },
  { "H", "M", "L",
    "Threats have escalated when she believed neighbours were watching her. Cannabis use returned last "
    "month; she has missed two appointments. Plan: weekly visits, review in four weeks (demo)." },
  { "M", "M", "L",
    "Grievance-driven anger towards his former employer; the conditions keep him away from the area. "
    "Protective: his work placement and his brother's support (demo)." },
};

/* Rates every slot that applies, varied from patient to patient: the
 * first two points of each scale (for HCR-20: "No" or "Partially present",
 * then low or moderate relevance where it applies). */
static void
rate_items (KesToolDefinition *definition,
            KesRiskAssessment *risk,
            guint              seed)
{
  GPtrArray *items = kes_tool_definition_get_all_items (definition);

  for (guint i = 0; i < items->len; i++)
    {
      const KesToolItem *item = g_ptr_array_index (items, i);

      for (guint j = 0; j < item->ratings->len; j++)
        {
          const KesToolRating *rating = g_ptr_array_index (item->ratings, j);
          const KesToolPoint *point = g_ptr_array_index (rating->scale->points,
                                                         (i * 7 + j + seed) % 3 == 0 ? 1 : 0);

          if (kes_tool_rating_applies (item, rating, risk))
            kes_risk_assessment_set_rating (risk, item->code, rating->name, point->code);
        }
    }
}

gboolean
kes_demo_add_risk (KesStore    *store,
                   KesStaff    *clinician,
                   const char  *password,
                   GError     **error)
{
  g_autoptr(GPtrArray) patients = kes_demo_patients (store, TRUE, kes_staff_get_id (clinician),
                                                    DEMO_RISK_ASSESSMENTS, error);
  g_autoptr(KesToolDefinition) definition = NULL;

  if (patients == NULL)
    return FALSE;
  definition = kes_tool_library_find (store, "HCR-20", "3", 1, error);
  if (definition == NULL)
    return FALSE;
  for (guint i = 0; i < patients->len; i++)
    {
      const Judgement *judgement = &judgements[i % G_N_ELEMENTS (judgements)];
      g_autoptr(KesRiskAssessment) risk = kes_risk_assessment_new (patients->pdata[i], "HCR-20", "3", 1);
      g_autofree char *assessed = kes_demo_days_from_today (-20 - 30 * (int) i);
      g_autofree char *review = kes_demo_days_from_today (150 - 30 * (int) i);

      kes_risk_assessment_set_assessed_on (risk, assessed);
      kes_risk_assessment_set_completed_by (risk, kes_staff_get_display_name (clinician));
      kes_risk_assessment_set_mdt_reviewed_on (risk, assessed);
      kes_risk_assessment_set_next_review_on (risk, review);
      kes_risk_assessment_set_field (risk, "case_prioritisation", judgement->prioritisation);
      kes_risk_assessment_set_field (risk, "serious_harm", judgement->serious_harm);
      kes_risk_assessment_set_field (risk, "imminent_violence", judgement->imminent_violence);
      kes_risk_assessment_set_field (risk, "other_risks", "No");
      kes_risk_assessment_set_field (risk, "formulation", judgement->formulation);
      rate_items (definition, risk, i);
      if (!kes_tool_assessment_complete (store, definition, risk, NULL, password, error))
        return FALSE;
    }
  return TRUE;
}
