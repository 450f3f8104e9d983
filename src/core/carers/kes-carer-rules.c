/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-carers"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kes-carer-capacity.h"
#include "kes-carer-rules.h"
#include "kes-carers.h"
#include "kes-clock.h"
#include "kes-error.h"

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_not_future (KesFieldRecord  *record,
                  const char      *key,
                  const char      *today,
                  GError         **error)
{
  const char *value = kes_field_record_get_text (record, key);
  const KesFieldSpec *spec = kes_record_kind_find_field (kes_field_record_get_kind (record), key);

  if (*value != '\0' && g_strcmp0 (value, today) > 0)
    {
      g_autofree char *shown = kes_date_to_display (value);
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID, _("%s %s is in the future"),
                   _(spec->label), shown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_not_before (KesFieldRecord  *record,
                  const char      *later_key,
                  const char      *earlier_key,
                  GError         **error)
{
  const char *later = kes_field_record_get_text (record, later_key);
  const char *earlier = kes_field_record_get_text (record, earlier_key);
  const KesRecordKind *kind = kes_field_record_get_kind (record);

  if (*later != '\0' && *earlier != '\0' && strcmp (later, earlier) < 0)
    {
      g_autofree char *earlier_label =
        g_utf8_strdown (_(kes_record_kind_find_field (kind, earlier_key)->label), -1);
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID, _("%s can’t be before %s"),
                   _(kes_record_kind_find_field (kind, later_key)->label), earlier_label);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_consent (KesFieldRecord  *consent,
               const char      *today,
               GError         **error)
{
  const char *status = kes_field_record_get_text (consent, "status");
  g_auto(GStrv) scope = NULL;
  gboolean specific = FALSE;

  if (!check_not_future (consent, "decided_on", today, error) ||
      !check_not_before (consent, "review_date", "decided_on", error) ||
      !check_not_future (consent, "capacity_assessed_on", today, error) ||
      !kes_carer_consent_check_capacity (consent, error))
    return FALSE;
  if (!g_str_equal (status, "given") && !g_str_equal (status, "best-interests"))
    return TRUE;

  scope = kes_field_record_dup_list (consent, "scope");
  for (guint i = 0; scope[i] != NULL; i++)
    specific = specific || !g_str_equal (scope[i], KES_CARER_INFO_GENERAL);
  if (!specific)
    return invalid (error, g_str_equal (status, "given")
                             ? _("What may be shared: choose what the patient agreed to share "
                                 "(general information needs no consent)")
                             : _("What may be shared: choose what the best-interests decision allows "
                                 "(general information needs no decision)"));
  if (*kes_field_record_get_text (consent, "review_date") == '\0')
    return invalid (error, g_str_equal (status, "given")
                             ? _("Review date is required when consent is given")
                             : _("Review date is required for a best-interests decision: capacity can "
                                 "change"));
  return TRUE;
}

static gboolean
check_assessment (KesFieldRecord  *assessment,
                  const char      *today,
                  GError         **error)
{
  if (!check_not_future (assessment, "offered_on", today, error) ||
      !check_not_future (assessment, "assessed_on", today, error) ||
      !check_not_before (assessment, "assessed_on", "offered_on", error) ||
      !kes_carer_assessment_check_signature (assessment, today, error))
    return FALSE;
  if (!g_str_equal (kes_field_record_get_text (assessment, "status"), "completed"))
    return TRUE;
  if (*kes_field_record_get_text (assessment, "assessed_on") == '\0')
    return invalid (error, _("Date assessed is required for a completed assessment"));
  if (*kes_field_record_get_text (assessment, "review_date") == '\0')
    return invalid (error, _("Review date is required for a completed assessment"));
  return check_not_before (assessment, "review_date", "assessed_on", error);
}

gboolean
kes_carer_record_check_rules (KesFieldRecord  *record,
                              const char      *today,
                              GError         **error)
{
  const KesRecordKind *kind;

  g_return_val_if_fail (KES_IS_FIELD_RECORD (record), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  kind = kes_field_record_get_kind (record);
  if (kind == &kes_carer_consent_kind)
    return check_consent (record, today, error);
  if (kind == &kes_carer_assessment_kind)
    return check_assessment (record, today, error);
  if (kind == &kes_carer_share_kind)
    return check_not_future (record, "shared_on", today, error);
  if (kind == &kes_carer_involvement_kind)
    return check_not_future (record, "occurred_on", today, error);
  return TRUE;
}
