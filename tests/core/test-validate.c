/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-patient.h"
#include "kes-validate.h"

static void
test_nhs_number_vectors (void)
{
  static const char *valid[] = { "9434765919", "943 476 5919", "943-476-5870", "4010232137", " 401 023 2137 " };
  static const struct { const char *input; const char *message; } invalid[] = {
    { "943 476 5918", "NHS number 943 476 5918 fails its check: compare it with the document it came from (a "
                      "letter, referral or NHS card); a digit may be wrong or two may be swapped" },
    { "123 456 7890", "NHS number 123 456 7890 fails its check: compare it with the document it came from (a "
                      "letter, referral or NHS card); a digit may be wrong or two may be swapped" },
    { "94347659", "NHS number “94347659”: it must have 10 digits, not 8" },
    { "94347659190", "NHS number “94347659190”: it must have 10 digits, not 11" },
    { "943476591X", "NHS number “943476591X”: use digits only (spaces are fine)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *digits = kes_nhs_number_parse (valid[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (strlen (digits), ==, 10);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *digits = kes_nhs_number_parse (invalid[i].input, &error);
      g_assert_null (digits);
      g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, invalid[i].message);
    }
  g_assert_cmpint (kes_nhs_number_check_digit ("943476591"), ==, 9);
  g_assert_cmpint (kes_nhs_number_check_digit ("123456789"), ==, -1);
  {
    g_autofree char *shown = kes_nhs_number_format ("9434765919");
    g_assert_cmpstr (shown, ==, "943 476 5919");
  }
}

/* Every wrong last digit gets the same message, which names no digit but
 * those typed: saying the "correct" one would turn a typo into someone
 * else's valid number. */
static void
test_nhs_number_message_reveals_nothing (void)
{
  for (char last = '0'; last <= '9'; last++)
    {
      g_autofree char *typed = g_strdup_printf ("943476591%c", last);
      g_autofree char *shown = kes_nhs_number_format (typed);
      g_autoptr(GError) error = NULL;
      g_autofree char *digits = kes_nhs_number_parse (typed, &error);
      g_autofree char *rest = NULL;

      if (last == '9')
        {
          g_assert_no_error (error);
          continue;
        }
      g_assert_null (digits);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, shown));
      rest = g_strdup (error->message);
      memset (strstr (rest, shown), ' ', strlen (shown));
      for (const char *p = rest; *p != '\0'; p++)
        g_assert_false (g_ascii_isdigit (*p));
    }
}

static void
test_postcodes (void)
{
  static const struct { const char *input; const char *normal; } valid[] = {
    { "NR1 3SR", "NR1 3SR" }, { "nr13sr", "NR1 3SR" }, { "IP33 1XB", "IP33 1XB" },
    { "SW1A 1AA", "SW1A 1AA" }, { "m1 1ae", "M1 1AE" }, { "PE30 1EX", "PE30 1EX" },
    { "CR2 6XH", "CR2 6XH" }, { "DN55 1PT", "DN55 1PT" }, { "W1A 0AX", "W1A 0AX" },
  };
  static const char *invalid[] = { "ZZZ", "NR1", "12345", "NR1 3SRX", "Q1 1AA", "NR1 3CI", "" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *postcode = kes_postcode_parse (valid[i].input, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (postcode, ==, valid[i].normal);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *postcode = kes_postcode_parse (invalid[i], &error);
      g_assert_null (postcode);
      g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
      g_assert_true (strstr (error->message, "is not a UK postcode") != NULL);
    }
}

static void
test_dates (void)
{
  static const struct { const char *input; const char *iso; } valid[] = {
    { "1984-11-21", "1984-11-21" }, { "21/11/1984", "1984-11-21" }, { "1/2/2000", "2000-02-01" },
    { "29/02/2024", "2024-02-29" },
  };
  static const char *not_real[] = { "31/02/1990", "2023-02-29", "1984-13-01" };
  static const char *misshapen[] = { "yesterday", "21-11-1984", "1984/11/21", "21/11/84" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = kes_date_parse (valid[i].input, "Date of birth", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (iso, ==, valid[i].iso);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_real); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = kes_date_parse (not_real[i], "Date of birth", &error);
      g_assert_null (iso);
      g_assert_true (g_str_has_suffix (error->message, "is not a real date"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (misshapen); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = kes_date_parse (misshapen[i], "Date of birth", &error);
      g_assert_null (iso);
      g_assert_true (strstr (error->message, "write the date as") != NULL);
    }
  {
    g_autofree char *shown = kes_date_to_display ("2026-11-21");
    g_autoptr(GDate) birth = kes_date_from_iso ("2008-11-22");
    g_autoptr(GDate) on = kes_date_from_iso ("2026-11-21");
    g_assert_cmpstr (shown, ==, "21 Nov 2026");
    g_assert_cmpint (kes_age_on (birth, on), ==, 17);
    g_date_add_days (on, 1);
    g_assert_cmpint (kes_age_on (birth, on), ==, 18);
  }
}

static void
test_code_lists (void)
{
  KesCodeList *ethnic = kes_code_list_get (KES_CODES_ETHNIC_CATEGORY);
  KesCodeList *legal = kes_code_list_get (KES_CODES_LEGAL_STATUS);
  KesCodeList *icd = kes_code_list_get (KES_CODES_ICD10);
  static const char *needed_icd[] = { "F20", "F20.0", "F25", "F31", "F32", "F33", "F60.2", "F60.31", "F61" };

  g_assert_nonnull (ethnic);
  g_assert_cmpuint (kes_code_list_get_n_codes (ethnic), ==, 18);
  g_assert_cmpstr (kes_code_list_lookup (ethnic, "Z"), ==, "Not stated");
  g_assert_cmpstr (kes_code_list_lookup (ethnic, "99"), ==, "Not known");
  g_assert_null (kes_code_list_lookup (ethnic, "I"));
  g_assert_cmpstr (kes_code_list_lookup (legal, "09"), ==, "Section 37 with section 41 restrictions");
  g_assert_cmpstr (kes_code_list_lookup (kes_code_list_get (KES_CODES_GENDER), "X"), ==, "Not known");
  for (guint i = 0; i < G_N_ELEMENTS (needed_icd); i++)
    g_assert_true (kes_code_list_contains (icd, needed_icd[i]));
  g_assert_null (kes_code_list_get ("no-such-list"));
}

static KesPatient *
valid_patient (void)
{
  KesPatient *patient = kes_patient_new ();

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, "O’Brien");
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Zoë");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "21/11/1984");
  kes_patient_set_text (patient, KES_PATIENT_NHS_NUMBER, "943 476 5919");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "2");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "Z");
  kes_patient_set_text (patient, KES_PATIENT_POSTCODE, "nr1 3sr");
  return patient;
}

static gboolean
has_issue (GPtrArray  *issues,
           const char *field,
           const char *fragment)
{
  for (guint i = 0; i < issues->len; i++)
    {
      KesIssue *issue = g_ptr_array_index (issues, i);
      if (g_str_equal (issue->field, field) && strstr (issue->message, fragment) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_patient_validation (void)
{
  g_autoptr(GDate) today = kes_date_from_iso ("2026-11-21");
  g_autoptr(KesPatient) patient = valid_patient ();
  g_autoptr(GPtrArray) issues = kes_patient_validate (patient, today);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (issues->len, ==, 0);

  /* Every invalid field is named, and nothing typed is changed. */
  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, "   ");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "2027-01-01");
  kes_patient_set_text (patient, KES_PATIENT_NHS_NUMBER, "943 476 5918");
  kes_patient_set_text (patient, KES_PATIENT_POSTCODE, "NR1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "Q");
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = kes_patient_validate (patient, today);
  g_assert_true (has_issue (issues, "family_name", "Family name is required"));
  g_assert_true (has_issue (issues, "birth_date", "Date of birth 1 Jan 2027 is in the future"));
  g_assert_true (has_issue (issues, "nhs_number", "fails its check: compare it with the document it came from"));
  g_assert_true (has_issue (issues, "postcode", "Postcode “NR1” is not a UK postcode"));
  g_assert_true (has_issue (issues, "ethnicity", "Ethnic category “Q” is not a known code"));
  g_assert_false (kes_patient_normalise (patient, today, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER), ==, "943 476 5918");
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_POSTCODE), ==, "NR1");
}

static void
test_patient_under_18_override (void)
{
  g_autoptr(GDate) today = kes_date_from_iso ("2026-11-21");
  g_autoptr(KesPatient) patient = valid_patient ();
  g_autoptr(GPtrArray) issues = NULL;

  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "2009-01-10");
  kes_patient_set_text (patient, KES_PATIENT_REFERRAL_DATE, "2026-06-01");
  issues = kes_patient_validate (patient, today);
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_cmpint (((KesIssue *) issues->pdata[0])->severity, ==, KES_ISSUE_WARNING);
  g_assert_true (has_issue (issues, "age_override_reason", "under 18 on referral"));

  kes_patient_set_text (patient, KES_PATIENT_AGE_OVERRIDE_REASON, "Transition from CAMHS secure unit agreed");
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = kes_patient_validate (patient, today);
  g_assert_cmpuint (issues->len, ==, 0);

  /* 18 on the referral date exactly: no warning. */
  kes_patient_set_text (patient, KES_PATIENT_AGE_OVERRIDE_REASON, NULL);
  kes_patient_set_text (patient, KES_PATIENT_REFERRAL_DATE, "2027-01-10");
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = kes_patient_validate (patient, today);
  g_assert_cmpuint (issues->len, ==, 0);
}

static void
test_patient_normalise_and_json (void)
{
  g_autoptr(GDate) today = kes_date_from_iso ("2026-11-21");
  g_autoptr(KesPatient) patient = valid_patient ();
  g_autoptr(KesPatient) loaded = kes_patient_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  g_autofree char *name = NULL;
  const char *aliases[] = { "Zoe Brien", " ", "ZB", NULL };

  kes_patient_set_list (patient, KES_PATIENT_ALIASES, aliases);
  g_assert_true (kes_patient_normalise (patient, today, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER), ==, "9434765919");
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_POSTCODE), ==, "NR1 3SR");
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_BIRTH_DATE), ==, "1984-11-21");
  g_assert_cmpuint (g_strv_length ((GStrv) kes_patient_get_list (patient, KES_PATIENT_ALIASES)), ==, 2);

  json = kes_patient_to_json (patient);
  g_assert_true (kes_patient_load_json (loaded, json, &error));
  again = kes_patient_to_json (loaded);
  g_assert_cmpstr (json, ==, again);

  name = kes_patient_dup_display_name (loaded);
  g_assert_cmpstr (name, ==, "O’BRIEN, Zoë");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validate/nhs-number-message-reveals-nothing", test_nhs_number_message_reveals_nothing);
  g_test_add_func ("/validate/nhs-number", test_nhs_number_vectors);
  g_test_add_func ("/validate/postcode", test_postcodes);
  g_test_add_func ("/validate/dates", test_dates);
  g_test_add_func ("/validate/code-lists", test_code_lists);
  g_test_add_func ("/patient/validation", test_patient_validation);
  g_test_add_func ("/patient/under-18-override", test_patient_under_18_override);
  g_test_add_func ("/patient/normalise-and-json", test_patient_normalise_and_json);

  return g_test_run ();
}
