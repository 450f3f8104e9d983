/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-risk-form"

#include "config.h"

#include <adwaita.h>

#include "kes-store.h"
#include "kes-tool-definition.h"
#include "risk/kes-risk-form.h"

/* Loads a definition with @n items (presence and relevance slots, evidence,
 * in sections of 20) and builds its form, printing the time of each step. */

static GBytes *
definition (guint n)
{
  GString *xml = g_string_new (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<tool xmlns=\"urn:kestrel:tooldef:1\" id=\"BENCH\" version=\"1\" defVersion=\"1\">\n"
    "  <title>Benchmark definition</title>\n"
    "  <citation>Generated for the form benchmark.</citation>\n"
    "  <licence kind=\"local\"><note>Generated.</note></licence>\n"
    "  <review defaultIntervalMonths=\"6\" requiresSignOff=\"true\"/>\n"
    "  <scale id=\"presence\"><point code=\"N\" ordinal=\"0\"><label>No</label></point>"
    "<point code=\"P\" ordinal=\"1\"><label>Partly</label></point>"
    "<point code=\"Y\" ordinal=\"2\"><label>Yes</label></point>"
    "<point code=\"Omit\" missing=\"true\"><label>Omit</label></point></scale>\n"
    "  <scale id=\"relevance\"><point code=\"L\" ordinal=\"0\"><label>Low</label></point>"
    "<point code=\"M\" ordinal=\"1\"><label>Moderate</label></point>"
    "<point code=\"H\" ordinal=\"2\"><label>High</label></point></scale>\n");

  for (guint i = 0; i < n; i++)
    {
      if (i % 20 == 0)
        g_string_append_printf (xml, "%s  <section code=\"S%u\"><title>Section %u</title>\n",
                                i > 0 ? "  </section>\n" : "", i / 20 + 1, i / 20 + 1);
      g_string_append_printf (xml,
                              "    <item code=\"I%u\"><title>Item %u</title>"
                              "<rating name=\"presence\" scale=\"presence\"/>"
                              "<rating name=\"relevance\" scale=\"relevance\"/>"
                              "<field id=\"I%u_ev\" type=\"richtext\"><label>Evidence</label></field></item>\n",
                              i + 1, i + 1, i + 1);
    }
  g_string_append (xml, "  </section>\n</tool>\n");
  return g_string_free_to_bytes (xml);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 200;
  g_autoptr(GBytes) xml = definition (n);
  g_autoptr(GError) error = NULL;
  g_autoptr(KesToolDefinition) def = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesRiskAssessment) assessment = NULL;
  GtkWidget *window;
  GtkWidget *form;
  gint64 start;
  double load_ms, build_ms, show_ms, rest_ms;

  gtk_init ();
  adw_init ();

  start = g_get_monotonic_time ();
  def = kes_tool_definition_new_from_bytes (xml, &error);
  load_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (def == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  store = kes_store_open (":memory:", &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  assessment = kes_risk_assessment_new ("bench", "BENCH", "1", 1);

  start = g_get_monotonic_time ();
  form = kes_risk_form_new (store, def, assessment);
  build_ms = (g_get_monotonic_time () - start) / 1000.0;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  start = g_get_monotonic_time ();
  gtk_window_set_child (GTK_WINDOW (window), form);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (form))
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (window);
  show_ms = (g_get_monotonic_time () - start) / 1000.0;
  start = g_get_monotonic_time ();
  kes_risk_form_finish_building (KES_RISK_FORM (form));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, TRUE);
  rest_ms = (g_get_monotonic_time () - start) / 1000.0;

  g_print ("definition with %u items (%u rating controls): load and validate %.1f ms, "
           "build the form %.1f ms, first show %.1f ms; the other items in idle time %.1f ms\n",
           n, 2 * n, load_ms, build_ms, show_ms, rest_ms);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
