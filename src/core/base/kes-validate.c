/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-validate"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "kes-error.h"
#include "kes-validate.h"

KesIssue *
kes_issue_new (const char       *field,
               KesIssueSeverity  severity,
               const char       *format,
               ...)
{
  KesIssue *issue = g_new0 (KesIssue, 1);
  va_list args;

  issue->field = g_strdup (field);
  issue->severity = severity;
  va_start (args, format);
  issue->message = g_strdup_vprintf (format, args);
  va_end (args);
  return issue;
}

void
kes_issue_free (KesIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->field);
  g_free (issue->message);
  g_free (issue);
}

gboolean
kes_issues_to_error (GPtrArray  *issues,
                     GError    **error)
{
  g_autoptr(GString) message = NULL;

  if (issues == NULL || issues->len == 0)
    return TRUE;
  message = g_string_new (NULL);
  for (guint i = 0; i < issues->len; i++)
    {
      KesIssue *issue = g_ptr_array_index (issues, i);
      g_string_append_printf (message, "%s%s", i > 0 ? "\n" : "", issue->message);
    }
  g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, message->str);
  return FALSE;
}

/* ---- NHS number ---- */

int
kes_nhs_number_check_digit (const char *nine_digits)
{
  int sum = 0;
  int check;

  g_return_val_if_fail (nine_digits != NULL, -1);

  for (int i = 0; i < 9; i++)
    {
      if (!g_ascii_isdigit (nine_digits[i]))
        return -1;
      sum += (nine_digits[i] - '0') * (10 - i);
    }
  check = 11 - (sum % 11);
  if (check == 11)
    check = 0;
  if (check == 10)
    return -1;
  return check;
}

char *
kes_nhs_number_format (const char *digits)
{
  if (digits == NULL || strlen (digits) != 10)
    return g_strdup (digits != NULL ? digits : "");
  return g_strdup_printf ("%.3s %.3s %.4s", digits, digits + 3, digits + 6);
}

char *
kes_nhs_number_parse (const char  *input,
                      GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *shown = NULL;
  int check;

  g_return_val_if_fail (input != NULL, NULL);

  for (const char *p = input; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-' || *p == '\t')
        continue;
      if (!g_ascii_isdigit (*p))
        {
          /* The input may be any bytes; a message must be UTF-8. */
          g_autofree char *quoted = g_utf8_make_valid (input, -1);
          g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                       _("NHS number “%s”: use digits only (spaces are fine)"), quoted);
          return NULL;
        }
      g_string_append_c (digits, *p);
    }

  if (digits->len != 10)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("NHS number “%s”: it must have 10 digits, not %u"),
                   input, (guint) digits->len);
      return NULL;
    }

  shown = kes_nhs_number_format (digits->str);
  check = kes_nhs_number_check_digit (digits->str);
  /* Never say which digit would pass: that turns a typo into someone
   * else's valid number. The user checks the whole number at its source. */
  if (check < 0 || digits->str[9] - '0' != check)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("NHS number %s fails its check: compare it with the document it came from (a "
                     "letter, referral or NHS card); a digit may be wrong or two may be swapped"),
                   shown);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&digits), FALSE);
}

/* ---- Postcode ---- */

/* The shapes of a UK postcode's outward code, then the inward code. */
#define POSTCODE_PATTERN \
  "^(GIR0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])" \
  "[0-9][ABD-HJLNP-UW-Z]{2})$"

char *
kes_postcode_parse (const char  *input,
                    GError     **error)
{
  static GRegex *pattern;
  g_autoptr(GString) compact = g_string_new (NULL);

  g_return_val_if_fail (input != NULL, NULL);

  if (g_once_init_enter (&pattern))
    g_once_init_leave (&pattern, g_regex_new (POSTCODE_PATTERN, G_REGEX_OPTIMIZE | G_REGEX_DOLLAR_ENDONLY, 0, NULL));

  for (const char *p = input; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (compact, g_ascii_toupper (*p));

  if (compact->len < 5 || !g_regex_match (pattern, compact->str, 0, NULL))
    {
      g_autofree char *quoted = g_utf8_make_valid (input, -1);
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("Postcode “%s” is not a UK postcode (for example NR1 3SR)"), quoted);
      return NULL;
    }

  g_string_insert_c (compact, compact->len - 3, ' ');
  return g_string_free (g_steal_pointer (&compact), FALSE);
}

/* ---- Dates ---- */

GDate *
kes_date_from_iso (const char *iso_date)
{
  unsigned int y, m, d;
  char tail;

  if (iso_date == NULL)
    return NULL;
  if (sscanf (iso_date, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return NULL;
  if (strlen (iso_date) != 10)
    return NULL;
  if (!g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_new_dmy (d, m, y);
}

char *
kes_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  return g_strdup_printf ("%04d-%02d-%02d",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

char *
kes_date_parse (const char  *input,
                const char  *field_label,
                GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *quoted = NULL;
  unsigned int y = 0, m = 0, d = 0;
  char tail;
  gboolean shaped = FALSE;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (field_label != NULL, NULL);

  trimmed = g_strstrip (g_strdup (input));
  if (strlen (trimmed) == 10 && sscanf (trimmed, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3)
    shaped = TRUE;
  else if (sscanf (trimmed, "%2u/%2u/%4u%c", &d, &m, &y, &tail) == 3 && y >= 1000)
    shaped = TRUE;

  quoted = g_utf8_make_valid (input, -1);
  if (!shaped)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("%s “%s”: write the date as 21/11/1984 or 1984-11-21"),
                   field_label, quoted);
      return NULL;
    }
  /* %u accepts a sign: "-999" wraps to a huge year that GDate's 16-bit
   * year would silently truncate into a valid one. */
  if (y > 9999 || m > 12 || d > 31 || !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("%s “%s” is not a real date"), field_label, quoted);
      return NULL;
    }
  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

char *
kes_date_to_typed (const char *iso_date)
{
  g_autoptr(GDate) date = NULL;

  if (iso_date == NULL)
    return g_strdup ("");
  date = kes_date_from_iso (iso_date);
  if (date == NULL)
    return g_strdup (iso_date);
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date), g_date_get_month (date),
                          g_date_get_year (date));
}

int
kes_age_on (const GDate *birth,
            const GDate *on)
{
  int age;

  g_return_val_if_fail (birth != NULL && on != NULL, 0);

  age = g_date_get_year (on) - g_date_get_year (birth);
  if (g_date_get_month (on) < g_date_get_month (birth) ||
      (g_date_get_month (on) == g_date_get_month (birth) &&
       g_date_get_day (on) < g_date_get_day (birth)))
    age--;
  return age;
}

gboolean
kes_text_is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}
