/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-carers"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-carers.h"
#include "kes-clock.h"
#include "kes-codes.h"

/* ---- Record kinds ---- */

static const KesFieldSpec carer_fields[] = {
  { "name", N_("Name"), KES_FIELD_TEXT, NULL, TRUE, TRUE },
  { "address", N_("Address"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "phone", N_("Phone"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "email", N_("Email"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "preferred_contact", N_("Preferred contact"), KES_FIELD_CODE,
    KES_CODES_CARER_PREFERRED_CONTACT, FALSE, FALSE },
  { "young_carer", N_("Young carer"), KES_FIELD_BOOL, NULL, FALSE, TRUE },
  { "named_contact_id", N_("Named contact in the team"), KES_FIELD_STAFF, NULL, FALSE, TRUE },
  { "notes", N_("Notes"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { NULL }
};
const KesRecordKind kes_carer_kind = { "carer", "carer", FALSE, carer_fields };

static const KesFieldSpec link_fields[] = {
  { "carer_id", N_("Carer"), KES_FIELD_RECORD_ID, NULL, TRUE, TRUE },
  { "relationship", N_("Relationship to the patient"), KES_FIELD_TEXT, NULL, TRUE, TRUE },
  { "main_carer", N_("Main carer"), KES_FIELD_BOOL, NULL, FALSE, FALSE },
  { "ended_on", N_("No longer caring from"), KES_FIELD_DATE, NULL, FALSE, TRUE },
  { NULL }
};
const KesRecordKind kes_carer_link_kind = { "carer-link", "carer_link", TRUE, link_fields };

static const KesFieldSpec consent_fields[] = {
  { "carer_id", N_("Carer"), KES_FIELD_RECORD_ID, NULL, TRUE, TRUE },
  { "status", N_("Consent"), KES_FIELD_CODE, KES_CODES_CARER_CONSENT_STATUS, TRUE, TRUE },
  { "scope", N_("What may be shared"), KES_FIELD_CODES, KES_CODES_CARER_INFORMATION, FALSE, TRUE },
  { "decided_on", N_("Date of the decision"), KES_FIELD_DATE, NULL, TRUE, TRUE },
  { "recorded_by", N_("Recorded by"), KES_FIELD_STAFF, NULL, FALSE, TRUE },
  { "review_date", N_("Review date"), KES_FIELD_DATE, NULL, FALSE, TRUE },
  /* Issue 21: the Mental Capacity Act 2005 decision behind a consent
   * (kes-carer-capacity.c checks them together). */
  { "lacks_capacity", N_("The patient lacks capacity to make this decision (Mental Capacity Act 2005)"),
    KES_FIELD_BOOL, NULL, FALSE, FALSE },
  { "capacity_assessment", N_("How capacity was assessed: could they understand, retain, use or weigh the "
                              "information, and communicate a decision (s3)"), KES_FIELD_LONG_TEXT, NULL, FALSE,
    FALSE },
  { "capacity_assessed_on", N_("Date capacity was assessed"), KES_FIELD_DATE, NULL, FALSE, FALSE },
  { "best_interests", N_("Best-interests decision and why (s4)"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "consulted", N_("Who was consulted: carers, anyone named by the patient, an attorney or deputy (s4(7))"),
    KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "notes", N_("Notes"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { NULL }
};
const KesRecordKind kes_carer_consent_kind = { "carer-consent", "carer_consent", TRUE, consent_fields };

static const KesFieldSpec share_fields[] = {
  { "carer_id", N_("Carer"), KES_FIELD_RECORD_ID, NULL, TRUE, TRUE },
  { "shared_on", N_("Date shared"), KES_FIELD_DATE, NULL, TRUE, TRUE },
  { "categories", N_("Information shared"), KES_FIELD_CODES, KES_CODES_CARER_INFORMATION, TRUE, TRUE },
  { "summary", N_("What was shared"), KES_FIELD_LONG_TEXT, NULL, TRUE, FALSE },
  { "basis", N_("Basis"), KES_FIELD_TEXT, NULL, FALSE, TRUE },
  { "consent_id", N_("Consent relied on"), KES_FIELD_RECORD_ID, NULL, FALSE, TRUE },
  { "consent_revision", N_("Consent revision"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "shared_by", N_("Shared by"), KES_FIELD_STAFF, NULL, FALSE, TRUE },
  { NULL }
};
const KesRecordKind kes_carer_share_kind = { "carer-share", "carer_share", TRUE, share_fields };

static const KesFieldSpec assessment_fields[] = {
  { "carer_id", N_("Carer"), KES_FIELD_RECORD_ID, NULL, TRUE, TRUE },
  { "status", N_("Assessment status"), KES_FIELD_CODE, KES_CODES_CARER_ASSESSMENT_STATUS, TRUE, TRUE },
  { "offered_on", N_("Date offered"), KES_FIELD_DATE, NULL, TRUE, TRUE },
  { "assessed_on", N_("Date assessed"), KES_FIELD_DATE, NULL, FALSE, TRUE },
  { "assessor_id", N_("Assessor"), KES_FIELD_STAFF, NULL, FALSE, FALSE },
  { "able_to_care", N_("Able to provide care, now and in future"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "willing_to_care", N_("Willing to provide care, now and in future"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "future_caring", N_("Caring in future"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "wellbeing_impact", N_("Impact on the carer’s wellbeing"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "outcomes_wanted", N_("Outcomes the carer wants"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "support_would_help", N_("Whether support would help"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "work_education_recreation", N_("Work, education, training and recreation"),
    KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "people_involved", N_("People the carer asked to involve"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "needs_from_caring", N_("Needs arise from providing necessary care"), KES_FIELD_BOOL, NULL, FALSE, FALSE },
  { "health_at_risk", N_("The carer’s health is at risk"), KES_FIELD_BOOL, NULL, FALSE, FALSE },
  { "outcomes_unachievable", N_("Outcomes the carer can’t achieve"), KES_FIELD_CODES,
    KES_CODES_CARER_ELIGIBILITY, FALSE, FALSE },
  { "significant_impact", N_("Significant impact on wellbeing"), KES_FIELD_BOOL, NULL, FALSE, FALSE },
  { "eligible", N_("Eligible for support"), KES_FIELD_BOOL, NULL, FALSE, TRUE },
  { "support_plan", N_("Support plan"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "review_date", N_("Review date"), KES_FIELD_DATE, NULL, FALSE, TRUE },
  /* The carer's own signature (issue 21): their name as they typed it, or
   * signed on paper, and the date (kes-carer-capacity.c). */
  { "carer_signed_name", N_("Carer’s signature: their full name, typed by the carer"), KES_FIELD_TEXT, NULL,
    FALSE, FALSE },
  { "carer_signed_on_paper", N_("The carer signed a paper copy"), KES_FIELD_BOOL, NULL, FALSE, FALSE },
  { "carer_signed_on", N_("Date the carer signed"), KES_FIELD_DATE, NULL, FALSE, FALSE },
  /* Set by kes_store_sign_carer_assessment() alone, with the password. */
  { "signed_by", N_("Signed off by"), KES_FIELD_STAFF, NULL, FALSE, FALSE },
  { "signed_role", N_("Signer’s role"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "signed_at", N_("Signed off at"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { NULL }
};
const KesRecordKind kes_carer_assessment_kind = { "carer-assessment", "carer_assessment", FALSE,
                                                  assessment_fields };

static const KesFieldSpec involvement_fields[] = {
  { "carer_id", N_("Carer"), KES_FIELD_RECORD_ID, NULL, TRUE, TRUE },
  { "occurred_on", N_("Date"), KES_FIELD_DATE, NULL, TRUE, TRUE },
  { "involvement", N_("Kind of involvement"), KES_FIELD_CODE, KES_CODES_CARER_INVOLVEMENT, TRUE, TRUE },
  { "summary", N_("Summary"), KES_FIELD_LONG_TEXT, NULL, TRUE, FALSE },
  { NULL }
};
const KesRecordKind kes_carer_involvement_kind = { "carer-involvement", "carer_involvement", FALSE,
                                                   involvement_fields };

/* ---- What can be shared ---- */

KesShareDecision
kes_carer_share_decision (KesFieldRecord *consent,
                          const char     *category)
{
  const char *status;

  g_return_val_if_fail (category != NULL, KES_SHARE_NO_CONSENT);
  g_return_val_if_fail (consent == NULL || KES_IS_FIELD_RECORD (consent), KES_SHARE_NO_CONSENT);

  if (g_str_equal (category, KES_CARER_INFO_GENERAL))
    return KES_SHARE_GENERAL;
  if (consent == NULL || kes_field_record_get_state (consent) != KES_RECORD_ACTIVE)
    return KES_SHARE_NO_CONSENT;
  status = kes_field_record_get_text (consent, "status");
  if (g_str_equal (status, "withdrawn"))
    return KES_SHARE_WITHDRAWN;
  if (g_str_equal (status, "refused"))
    return KES_SHARE_REFUSED;
  if (!g_str_equal (status, "given") && !g_str_equal (status, "best-interests"))
    return KES_SHARE_NO_CONSENT;
  return kes_field_record_has_code (consent, "scope", category) ? KES_SHARE_CONSENTED
                                                                : KES_SHARE_OUT_OF_SCOPE;
}

gboolean
kes_share_decision_allows (KesShareDecision decision)
{
  return decision == KES_SHARE_GENERAL || decision == KES_SHARE_CONSENTED;
}

static const char *
category_label (const char *category)
{
  const char *label = kes_code_list_lookup (kes_code_list_get (KES_CODES_CARER_INFORMATION), category);
  return label != NULL ? label : category;
}

char *
kes_carer_share_explain (KesFieldRecord *consent,
                         const char     *category)
{
  KesShareDecision decision = kes_carer_share_decision (consent, category);
  const char *label = category_label (category);
  g_autofree char *date = NULL;

  if (consent != NULL)
    date = kes_date_to_display (kes_field_record_get_text (consent, "decided_on"));

  switch (decision)
    {
    case KES_SHARE_GENERAL:
      return g_strdup_printf (_("%s: may be discussed (needs no consent)"), label);
    case KES_SHARE_CONSENTED:
      if (g_str_equal (kes_field_record_get_text (consent, "status"), "best-interests"))
        return g_strdup_printf (_("%s: may be discussed (in the patient’s best interests, decided on %s)"),
                                label, date);
      return g_strdup_printf (_("%s: may be discussed (consent given on %s)"), label, date);
    case KES_SHARE_NO_CONSENT:
      return g_strdup_printf (_("%s: may not be discussed (no consent recorded)"), label);
    case KES_SHARE_REFUSED:
      return g_strdup_printf (_("%s: may not be discussed (consent refused on %s)"), label, date);
    case KES_SHARE_WITHDRAWN:
      return g_strdup_printf (_("%s: may not be discussed (consent withdrawn on %s)"), label, date);
    case KES_SHARE_OUT_OF_SCOPE:
    default:
      if (g_str_equal (kes_field_record_get_text (consent, "status"), "best-interests"))
        return g_strdup_printf (_("%s: may not be discussed (not covered by the best-interests decision of %s)"),
                                label, date);
      return g_strdup_printf (_("%s: may not be discussed (not covered by the consent given on %s)"),
                              label, date);
    }
}

GStrv
kes_carer_shareable_categories (KesFieldRecord *consent)
{
  KesCodeList *list = kes_code_list_get (KES_CODES_CARER_INFORMATION);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; list != NULL && i < kes_code_list_get_n_codes (list); i++)
    {
      const char *code = kes_code_list_get_code (list, i);
      if (kes_share_decision_allows (kes_carer_share_decision (consent, code)))
        g_strv_builder_add (builder, code);
    }
  return g_strv_builder_end (builder);
}

KesCarerSection *
kes_carer_section_new (const char *category,
                       const char *heading,
                       const char *text)
{
  KesCarerSection *section = g_new0 (KesCarerSection, 1);

  section->category = g_strdup (category);
  section->heading = g_strdup (heading != NULL ? heading : "");
  section->text = g_strdup (text != NULL ? text : "");
  return section;
}

void
kes_carer_section_free (KesCarerSection *section)
{
  if (section == NULL)
    return;
  g_free (section->category);
  g_free (section->heading);
  g_free (section->text);
  g_free (section);
}

GPtrArray *
kes_carer_filter_sections (KesFieldRecord  *consent,
                           GPtrArray       *sections,
                           GStrv           *withheld)
{
  GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_carer_section_free);
  g_autoptr(GStrvBuilder) left_out = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  for (guint i = 0; sections != NULL && i < sections->len; i++)
    {
      KesCarerSection *section = g_ptr_array_index (sections, i);

      if (kes_share_decision_allows (kes_carer_share_decision (consent, section->category)))
        g_ptr_array_add (kept, kes_carer_section_new (section->category, section->heading,
                                                      section->text));
      else if (!g_ptr_array_find_with_equal_func (seen, section->category, g_str_equal, NULL))
        {
          g_ptr_array_add (seen, section->category);
          g_strv_builder_add (left_out, category_label (section->category));
        }
    }
  if (withheld != NULL)
    *withheld = g_strv_builder_end (left_out);
  return kept;
}

gboolean
kes_carer_assessment_is_eligible (KesFieldRecord *assessment)
{
  g_auto(GStrv) outcomes = NULL;

  g_return_val_if_fail (KES_IS_FIELD_RECORD (assessment), FALSE);
  outcomes = kes_field_record_dup_list (assessment, "outcomes_unachievable");
  return kes_field_record_get_bool (assessment, "needs_from_caring") &&
         (kes_field_record_get_bool (assessment, "health_at_risk") || g_strv_length (outcomes) > 0) &&
         kes_field_record_get_bool (assessment, "significant_impact");
}
