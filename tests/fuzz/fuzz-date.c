/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: kes_date_parse on any bytes. An accepted date is a
 * valid calendar date in YYYY-MM-DD form that round-trips through GDate and
 * parses to itself. */
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
  g_autofree char *iso = kes_date_parse (input, "Date of birth", &error);
  g_autofree char *again = NULL;
  g_autofree char *back = NULL;
  g_autoptr(GDate) date = NULL;

  if (iso == NULL)
    {
      g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (iso), ==, 10);
  g_assert_true (iso[4] == '-' && iso[7] == '-');

  date = kes_date_from_iso (iso);
  g_assert_nonnull (date);
  g_assert_true (g_date_valid (date));
  back = kes_date_to_iso (date);
  g_assert_cmpstr (back, ==, iso);

  again = kes_date_parse (iso, "Date of birth", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, iso);
  return 0;
}
