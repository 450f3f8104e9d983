/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-field-limits"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kes-error.h"
#include "kes-field-limits.h"
#include "kes-validate.h"

typedef struct
{
  const char *key;
  guint       max_chars;
} FieldLimit;

/* Generous for anything a person types, small enough that one field can't
 * fill a screen, a PDF or the memory of an import. Free text that is the
 * clinical record itself (note bodies, contact summaries) gets the most. */
static const FieldLimit limits[] = {
  { "patient.family_name", 100 },
  { "patient.given_name", 100 },
  { "patient.preferred_name", 100 },
  { "patient.birth_date", 10 },
  { "patient.nhs_number", 12 },
  { "patient.mhcs_reference", 40 },
  { "patient.gender", 40 },
  { "patient.ethnicity", 40 },
  { "patient.address", 500 },
  { "patient.postcode", 10 },
  { "patient.phone", 40 },
  { "patient.gp_practice", 200 },
  { "patient.team_id", 36 },
  { "patient.coordinator_id", 36 },
  { "patient.clinician_id", 36 },
  { "patient.supervisor_id", 36 },
  { "patient.diagnosis_notes", 10000 },
  { "patient.legal_status", 40 },
  { "patient.mappa_category", 40 },
  { "patient.mappa_level", 40 },
  { "patient.referral_date", 10 },
  { "patient.age_override_reason", 1000 },
  { "patient.gender_identity", 40 },
  { "patient.aliases", 100 },       /* each alias */
  { "patient.diagnoses", 40 },      /* each code */
  { "patient.alerts", 500 },        /* each alert */
  { "contact.with_whom", 200 },
  { "contact.location", 200 },
  { "contact.summary", 20000 },
  { "note.title", 200 },
  { "note.body", 100000 },
  { "revision.reason", 1000 },
  { "staff.username", 64 },
  { "staff.display_name", 200 },
  { "staff.role_title", 200 },
  { "staff.contact", 200 },
  { "team.name", 100 },
};

guint
kes_field_limit (const char *key)
{
  g_return_val_if_fail (key != NULL, KES_FIELD_LIMIT_OTHER);

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    if (g_str_equal (limits[i].key, key))
      return limits[i].max_chars;

  return KES_FIELD_LIMIT_OTHER;
}

/* Counts at most @limit + 1 characters: a 9 MB value costs no more than a
 * short one. Invalid UTF-8 counts byte by byte. */
static gboolean
too_long (const char *value,
          guint       limit)
{
  guint n = 0;

  if (value == NULL)
    return FALSE;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (++n > limit)
      return TRUE;

  return FALSE;
}

static char *
too_long_message (const char *label,
                  guint       limit)
{
  /* Translators: a field's name, then its limit in characters */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s is longer than %u character",
                                       "%s is longer than %u characters", limit), label, limit);
}

void
kes_field_limit_check (GPtrArray  *issues,
                       const char *key,
                       const char *label,
                       const char *value)
{
  guint limit = kes_field_limit (key);
  const char *dot;
  g_autofree char *message = NULL;

  if (!too_long (value, limit))
    return;

  dot = strchr (key, '.');
  message = too_long_message (label, limit);
  g_ptr_array_add (issues, kes_issue_new (dot != NULL ? dot + 1 : key, KES_ISSUE_ERROR, "%s",
                                          message));
}

gboolean
kes_field_limit_ok (const char  *key,
                    const char  *label,
                    const char  *value,
                    GError     **error)
{
  guint limit = kes_field_limit (key);
  g_autofree char *message = NULL;

  if (!too_long (value, limit))
    return TRUE;

  message = too_long_message (label, limit);
  g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, message);
  return FALSE;
}
