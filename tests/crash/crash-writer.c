/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The writer the crash test kills: opens the database named on the command
 * line and saves patients and notes until it is stopped. Each save is its
 * own committed transaction; only once it has returned does the writer
 * report it on stdout, one line per save:
 *
 *   patient ID REVISION TOKEN
 *   note ID REVISION PATIENT-ID TOKEN
 *
 * TOKEN is written into the saved revision (the patient's address, the
 * note's body), so the reader can tell that revision's own content came
 * back. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "kes-error.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store.h"

static char *
new_token (GRand *rand)
{
  return g_strdup_printf ("%08x%08x", g_rand_int (rand), g_rand_int (rand));
}

static gboolean
save_patient (KesStore    *store,
              KesPatient  *patient,
              GRand       *rand,
              GError     **error)
{
  g_autofree char *token = new_token (rand);
  g_autofree char *address = g_strdup_printf ("%u Crash Lane (%s)", g_rand_int_range (rand, 1, 400), token);
  gboolean create = kes_patient_get_id (patient) == NULL;

  kes_patient_set_text (patient, KES_PATIENT_ADDRESS, address);
  if (!kes_store_save_patient (store, patient, create ? KES_CHANGE_CREATE : KES_CHANGE_EDIT, NULL, error))
    return FALSE;
  printf ("patient %s %" G_GINT64_FORMAT " %s\n",
          kes_patient_get_id (patient), kes_patient_get_revision (patient), token);
  fflush (stdout);
  return TRUE;
}

static gboolean
save_note (KesStore    *store,
           KesPatient  *patient,
           GRand       *rand,
           GError     **error)
{
  g_autoptr(KesNote) note = kes_note_new ();
  g_autofree char *token = new_token (rand);
  g_autofree char *body = g_strdup_printf ("Seen at home; settled. Reference %s.", token);

  kes_note_set_patient_id (note, kes_patient_get_id (patient));
  kes_note_set_title (note, "Home visit");
  kes_note_set_body (note, body);
  if (!kes_store_save_note (store, note, KES_CHANGE_CREATE, NULL, error))
    return FALSE;
  printf ("note %s %" G_GINT64_FORMAT " %s %s\n",
          kes_note_get_id (note), kes_note_get_revision (note), kes_patient_get_id (patient), token);
  fflush (stdout);
  return TRUE;
}

static KesPatient *
make_patient (GRand *rand)
{
  static const char * const family[] = { "Okafor", "Nowak", "Byrne", "Singh", "Evans", "Hughes" };
  static const char * const given[] = { "Amara", "Tomasz", "Niamh", "Priya", "Gareth", "Ruth" };
  KesPatient *patient = kes_patient_new ();

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, family[g_rand_int_range (rand, 0, G_N_ELEMENTS (family))]);
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))]);
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1979-06-02");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "2");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "A");
  kes_patient_set_text (patient, KES_PATIENT_POSTCODE, "NR1 3SR");
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, "North");
  return patient;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) writer = NULL;
  g_autoptr(GPtrArray) patients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = NULL;

  if (argc != 4)
    {
      fprintf (stderr, "usage: %s DATABASE SEED WRITER-ID\n", argv[0]);
      return 2;
    }
  rand = g_rand_new_with_seed ((guint32) strtoul (argv[2], NULL, 10));

  store = kes_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "crash-writer: %s\n", error->message);
      return 1;
    }
  /* The test made the account (a clinician) before the first round: the
   * writer acts as it without signing in again each time, so that the
   * kills land in the writes, not in password hashing. */
  writer = kes_staff_new (argv[3], "crash-writer", "Crash Writer", "", NULL, "");
  kes_store_set_actor (store, writer);

  for (;;)
    {
      double choice = g_rand_double (rand);
      gboolean saved;

      if (patients->len == 0 || choice < 0.3)
        {
          g_autoptr(KesPatient) patient = make_patient (rand);

          saved = save_patient (store, patient, rand, &error);
          if (saved)
            g_ptr_array_add (patients, g_steal_pointer (&patient));
        }
      else
        {
          KesPatient *patient = g_ptr_array_index (patients, g_rand_int_range (rand, 0, patients->len));

          if (choice < 0.55)
            saved = save_patient (store, patient, rand, &error);
          else
            saved = save_note (store, patient, rand, &error);
        }
      if (!saved)
        {
          fprintf (stderr, "crash-writer: %s\n", error->message);
          return 1;
        }
    }
}
