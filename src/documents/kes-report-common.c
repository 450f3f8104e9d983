/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-report-common"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-display-value.h"
#include "kes-report-common-private.h"
#include "kes-store-staff.h"

KesDocument *
kes_report_new_document (KesStore   *store,
                         KesPatient *patient,
                         const char *type_id,
                         const char *title)
{
  g_autoptr(KesDocument) document = kes_document_new (type_id, title);
  g_autofree char *name = kes_patient_dup_display_name (patient);
  g_autofree char *now = kes_clock_now_iso ();
  KesStaff *actor = kes_store_get_actor (store);

  kes_document_set_created_at (document, now);
  kes_document_set_patient (document, name,
                            kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER),
                            kes_patient_get_text (patient, KES_PATIENT_BIRTH_DATE));
  if (actor != NULL)
    kes_document_set_author (document, kes_staff_get_display_name (actor));

  return g_steal_pointer (&document);
}

const char *
kes_report_or_not_recorded (const char *value)
{
  return value != NULL && value[0] != '\0' ? value : _("Not recorded");
}

char *
kes_report_code_label (const char *list_name,
                       const char *code)
{
  const char *label;

  if (code == NULL || code[0] == '\0')
    return NULL;

  label = kes_code_list_lookup (kes_code_list_get (list_name), code);

  return g_strdup (label != NULL ? label : code);
}

char *
kes_report_staff_name (KesStore   *store,
                       const char *staff_id)
{
  g_autoptr(KesStaff) staff = NULL;

  if (staff_id == NULL || staff_id[0] == '\0')
    return NULL;

  staff = kes_store_find_staff (store, staff_id, NULL);
  if (staff == NULL)
    return g_strdup (staff_id);

  if (kes_staff_get_role_title (staff) == NULL || kes_staff_get_role_title (staff)[0] == '\0')
    return g_strdup (kes_staff_get_display_name (staff));

  /* Translators: a member of staff and their role, "Alice Adeyemi, Care coordinator" */
  return g_strdup_printf (_("%s, %s"), kes_staff_get_display_name (staff),
                          kes_staff_get_role_title (staff));
}

char *
kes_report_date (const char *iso_date)
{
  if (iso_date == NULL || iso_date[0] == '\0')
    return g_strdup ("");

  return kes_date_to_display (iso_date);
}

char *
kes_report_time (const char *iso_time)
{
  if (iso_time == NULL || iso_time[0] == '\0')
    return g_strdup ("");

  return kes_time_to_display (iso_time);
}

const char *
kes_report_field_label (const char *key)
{
  static const struct { const char *key; const char *label; } others[] = {
    { "aliases", N_("Other names") },
    { "diagnoses", N_("Diagnoses") },
    { "alerts", N_("Alerts") },
    { "occurred_at", N_("Date and time") },
    { "contact_type", N_("Type of contact") },
    { "with_whom", N_("With") },
    { "location", N_("Location") },
    { "duration_minutes", N_("Duration (minutes)") },
    { "summary", N_("Summary") },
    { "written_at", N_("Written") },
    { "title", N_("Title") },
    { "body", N_("Note") },
  };
  KesPatientField field;

  if (kes_patient_field_from_key (key, &field))
    return kes_patient_field_label (field);

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    if (g_str_equal (others[i].key, key))
      return _(others[i].label);

  return key;
}

static char *
describe_change (KesRevision *revision)
{
  const char *reason = kes_revision_get_reason (revision);
  const char *what;

  switch (kes_revision_get_change (revision))
    {
    case KES_CHANGE_CREATE:           what = _("Created"); break;
    case KES_CHANGE_EDIT:             what = _("Edited"); break;
    case KES_CHANGE_CORRECTION:       what = _("Corrected"); break;
    case KES_CHANGE_ENTERED_IN_ERROR: what = _("Marked entered in error"); break;
    default:                          g_assert_not_reached ();
    }

  if (reason == NULL || reason[0] == '\0')
    return g_strdup (what);

  /* Translators: a kind of change ("Corrected"), then the reason given */
  return g_strdup_printf (_("%s: %s"), what, reason);
}

void
kes_report_add_history (KesDocument *document,
                        KesStore    *store,
                        const char  *kind,
                        GPtrArray   *revisions)
{
  KesBlock *table = kes_document_add_table (document,
                                            (const char * const[]) { _("No."), _("When"), _("By"),
                                                                     _("Change"), _("What changed"),
                                                                     NULL },
                                            (const double[]) { 0.5, 1.5, 1.5, 1.8, 4 });

  for (guint i = 0; i < revisions->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (revisions, i);
      KesRevision *previous = i > 0 ? g_ptr_array_index (revisions, i - 1) : NULL;
      g_auto(GStrv) changes = NULL;
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, kes_revision_get_revision (revision));
      g_autofree char *when = kes_report_time (kes_revision_get_at (revision));
      g_autofree char *change = describe_change (revision);
      g_autofree char *lines = NULL;
      g_autofree char *provenance = kes_revision_dup_provenance (revision);
      const char *by = provenance != NULL ? provenance : kes_revision_get_author_name (revision);

      if (kes_revision_get_change (revision) == KES_CHANGE_ENTERED_IN_ERROR)
        lines = g_strdup ("");
      else
        {
          changes = kes_store_describe_changes (store, kind, revision, previous, kes_report_field_label);
          lines = g_strjoinv ("\n", changes);
        }

      kes_block_add_row_cells (table, number, when, by != NULL ? by : "", change, lines, NULL);
    }
}
