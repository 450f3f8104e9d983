/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: kes_nhs_number_parse on any bytes. A number it
 * accepts must be ten digits with a correct Modulus 11 check digit, and
 * must come back unchanged when parsed again, alone or formatted. */
#include "config.h"

#include <stdint.h>

#include "kes-error.h"
#include "kes-validate.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autofree char *digits = kes_nhs_number_parse (input, &error);
  g_autofree char *formatted = NULL;
  g_autofree char *again = NULL;
  g_autofree char *from_formatted = NULL;

  if (digits == NULL)
    {
      g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (digits), ==, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_true (g_ascii_isdigit (digits[i]));
  g_assert_cmpint (kes_nhs_number_check_digit (digits), ==, digits[9] - '0');

  again = kes_nhs_number_parse (digits, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, digits);

  formatted = kes_nhs_number_format (digits);
  from_formatted = kes_nhs_number_parse (formatted, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_formatted, ==, digits);
  return 0;
}
