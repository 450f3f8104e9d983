/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <stdlib.h>
#include <time.h>

#include "kes-pdf-writer.h"
#include "kes-test-sample.h"

/* Times the PDF writer on a long document, then the floor: the same text
 * written by the simplest cairo + Pango program, one PangoLayout a
 * paragraph or cell, no pagination rules, no header, footer or second pass. */

static cairo_status_t
count_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  *(gsize *)closure += length;
  return CAIRO_STATUS_SUCCESS;
}

static void
floor_show (cairo_t      *cr,
            PangoContext *context,
            PangoFontDescription *font,
            const char   *text,
            double        x,
            double        width,
            double       *y,
            guint        *pages)
{
  PangoLayout *layout = pango_layout_new (context);
  int height;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, NULL, &height);

  if (*y + (double)height / PANGO_SCALE > 770)
    {
      cairo_show_page (cr);
      (*pages)++;
      *y = 72;
    }

  cairo_move_to (cr, x, *y);
  pango_cairo_show_layout (cr, layout);
  *y += (double)height / PANGO_SCALE + 4;
  g_object_unref (layout);
}

/* The process's CPU time in seconds: on a shared machine the wall clock also
 * counts time spent waiting for a core, which this does not. */
static double
cpu_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
sort_times (double *times,
            int     n)
{
  qsort (times, n, sizeof *times, compare_doubles);
}

static double
run_floor (KesDocument *document,
           gsize       *size,
           guint       *pages)
{
  gint64 start = g_get_monotonic_time ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (count_cb, size, 595.276, 841.89);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans 10");
  double y = 72;

  pango_cairo_context_set_resolution (context, 72);
  *pages = 1;
  for (guint i = 0; i < kes_document_get_n_blocks (document); i++)
    {
      const KesBlock *block = kes_document_get_block (document, i);

      switch (kes_block_get_kind (block))
        {
        case KES_BLOCK_HEADING:
        case KES_BLOCK_PARAGRAPH:
          floor_show (cr, context, font, kes_block_get_text (block), 56, 482, &y, pages);
          break;

        case KES_BLOCK_TABLE:
          for (guint r = 0; r < kes_block_get_n_rows (block); r++)
            for (guint c = 0; c < kes_block_get_n_columns (block); c++)
              floor_show (cr, context, font, kes_block_get_cell (block, r, c), 56 + 160 * c, 150,
                          &y, pages);
          break;

        case KES_BLOCK_KEY_VALUES:
        case KES_BLOCK_LIST:
        case KES_BLOCK_SIGNATURE:
        case KES_BLOCK_NOT_COMPLETED:
        case KES_BLOCK_PAGE_BREAK:
        default:
          break;
        }
    }

  cairo_show_page (cr);
  pango_font_description_free (font);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) options = g_option_context_new ("- time the PDF writer");
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  PopplerDocument *poppler;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *sample = NULL;
  int n_pages = 100;
  int runs = 5;
  g_autofree double *kestrel = NULL;
  g_autofree double *kestrel_cpu = NULL;
  g_autofree double *floor = NULL;
  g_autofree double *floor_cpu = NULL;
  gsize floor_size = 0;
  guint floor_pages = 0;
  const GOptionEntry entries[] = {
    { "pages", 'p', 0, G_OPTION_ARG_INT, &n_pages, "Sections (about a page each)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs; the median and worst are reported", "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Keep the PDF", "FILE" },
    { "sample", 's', 0, G_OPTION_ARG_FILENAME, &sample,
      "Only write the sample document (every kind of block) to FILE, to look at", "FILE" },
    { NULL }
  };

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (sample != NULL)
    {
      document = kes_test_sample_document (60);
      if (!kes_pdf_write_file (document, sample, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return 0;
    }

  document = kes_test_long_document (n_pages);
  runs = MAX (runs, 1);
  kestrel = g_new0 (double, runs);
  kestrel_cpu = g_new0 (double, runs);
  floor = g_new0 (double, runs);
  floor_cpu = g_new0 (double, runs);

  /* Kestrel and the floor take turns, so that a change in the machine's
   * load falls on both alike. */
  for (int run = 0; run < runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();

      g_clear_pointer (&pdf, g_bytes_unref);
      pdf = kes_pdf_render_bytes (document, NULL, &error);
      if (pdf == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      kestrel[run] = (g_get_monotonic_time () - start) / 1e6;
      kestrel_cpu[run] = cpu_seconds () - cpu_start;

      cpu_start = cpu_seconds ();
      floor_size = 0;
      floor[run] = run_floor (document, &floor_size, &floor_pages);
      floor_cpu[run] = cpu_seconds () - cpu_start;
    }
  sort_times (kestrel, runs);
  sort_times (kestrel_cpu, runs);
  sort_times (floor, runs);
  sort_times (floor_cpu, runs);

  poppler = poppler_document_new_from_bytes (pdf, NULL, &error);
  if (poppler == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (output != NULL && !g_file_set_contents (output, g_bytes_get_data (pdf, NULL),
                                              g_bytes_get_size (pdf), &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("kestrel: %d pages, %zu bytes: median %.3f s, worst %.3f s, median CPU %.3f s (%d runs)\n",
           poppler_document_get_n_pages (poppler), g_bytes_get_size (pdf),
           kestrel[runs / 2], kestrel[runs - 1], kestrel_cpu[runs / 2], runs);
  g_object_unref (poppler);
  g_print ("floor:   %u pages, %zu bytes: median %.3f s, worst %.3f s, median CPU %.3f s (%d runs, taking "
           "turns with Kestrel; one layout a paragraph or cell, one pass, no header or footer)\n",
           floor_pages, floor_size, floor[runs / 2], floor[runs - 1], floor_cpu[runs / 2], runs);
  g_print ("ratio:   %.2fx the floor's median wall time, %.2fx its median CPU time\n",
           kestrel[runs / 2] / floor[runs / 2], kestrel_cpu[runs / 2] / floor_cpu[runs / 2]);

  return 0;
}
