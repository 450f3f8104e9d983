/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-liaison-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-atomic-file.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-liaison-report.h"

/* The activity of the liaison and diversion team: how many people were
 * screened, where, at whose request, what was found and what happened, who
 * they were (gender, ethnic category), with
 * small numbers suppressed so nobody screened can be picked out. */

static const KesLiaisonBreakdown breakdowns[] = {
  KES_LIAISON_BY_SETTING,
  KES_LIAISON_BY_SOURCE,
  KES_LIAISON_BY_VULNERABILITY,
  KES_LIAISON_BY_OUTCOME,
  KES_LIAISON_BY_GENDER,
  KES_LIAISON_BY_ETHNICITY,
};

static char *
period_text (const char *from,
             const char *to)
{
  g_autofree char *first = kes_date_to_display (from);
  g_autofree char *last = kes_date_to_display (to);
  return g_strdup_printf (_("%s to %s"), first, last);
}

static void
add_breakdown (KesDocument         *document,
               KesLiaisonActivity  *activity,
               KesLiaisonBreakdown  breakdown)
{
  const char *headers[] = { kes_liaison_breakdown_label (breakdown), _("People screened"), NULL };
  const double widths[] = { 4.0, 1.4 };
  KesCodeList *list = kes_code_list_get (kes_liaison_breakdown_codes (breakdown));
  g_auto(GStrv) shown = kes_liaison_activity_shown (activity, breakdown);
  guint n = g_strv_length (shown) - 1;
  KesBlock *table;

  kes_document_add_heading (document, 2, kes_liaison_breakdown_label (breakdown));
  table = kes_document_add_table (document, headers, widths);
  for (guint i = 0; i <= n; i++)
    {
      const char *label = i < n ? kes_code_list_get_label (list, i)
                                : breakdown == KES_LIAISON_BY_VULNERABILITY ? _("People screened")
                                                                            : _("All");
      const char *row[] = { label, shown[i], NULL };

      kes_block_add_row (table, row);
    }
}

KesDocument *
kes_liaison_report_build (KesLiaisonActivity *activity,
                          const char         *from,
                          const char         *to,
                          const char         *author)
{
  g_autoptr(KesDocument) document = NULL;
  g_autofree char *period = NULL;
  g_autofree char *total = NULL;
  g_autofree char *mappa = NULL;
  g_autofree char *converted = NULL;
  g_autofree char *onward = NULL;
  KesBlock *about;

  g_return_val_if_fail (activity != NULL && from != NULL && to != NULL, NULL);

  period = period_text (from, to);
  document = kes_document_new ("liaison-activity-report", _("Liaison and diversion activity"));
  kes_document_set_subtitle (document, period);
  kes_document_set_subject (document, _("People screened by the liaison and diversion team: settings, "
                                        "who asked, vulnerabilities identified, outcomes, gender and ethnic category"));
  if (author != NULL)
    kes_document_set_author (document, author);

  total = kes_disclosure_count (&activity->disclosure, activity->total);
  mappa = kes_disclosure_count (&activity->disclosure, activity->mappa_liaison);
  converted = kes_disclosure_count (&activity->disclosure, activity->converted);
  about = kes_document_add_key_values (document, NULL);
  kes_block_add_key_value (about, _("Period"), period);
  kes_block_add_key_value (about, _("People screened"), total);
  kes_block_add_key_value (about, _("With MAPPA liaison"), mappa);
  kes_block_add_key_value (about, _("Made into patient records"), converted);
  onward = kes_disclosure_count (&activity->disclosure, activity->referred_onward);
  kes_block_add_key_value (about, _("Referred to other services"), onward);
  {
    g_autofree char *rule = kes_disclosure_describe (&activity->disclosure);
    g_autofree char *text = g_strdup_printf (_("Screenings dated in the period, one for each time a person was "
                                               "screened. %s A person may have several vulnerabilities, so "
                                               "that table has no total."), rule);
    kes_document_add_paragraph (document, text);
  }
  for (guint b = 0; b < G_N_ELEMENTS (breakdowns); b++)
    add_breakdown (document, activity, breakdowns[b]);
  return g_steal_pointer (&document);
}

static void
csv_field (GString    *out,
           const char *text)
{
  gboolean formula = text[0] != '\0' && strchr ("=+-@", text[0]) != NULL;

  if (strpbrk (text, ",\"\n") == NULL && !formula)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
kes_liaison_report_to_csv (KesLiaisonActivity *activity,
                           const char         *from,
                           const char         *to)
{
  GString *out = g_string_new ("period_from,period_to,breakdown,category,count\n");

  g_return_val_if_fail (activity != NULL && from != NULL && to != NULL, NULL);

  for (guint b = 0; b < G_N_ELEMENTS (breakdowns); b++)
    {
      KesCodeList *list = kes_code_list_get (kes_liaison_breakdown_codes (breakdowns[b]));
      g_auto(GStrv) shown = kes_liaison_activity_shown (activity, breakdowns[b]);
      guint n = g_strv_length (shown) - 1;

      for (guint i = 0; i <= n; i++)
        {
          const char *fields[] = { from, to, kes_liaison_breakdown_label (breakdowns[b]),
                                   i < n ? kes_code_list_get_label (list, i) : _("All"), shown[i] };

          for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
            {
              if (f > 0)
                g_string_append_c (out, ',');
              csv_field (out, fields[f]);
            }
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
kes_liaison_report_write_csv (KesLiaisonActivity  *activity,
                              const char          *from,
                              const char          *to,
                              const char          *path,
                              GError             **error)
{
  g_autofree char *csv = kes_liaison_report_to_csv (activity, from, to);
  return kes_atomic_file_set_contents (path, csv, strlen (csv), error);
}
