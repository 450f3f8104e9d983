/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  KES_ISSUE_ERROR,   /* blocks saving */
  KES_ISSUE_WARNING, /* saving needs an override reason */
} KesIssueSeverity;

/* One problem with one field, in plain words. */
typedef struct
{
  char             *field;   /* machine name, e.g. "nhs_number" */
  char             *message; /* e.g. "NHS number 943 476 5918 fails its check: …" */
  KesIssueSeverity  severity;
} KesIssue;

KesIssue  *kes_issue_new  (const char       *field,
                           KesIssueSeverity  severity,
                           const char       *format,
                           ...) G_GNUC_PRINTF (3, 4);
void       kes_issue_free (KesIssue         *issue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesIssue, kes_issue_free)

/* Joins the issues' messages, one a line, into one KES_ERROR_INVALID
 * error; TRUE when there are none. */
gboolean   kes_issues_to_error (GPtrArray    *issues,
                                GError      **error);

/* Parsers: each returns a normalised value or NULL with a KES_ERROR_INVALID
 * error whose message names the field and the problem. */

/* Accepts "9434765919", "943 476 5919", "943-476-5919"; returns 10 digits. */
char     *kes_nhs_number_parse        (const char  *input,
                                       GError     **error);
/* "9434765919" -> "943 476 5919" */
char     *kes_nhs_number_format       (const char  *digits);
/* The Modulus 11 check digit for nine digits, or -1 when the stem gives 10. */
int       kes_nhs_number_check_digit  (const char  *nine_digits);

/* TRUE for NULL, "" and text of white space only (a reason that says
 * nothing). */
gboolean  kes_text_is_blank           (const char  *text);

/* UK postcode; returns upper case with one space: "NR1 3SR". */
char     *kes_postcode_parse          (const char  *input,
                                       GError     **error);

/* A calendar date, "YYYY-MM-DD" or "DD/MM/YYYY"; returns "YYYY-MM-DD".
 * @field_label names the field in the message ("Date of birth"). */
char     *kes_date_parse              (const char  *input,
                                       const char  *field_label,
                                       GError     **error);
GDate    *kes_date_from_iso           (const char  *iso_date);
/* "YYYY-MM-DD" as a date is typed into a form, "21/11/2026"; anything that
 * is not such a date is returned as it is, NULL as "". */
char     *kes_date_to_typed           (const char  *iso_date);
char     *kes_date_to_iso             (const GDate *date);
/* Whole years between two dates. */
int       kes_age_on                  (const GDate *birth,
                                       const GDate *on);

G_END_DECLS
