/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-referral-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-validate.h"
#include "referrals/kes-referral-summary.h"

static char *
days_text (int days)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
}

char *
kes_referral_clocks_text (KesReferral *referral,
                          const GDate *today)
{
  KesReferralClocks clocks;
  g_autofree char *since = NULL;

  g_return_val_if_fail (KES_IS_REFERRAL (referral), NULL);

  kes_referral_clocks (referral, today, &clocks);
  if (clocks.since_referral < 0)
    return g_strdup ("");
  if (clocks.to_decision >= 0)
    {
      g_autofree char *to_decision = days_text (clocks.to_decision);
      /* Translators: "Decided 3 days after referral". */
      return g_strdup_printf (_("Decided %s after referral"), to_decision);
    }
  since = days_text (clocks.since_referral);
  if (clocks.since_assessment >= 0)
    {
      g_autofree char *assessed = days_text (clocks.since_assessment);
      /* Translators: "12 days since referral · 5 days since assessment, no decision yet". */
      return g_strdup_printf (_("%s since referral · %s since assessment, no decision yet"), since, assessed);
    }
  /* Translators: "12 days since referral, no decision yet". */
  return g_strdup_printf (_("%s since referral, no decision yet"), since);
}

char *
kes_referral_eligibility_text (KesStore    *store,
                               KesReferral *referral)
{
  g_autoptr(GPtrArray) warnings = kes_store_referral_eligibility (store, referral, NULL);
  g_autoptr(GString) text = NULL;
  KesReferralStage stage = kes_referral_get_stage (referral);
  const char *override = kes_referral_get_text (referral, KES_REFERRAL_OVERRIDE_REASON);

  if (warnings == NULL)
    return g_strdup ("");
  if (warnings->len == 0)
    return g_strdup (_("Meets every eligibility criterion."));
  text = g_string_new (_("Does not meet every criterion:"));
  for (guint i = 0; i < warnings->len; i++)
    g_string_append_printf (text, "\n• %s", ((KesIssue *) warnings->pdata[i])->message);
  if (*kes_referral_get_text (referral, KES_REFERRAL_OVERRIDE_BY) != '\0')
    g_string_append_printf (text, "\n%s %s", _("Accepted for assessment by a team manager:"), override);
  else if (stage == KES_REFERRAL_RECEIVED || stage == KES_REFERRAL_SCREENING)
    g_string_append_printf (text, "\n%s",
                            _("It is recorded all the same. Decline it or redirect it to another service, with "
                              "a reason; or a team manager accepts it for assessment with a reason."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}
