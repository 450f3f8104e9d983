/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: kes_patient_load_json then kes_patient_validate and
 * kes_patient_normalise on any bytes. What loads must write back to JSON
 * that loads into an equal patient; every issue names a field and has a
 * message. */
#include "config.h"

#include <stdint.h>

#include "kes-error.h"
#include "kes-patient.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_issues (GPtrArray *issues)
{
  for (guint i = 0; i < issues->len; i++)
    {
      KesIssue *issue = g_ptr_array_index (issues, i);

      g_assert_nonnull (issue->field);
      g_assert_nonnull (issue->message);
      g_assert_true (g_utf8_validate (issue->message, -1, NULL));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = g_strndup ((const char *) data, size);
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autoptr(KesPatient) copy = kes_patient_new ();
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (21, G_DATE_NOVEMBER, 2026);
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  if (!kes_patient_load_json (patient, input, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_no_error (error);

  issues = kes_patient_validate (patient, today);
  check_issues (issues);

  json = kes_patient_to_json (patient);
  g_assert_true (kes_patient_load_json (copy, json, &error));
  g_assert_no_error (error);
  json_again = kes_patient_to_json (copy);
  g_assert_cmpstr (json_again, ==, json);

  if (kes_patient_normalise (patient, today, &error))
    {
      g_autoptr(GPtrArray) after = kes_patient_validate (patient, today);

      /* Normalising never introduces a blocking problem. */
      for (guint i = 0; i < after->len; i++)
        g_assert_cmpint (((KesIssue *) g_ptr_array_index (after, i))->severity, !=, KES_ISSUE_ERROR);
    }
  else
    g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  return 0;
}
