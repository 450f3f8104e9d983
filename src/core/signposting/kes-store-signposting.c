/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-signposting"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-error.h"
#include "kes-liaison.h"
#include "kes-referral.h"
#include "kes-services.h"
#include "kes-signposting.h"
#include "kes-store-field-records-private.h"
#include "kes-store-referrals.h"
#include "kes-validate.h"

static const KesFieldSpec signposting_fields[] = {
  { "source_id", N_("Signposted from"), KES_FIELD_RECORD_ID, NULL, TRUE, TRUE },
  { "service_id", N_("Service in the directory"), KES_FIELD_TEXT, NULL, FALSE, TRUE },
  { "organisation", N_("Signposted to"), KES_FIELD_TEXT, NULL, TRUE, FALSE },
  { "signposted_on", N_("Date signposted"), KES_FIELD_DATE, NULL, TRUE, TRUE },
  { "signposted_by", N_("Signposted by"), KES_FIELD_STAFF, NULL, TRUE, TRUE },
  { "given", N_("What was given"), KES_FIELD_CODES, KES_CODES_SIGNPOSTING_GIVEN, TRUE, FALSE },
  { "details", N_("Details"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { NULL }
};
const KesRecordKind kes_signposting_kind = { "signposting", "signposting", FALSE, signposting_fields };

KesFieldRecord *
kes_signposting_new (void)
{
  return kes_field_record_new (&kes_signposting_kind);
}

/* What signposting hangs on: whose it is and the earliest date it can
 * have. */
typedef struct
{
  char *patient_id; /* NULL: a screening's */
  char *starts_on;  /* YYYY-MM-DD */
} Source;

static void
source_clear (Source *source)
{
  g_clear_pointer (&source->patient_id, g_free);
  g_clear_pointer (&source->starts_on, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Source, source_clear)

static gboolean
screening_source (KesStore    *self,
                  const char  *screening_id,
                  Source      *source,
                  GError     **error)
{
  g_autoptr(KesFieldRecord) screening = kes_store_read_field_record (self, &kes_screening_kind, screening_id, error);

  if (screening == NULL)
    return FALSE;
  if (!g_str_equal (kes_field_record_get_text (screening, "outcome"), "signposting"))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("Signposting is recorded for a screening whose outcome is signposting: "
                             "change the screening’s outcome first"));
      return FALSE;
    }
  source->starts_on = g_strdup (kes_field_record_get_text (screening, "screened_on"));
  return TRUE;
}

static gboolean
referral_was_turned_away (KesReferral *referral)
{
  GPtrArray *steps = kes_referral_get_steps (referral);

  for (guint i = 0; i < steps->len; i++)
    {
      const KesReferralStep *step = steps->pdata[i];

      if (step->stage == KES_REFERRAL_DECLINED || step->stage == KES_REFERRAL_REDIRECTED)
        return TRUE;
    }
  return FALSE;
}

static gboolean
referral_source (KesStore    *self,
                 const char  *referral_id,
                 Source      *source,
                 GError     **error)
{
  /* Loading checks view-clinical over the referral's patient: a
   * clinician of another team is refused here. */
  g_autoptr(KesReferral) referral = kes_store_load_referral (self, referral_id, error);

  if (referral == NULL)
    return FALSE;
  if (!referral_was_turned_away (referral))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("Signposting is recorded for a referral that was declined or redirected: "
                             "record that decision first"));
      return FALSE;
    }
  source->patient_id = g_strdup (kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID));
  source->starts_on = g_strdup (kes_referral_get_text (referral, KES_REFERRAL_DATE));
  return TRUE;
}

/* The screening or referral @source_id, if signposting can hang on it. */
static gboolean
find_source (KesStore    *self,
             const char  *source_id,
             Source      *source,
             GError     **error)
{
  g_autofree char *kind = NULL;
  KesRecordState state;

  if (*source_id != '\0' && kes_store_record_state (self, source_id, &kind, &state, NULL) &&
      state == KES_RECORD_ACTIVE)
    {
      if (g_str_equal (kind, kes_screening_kind.name))
        return screening_source (self, source_id, source, error);
      if (g_str_equal (kind, "referral"))
        return referral_source (self, source_id, source, error);
    }
  g_set_error_literal (error, KES_ERROR, KES_ERROR_NOT_FOUND,
                       _("Signposted from: this screening or referral is not in Kestrel or was entered in error"));
  return FALSE;
}

/* Where to: a directory entry in use, whose name is carried onto the
 * record (entries are renamed and retired; the record keeps what it was
 * made to), or a name typed when the place is not in the directory. */
static void
check_place (KesStore        *self,
             KesFieldRecord  *signposting,
             GPtrArray       *issues)
{
  const char *service_id = kes_field_record_get_text (signposting, "service_id");
  g_autoptr(KesFieldRecord) service = NULL;

  if (*service_id == '\0')
    return;
  service = kes_store_load_service (self, service_id, NULL);
  if (service == NULL || kes_field_record_get_state (service) != KES_RECORD_ACTIVE)
    {
      g_ptr_array_add (issues, kes_issue_new ("service_id", KES_ISSUE_ERROR,
                                              _("Service in the directory: choose a service that is in use, "
                                                "or type where the person was signposted")));
      return;
    }
  kes_field_record_set_text (signposting, "organisation", kes_field_record_get_text (service, "name"));
}

void
kes_signposting_check (KesFieldRecord *signposting,
                       const GDate    *today,
                       GPtrArray      *issues)
{
  g_autofree char *today_iso = NULL;
  const char *on;

  g_return_if_fail (KES_IS_FIELD_RECORD (signposting));
  g_return_if_fail (today != NULL && issues != NULL);

  today_iso = kes_date_to_iso (today);
  on = kes_field_record_get_text (signposting, "signposted_on");
  if (strlen (on) == 10 && strcmp (on, today_iso) > 0)
    g_ptr_array_add (issues, kes_issue_new ("signposted_on", KES_ISSUE_ERROR,
                                            _("Date signposted is in the future")));
  if (kes_field_record_has_code (signposting, "given", KES_SIGNPOSTING_GIVEN_OTHER) &&
      *kes_field_record_get_text (signposting, "details") == '\0')
    g_ptr_array_add (issues, kes_issue_new ("details", KES_ISSUE_ERROR,
                                            _("Details: say what was given when you choose “Other”")));
}

/* The rules that need the store: the source's date, and the person. */
static void
check_rules (KesStore        *self,
             KesFieldRecord  *signposting,
             const Source    *source,
             GPtrArray       *issues)
{
  g_autoptr(GDate) today = kes_clock_today ();
  const char *on = kes_field_record_get_text (signposting, "signposted_on");
  const char *by = kes_field_record_get_text (signposting, "signposted_by");
  g_autoptr(KesStaff) staff = NULL;

  kes_signposting_check (signposting, today, issues);
  if (strlen (on) == 10 && strcmp (on, source->starts_on) < 0)
    g_ptr_array_add (issues, kes_issue_new ("signposted_on", KES_ISSUE_ERROR,
                                            source->patient_id != NULL
                                              ? _("Date signposted is before the referral was received")
                                              : _("Date signposted is before the screening")));
  if (*by != '\0' && (staff = kes_store_lookup_staff (self, by)) == NULL)
    g_ptr_array_add (issues, kes_issue_new ("signposted_by", KES_ISSUE_ERROR,
                                            _("Signposted by: choose a member of staff")));
}

gboolean
kes_store_save_signposting (KesStore        *self,
                            KesFieldRecord  *signposting,
                            GError         **error)
{
  g_autoptr(KesFieldRecord) work = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_auto(Source) source = { 0 };
  const char *id;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_FIELD_RECORD (signposting), FALSE);
  g_return_val_if_fail (kes_field_record_get_kind (signposting) == &kes_signposting_kind, FALSE);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, NULL, error))
    return FALSE;
  /* The store fills in the place's name and the source: a copy, so a
   * refusal leaves the caller's record as typed. */
  work = kes_field_record_copy (signposting);
  id = kes_field_record_get_id (work);
  if (id != NULL)
    {
      /* A record stays with the screening or referral it was made for. */
      g_autoptr(KesFieldRecord) stored = kes_store_read_field_record (self, &kes_signposting_kind, id, error);

      if (stored == NULL)
        return FALSE;
      kes_field_record_set_text (work, "source_id", kes_field_record_get_text (stored, "source_id"));
    }
  if (!find_source (self, kes_field_record_get_text (work, "source_id"), &source, error))
    return FALSE;

  issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
  check_place (self, work, issues);
  {
    g_autoptr(GPtrArray) field_issues = kes_field_record_check (work);

    g_ptr_array_extend_and_steal (issues, g_steal_pointer (&field_issues));
  }
  check_rules (self, work, &source, issues);
  if (!kes_issues_to_error (issues, error))
    return FALSE;

  kes_field_record_set_patient_id (work, source.patient_id);
  if (!kes_store_write_field_record (self, work, id == NULL ? KES_CHANGE_CREATE : KES_CHANGE_EDIT, NULL, error))
    return FALSE;
  kes_field_record_set_identity (signposting, kes_field_record_get_id (work), kes_field_record_get_revision (work),
                                 KES_RECORD_ACTIVE);
  kes_field_record_set_patient_id (signposting, source.patient_id);
  kes_field_record_set_text (signposting, "organisation", kes_field_record_get_text (work, "organisation"));
  return TRUE;
}

GPtrArray *
kes_store_list_signposting (KesStore    *self,
                            const char  *source_id,
                            GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (source_id != NULL, NULL);

  /* view-clinical, over the referral's patient for a referral's. */
  if (!kes_store_require_record (self, source_id, FALSE, error))
    return NULL;
  return kes_store_query_field_records (self, &kes_signposting_kind,
                                        "SELECT s.id FROM signposting s JOIN record r ON r.id = s.id "
                                        "WHERE r.state = 'active' AND s.source_id = ?1 "
                                        "ORDER BY s.signposted_on, r.created_at, s.id",
                                        source_id, NULL, error);
}

gboolean
kes_store_can_signpost (KesStore    *self,
                        const char  *source_id,
                        GError     **error)
{
  g_auto(Source) source = { 0 };

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (source_id != NULL, FALSE);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, NULL, error))
    return FALSE;
  return find_source (self, source_id, &source, error);
}
