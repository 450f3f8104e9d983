/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-field-kinds"

#include "config.h"

#include "kes-carers.h"
#include "kes-field-kinds.h"
#include "kes-liaison.h"
#include "kes-signposting.h"

const KesRecordKind *
kes_field_kind_for_name (const char *name)
{
  static const KesRecordKind *field_kinds[] = {
    &kes_carer_kind, &kes_carer_link_kind, &kes_carer_consent_kind, &kes_carer_share_kind,
    &kes_carer_assessment_kind, &kes_carer_involvement_kind, &kes_screening_kind,
    &kes_onward_referral_kind, &kes_signposting_kind,
  };

  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_kinds); i++)
    if (g_str_equal (field_kinds[i]->name, name))
      return field_kinds[i];
  return NULL;
}
