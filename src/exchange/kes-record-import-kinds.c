/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-import-kinds"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-care-record.h"
#include "kes-catchment.h"
#include "kes-clock.h"
#include "kes-moj.h"
#include "kes-record-import-rules.h"
#include "kes-referral.h"
#include "kes-validate.h"

/* The problems a record of another kind has as its own form would judge
 * it (referrals and their pathway, MoJ and legal records, care in the
 * community), or NULL for a kind whose form has no rules beyond its
 * fields. @patient_id: the patient the record belongs to, which its data
 * does not repeat; @on is the day the revision was written. */
GPtrArray *
kes_record_import_validate_other (const char         *kind,
                                  const char         *patient_id,
                                  const char         *json,
                                  const GDate        *on,
                                  const KesCatchment *catchment,
                                  GError            **error)
{
  KesMojKind moj_kind;

  if (g_str_equal (kind, "referral"))
    {
      g_autoptr(KesReferral) referral = kes_referral_new ();
      GPtrArray *issues;
      const char *area;

      if (!kes_referral_load_json (referral, json, error))
        return NULL;
      kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, patient_id);
      issues = kes_referral_validate (referral);
      /* Areas are this database's directory data: one it does not have is
       * added by an administrator first (kes_store_save_referral's rule). */
      area = kes_referral_get_text (referral, KES_REFERRAL_AREA);
      if (*area != '\0' && !kes_catchment_knows (catchment, area))
        g_ptr_array_add (issues, kes_issue_new ("area", KES_ISSUE_ERROR,
                                                _("Area “%s” is not one of the catchment areas"), area));
      return issues;
    }
  if (kes_moj_kind_from_string (kind, &moj_kind))
    {
      g_autoptr(KesMojRecord) record = kes_moj_record_new (moj_kind, patient_id);

      return kes_moj_record_load_json (record, json, error) ? kes_moj_record_validate (record)
                                                            : NULL;
    }
  if (kes_care_kind_table (kind) != NULL)
    {
      g_autoptr(KesCareRecord) record = kes_care_record_new (kind);

      if (!kes_care_record_load_json (record, json, error))
        return NULL;
      kes_care_record_set_patient_id (record, patient_id);
      return kes_care_record_validate (record, on);
    }

  return g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
}
