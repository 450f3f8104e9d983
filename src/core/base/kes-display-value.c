/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-display-value"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-care-record.h"
#include "kes-carers.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-display-value.h"
#include "kes-field-record.h"
#include "kes-liaison.h"
#include "kes-moj.h"
#include "kes-patient.h"
#include "kes-records.h"
#include "kes-services.h"
#include "kes-signposting.h"
#include "kes-store-staff.h"
#include "kes-validate.h"

/* How a member's value is to be read. */
typedef enum
{
  SHOW_AS_IS,
  SHOW_CODE,
  SHOW_DATE,
  SHOW_BOOL,
  SHOW_STAFF,
  SHOW_TEAM,
  SHOW_NHS,
} Show;

static const KesRecordKind *
field_kind (const char *kind)
{
  static const KesRecordKind *kinds[] = {
    &kes_carer_kind, &kes_carer_link_kind, &kes_carer_consent_kind, &kes_carer_share_kind,
    &kes_carer_assessment_kind, &kes_carer_involvement_kind, &kes_screening_kind, &kes_service_kind,
    &kes_onward_referral_kind, &kes_signposting_kind,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i]->name, kind) == 0)
      return kinds[i];
  return NULL;
}

/* What the kind's own field table says about @key; @list gets a code
 * list's name. */
static Show
show_for (const char  *kind,
          const char  *key,
          const char **list)
{
  static const struct { const char *key; const char *list; } patient_codes[] = {
    { "gender", KES_CODES_GENDER }, { "gender_identity", KES_CODES_GENDER_IDENTITY },
    { "ethnicity", KES_CODES_ETHNIC_CATEGORY }, { "legal_status", KES_CODES_LEGAL_STATUS },
    { "mappa_category", KES_CODES_MAPPA_CATEGORY }, { "mappa_level", KES_CODES_MAPPA_LEVEL },
  };
  const KesRecordKind *fields = field_kind (kind);
  KesMojKind moj;

  *list = NULL;
  if (g_strcmp0 (kind, "patient") == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (patient_codes); i++)
        if (g_str_equal (patient_codes[i].key, key))
          {
            *list = patient_codes[i].list;
            return SHOW_CODE;
          }
      if (g_str_equal (key, "nhs_number"))
        return SHOW_NHS;
    }
  else if (kes_care_kind_fields (kind) != NULL)
    {
      const KesCareField *field = kes_care_kind_find_field (kind, key);

      if (field != NULL && field->type == KES_CARE_FIELD_CODE)
        {
          *list = field->codes;
          return SHOW_CODE;
        }
      if (field != NULL && field->type == KES_CARE_FIELD_DATE)
        return SHOW_DATE;
      if (field != NULL && field->type == KES_CARE_FIELD_BOOL)
        return SHOW_BOOL;
    }
  else if (kes_moj_kind_from_string (kind, &moj))
    {
      guint n = 0;
      const KesMojField *moj_fields = kes_moj_kind_fields (moj, &n);

      for (guint i = 0; i < n; i++)
        if (g_str_equal (moj_fields[i].key, key))
          {
            *list = moj_fields[i].code_list;
            return moj_fields[i].type == KES_MOJ_FIELD_CODE ? SHOW_CODE
                   : moj_fields[i].type == KES_MOJ_FIELD_DATE ? SHOW_DATE
                   : moj_fields[i].type == KES_MOJ_FIELD_BOOL ? SHOW_BOOL : SHOW_AS_IS;
          }
    }
  else if (fields != NULL)
    {
      const KesFieldSpec *spec = kes_record_kind_find_field (fields, key);

      if (spec != NULL && (spec->type == KES_FIELD_CODE || spec->type == KES_FIELD_CODES))
        {
          *list = spec->code_list;
          return SHOW_CODE;
        }
      if (spec != NULL && spec->type == KES_FIELD_DATE)
        return SHOW_DATE;
      if (spec != NULL && spec->type == KES_FIELD_BOOL)
        return SHOW_BOOL;
      if (spec != NULL && spec->type == KES_FIELD_STAFF)
        return SHOW_STAFF;
    }

  /* Members every kind may have, by their names. */
  if (g_str_equal (key, "team_id"))
    return SHOW_TEAM;
  if (g_str_has_suffix (key, "coordinator_id") || g_str_equal (key, "clinician_id") ||
      g_str_equal (key, "supervisor_id") || g_str_has_suffix (key, "_by") || g_str_equal (key, "signed_by"))
    return SHOW_STAFF;
  if (g_str_has_suffix (key, "_date") || g_str_has_suffix (key, "_on"))
    return SHOW_DATE;
  return SHOW_AS_IS;
}

static char *
code_labels (const char *list,
             const char *value)
{
  KesCodeList *codes = kes_code_list_get (list);
  g_auto(GStrv) each = g_strsplit (value, ", ", -1);
  GString *text = g_string_new (NULL);

  /* A set of codes arrives joined by ", ". */
  for (guint i = 0; each[i] != NULL; i++)
    {
      const char *label = codes != NULL ? kes_code_list_lookup (codes, each[i]) : NULL;

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", label != NULL ? label : each[i]);
    }
  return g_string_free (text, FALSE);
}

char *
kes_store_display_value (KesStore   *store,
                         const char *kind,
                         const char *key,
                         const char *value)
{
  const char *list = NULL;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (value == NULL || *value == '\0')
    return g_strdup ("");
  switch (show_for (kind, key, &list))
    {
    case SHOW_CODE:
      return list != NULL ? code_labels (list, value) : g_strdup (value);
    case SHOW_DATE:
      {
        char *shown = strlen (value) == 10 ? kes_date_to_display (value) : NULL;
        return shown != NULL ? shown : g_strdup (value);
      }
    case SHOW_BOOL:
      return g_strdup (g_str_equal (value, "true") || g_str_equal (value, "yes") ? _("Yes")
                       : g_str_equal (value, "false") ? _("No") : value);
    case SHOW_STAFF:
      {
        g_autoptr(KesStaff) staff = kes_store_find_staff (store, value, NULL);
        return g_strdup (staff != NULL ? kes_staff_get_display_name (staff) : value);
      }
    case SHOW_TEAM:
      {
        g_autoptr(KesTeam) team = kes_store_find_team (store, value);
        return g_strdup (team != NULL ? kes_team_get_name (team) : value);
      }
    case SHOW_NHS:
      return strlen (value) == 10 ? kes_nhs_number_format (value) : g_strdup (value);
    case SHOW_AS_IS:
    default:
      return g_strdup (value);
    }
}

typedef struct
{
  KesStore   *store;
  const char *kind;
} Shower;

static char *
show_value_cb (const char *key,
               const char *value,
               gpointer    user_data)
{
  Shower *shower = user_data;

  return kes_store_display_value (shower->store, shower->kind, key, value);
}

GStrv
kes_store_describe_changes (KesStore     *store,
                            const char   *kind,
                            KesRevision  *revision,
                            KesRevision  *previous,
                            const char  *(*label_func) (const char *key))
{
  Shower shower = { store, kind };

  g_return_val_if_fail (KES_IS_STORE (store), NULL);

  return kes_revision_describe_changes_shown (revision, previous, label_func, show_value_cb, &shower);
}
