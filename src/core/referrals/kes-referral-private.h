/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kes-referral.h"

G_BEGIN_DECLS

/* Shared by kes-referral.c and kes-referral-inreach.c only. */
struct _KesReferral
{
  GObject           parent_instance;
  char             *id;
  gint64            revision;
  KesRecordState    state;
  char             *text[KES_REFERRAL_N_TEXT_FIELDS];
  gboolean          inpatient;
  GPtrArray        *steps;  /* KesReferralStep* */
  GPtrArray        *visits; /* KesInreachVisit* */
  KesReadinessTask  readiness[KES_READINESS_N_ITEMS];
};

void     kes_referral_inreach_init     (KesReferral *self);
void     kes_referral_inreach_clear    (KesReferral *self);
void     kes_referral_inreach_to_json  (KesReferral *self,
                                        JsonBuilder *builder);
gboolean kes_referral_inreach_from_json (KesReferral *self,
                                         JsonObject  *object,
                                         GError     **error);
/* Appends errors about visits and the checklist to @issues. */
void     kes_referral_inreach_validate (KesReferral *self,
                                        GPtrArray   *issues);

G_END_DECLS
