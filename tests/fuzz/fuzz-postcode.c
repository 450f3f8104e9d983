/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: kes_postcode_parse on any bytes. An accepted postcode
 * is upper-case ASCII letters and digits with exactly one space before the
 * three-character inward code, and parses to itself. */
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
  g_autofree char *postcode = kes_postcode_parse (input, &error);
  g_autofree char *again = NULL;
  gsize length;

  if (postcode == NULL)
    {
      g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  length = strlen (postcode);
  g_assert_cmpuint (length, >=, 6);
  g_assert_cmpuint (length, <=, 8);
  g_assert_cmpint (postcode[length - 4], ==, ' ');
  for (gsize i = 0; i < length; i++)
    if (i != length - 4)
      g_assert_true (g_ascii_isdigit (postcode[i]) || g_ascii_isupper (postcode[i]));

  again = kes_postcode_parse (postcode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, postcode);
  return 0;
}
