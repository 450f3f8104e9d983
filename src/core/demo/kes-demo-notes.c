/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-demo-notes"

#include "config.h"

#include "kes-clock.h"
#include "kes-demo-private.h"

/* Demo contacts and notes: nine in ten of the demo's records. */

static const char * const contact_types[] = { "face-to-face", "face-to-face", "phone", "video", "in-reach", "dna" };

static const char * const note_openings[] = {
  "Seen at home with his support worker.", "Seen at the team base.", "Telephone review.",
  "Joint visit with the social supervisor.", "In-reach visit to the ward before discharge.",
  "Met at the café near the hostel.", "Depot administered at clinic.",
};

static const char * const note_middles[] = {
  "Mental state settled; no evidence of psychotic symptoms today.",
  "Reports sleeping poorly and some suspiciousness towards neighbours.",
  "Engaging well with the occupational therapy programme.",
  "Urine drug screen negative; reports abstinence from alcohol.",
  "Discussed conditions of discharge and the importance of reporting changes of address.",
  "Mother (Zoë) telephoned with concerns about his mood; consent to share was checked.",
  "Clozapine bloods taken; result awaited.",
  "Describes good relationships at the supported accommodation.",
  "Some irritability when discussing the victim exclusion zone; rationale reiterated.",
};

static const char * const note_endings[] = {
  "Plan: review in one week.", "Plan: continue current care plan.",
  "Plan: discuss at the multidisciplinary meeting.", "Plan: liaise with the GP about physical health.",
  "No new risk concerns identified.",
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

/* A time up to 400 days before @now, to the second. */
static char *
time_before (GRand     *rand,
             GDateTime *now)
{
  g_autoptr(GDateTime) when = g_date_time_add_seconds (now, -(gdouble) g_rand_int_range (rand, 3600, 400 * 86400));

  return kes_time_to_iso (when);
}

void
kes_demo_add_clinical (GPtrArray  *sink,
                       GRand      *rand,
                       GDateTime  *now,
                       const char *patient_id,
                       guint       n_contacts,
                       guint       n_notes)
{
  for (guint c = 0; c < n_contacts; c++)
    {
      g_autoptr(KesContact) contact = kes_contact_new ();
      g_autofree char *iso = time_before (rand, now);

      kes_contact_set_patient_id (contact, patient_id);
      kes_contact_set_occurred_at (contact, iso);
      kes_contact_set_contact_type (contact, PICK (rand, contact_types));
      kes_contact_set_with_whom (contact, g_rand_boolean (rand) ? "Patient" : "Patient and carer");
      kes_contact_set_location (contact, g_rand_boolean (rand) ? "Home" : "Team base");
      kes_contact_set_duration_minutes (contact, g_rand_int_range (rand, 10, 90));
      g_ptr_array_add (sink, kes_bulk_record_contact (contact));
    }
  for (guint n = 0; n < n_notes; n++)
    {
      g_autoptr(KesNote) note = kes_note_new ();
      g_autofree char *iso = time_before (rand, now);
      g_autofree char *body = g_strdup_printf ("%s %s %s", PICK (rand, note_openings), PICK (rand, note_middles),
                                               PICK (rand, note_endings));

      kes_note_set_patient_id (note, patient_id);
      kes_note_set_written_at (note, iso);
      kes_note_set_title (note, "Progress note");
      kes_note_set_body (note, body);
      g_ptr_array_add (sink, kes_bulk_record_note (note));
    }
}
