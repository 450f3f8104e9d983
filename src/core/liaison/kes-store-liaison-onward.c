/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-liaison-onward"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-error.h"
#include "kes-liaison.h"
#include "kes-services.h"
#include "kes-store-field-records-private.h"
#include "kes-validate.h"

/* A liaison and diversion screening's referrals onward to services in the
 * directory. Like the screening they are clinical content about people who
 * may not be on the caseload: reading needs view-clinical, writing
 * edit-clinical. */

static const KesFieldSpec onward_referral_fields[] = {
  { "screening_id", N_("Screening"), KES_FIELD_RECORD_ID, NULL, TRUE, TRUE },
  { "service_id", N_("Service referred to"), KES_FIELD_TEXT, NULL, TRUE, TRUE },
  { "service_name", N_("Service name"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "referred_on", N_("Date referred"), KES_FIELD_DATE, NULL, TRUE, TRUE },
  { "reason", N_("What the service is asked to do"), KES_FIELD_LONG_TEXT, NULL, TRUE, FALSE },
  { "contact_made", N_("Who was contacted, and how"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { NULL }
};
const KesRecordKind kes_onward_referral_kind = { "ld-onward-referral", "ld_onward_referral", FALSE,
                                                 onward_referral_fields };

KesFieldRecord *
kes_onward_referral_new (void)
{
  return kes_field_record_new (&kes_onward_referral_kind);
}

/* The screening a referral belongs to, as stored, if it is active. */
static KesFieldRecord *
read_screening (KesStore    *self,
                const char  *screening_id,
                GError     **error)
{
  g_autofree char *kind = NULL;
  KesRecordState state;

  if (!kes_store_record_state (self, screening_id, &kind, &state, NULL) ||
      !g_str_equal (kind, kes_screening_kind.name) || state != KES_RECORD_ACTIVE)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_NOT_FOUND,
                           _("Screening: this screening is not in Kestrel or was entered in error"));
      return NULL;
    }
  return kes_store_read_field_record (self, &kes_screening_kind, screening_id, error);
}

/* The directory entry referred to, with its name carried onto the
 * referral: entries are renamed and retired, the referral keeps what it
 * was made to. */
static gboolean
check_service (KesStore        *self,
               KesFieldRecord  *referral,
               GPtrArray       *issues)
{
  const char *service_id = kes_field_record_get_text (referral, "service_id");
  g_autoptr(KesFieldRecord) service = NULL;

  if (*service_id == '\0')
    return TRUE;
  service = kes_store_load_service (self, service_id, NULL);
  if (service == NULL || kes_field_record_get_state (service) != KES_RECORD_ACTIVE)
    {
      g_ptr_array_add (issues, kes_issue_new ("service_id", KES_ISSUE_ERROR,
                                              _("Service referred to: choose a service that is in use "
                                                "in the service directory")));
      return FALSE;
    }
  kes_field_record_set_text (referral, "service_name", kes_field_record_get_text (service, "name"));
  return TRUE;
}

static gboolean
check_referral (KesStore        *self,
                KesFieldRecord  *referral,
                KesFieldRecord  *screening,
                GError         **error)
{
  g_autoptr(GPtrArray) issues = kes_field_record_check (referral);
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *today_iso = kes_date_to_iso (today);
  const char *referred_on = kes_field_record_get_text (referral, "referred_on");
  const char *screened_on = kes_field_record_get_text (screening, "screened_on");

  check_service (self, referral, issues);
  if (strlen (referred_on) == 10 && strcmp (referred_on, today_iso) > 0)
    g_ptr_array_add (issues, kes_issue_new ("referred_on", KES_ISSUE_ERROR,
                                            _("Date referred is in the future")));
  else if (strlen (referred_on) == 10 && strcmp (referred_on, screened_on) < 0)
    g_ptr_array_add (issues, kes_issue_new ("referred_on", KES_ISSUE_ERROR,
                                            _("Date referred is before the screening")));
  return kes_issues_to_error (issues, error);
}

gboolean
kes_store_save_onward_referral (KesStore        *self,
                                KesFieldRecord  *referral,
                                GError         **error)
{
  g_autoptr(KesFieldRecord) screening = NULL;
  const char *id;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_FIELD_RECORD (referral), FALSE);
  g_return_val_if_fail (kes_field_record_get_kind (referral) == &kes_onward_referral_kind, FALSE);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, NULL, error))
    return FALSE;
  id = kes_field_record_get_id (referral);
  if (id != NULL)
    {
      /* A referral stays with the screening it was made from. */
      g_autoptr(KesFieldRecord) stored = kes_store_read_field_record (self, &kes_onward_referral_kind, id, error);

      if (stored == NULL)
        return FALSE;
      kes_field_record_set_text (referral, "screening_id", kes_field_record_get_text (stored, "screening_id"));
    }
  if (*kes_field_record_get_text (referral, "screening_id") == '\0')
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("Screening is required"));
      return FALSE;
    }
  screening = read_screening (self, kes_field_record_get_text (referral, "screening_id"), error);
  if (screening == NULL || !check_referral (self, referral, screening, error))
    return FALSE;
  return kes_store_write_field_record (self, referral, id == NULL ? KES_CHANGE_CREATE : KES_CHANGE_EDIT, NULL,
                                       error);
}

GPtrArray *
kes_store_list_onward_referrals (KesStore    *self,
                                 const char  *screening_id,
                                 GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (screening_id != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, NULL, error))
    return NULL;
  return kes_store_query_field_records (self, &kes_onward_referral_kind,
                                        "SELECT o.id FROM ld_onward_referral o JOIN record r ON r.id = o.id "
                                        "WHERE r.state = 'active' AND o.screening_id = ?1 "
                                        "ORDER BY o.referred_on, r.created_at, o.id",
                                        screening_id, NULL, error);
}
