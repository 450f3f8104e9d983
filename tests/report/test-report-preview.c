/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-preview"

#include "config.h"

#include <glib/gstdio.h>

#include "kes-test-sample.h"
#include "preview/kes-report-preview.h"

static void
page_shown_cb (KesReportPreview *preview,
               guint             page,
               gboolean         *shown)
{
  *shown = TRUE;
}

/* Runs the main loop until the preview shows a page. */
static void
wait_for_page (KesReportPreview *preview)
{
  gboolean shown = FALSE;
  gulong id = g_signal_connect (preview, "page-shown", G_CALLBACK (page_shown_cb), &shown);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!shown && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handler_disconnect (preview, id);
  g_assert_true (shown);
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkPicture *
find_picture (GtkWidget *widget)
{
  if (GTK_IS_PICTURE (widget))
    return GTK_PICTURE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkPicture *found = find_picture (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
save_png (GtkWidget  *widget,
          const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_report_preview_save_finish (KES_REPORT_PREVIEW (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_preview (void)
{
  g_autoptr(KesDocument) document = kes_test_sample_document (20);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *widget = kes_report_preview_new ();
  KesReportPreview *preview = KES_REPORT_PREVIEW (widget);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  const char *screenshot = g_getenv ("KES_PREVIEW_SCREENSHOT");
  GtkPicture *picture;
  GdkPaintable *page;
  gboolean saved = FALSE;
  int width_100;
  gsize length;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));

  kes_report_preview_set_document (preview, document);
  wait_for_page (preview);

  g_assert_cmpuint (kes_report_preview_get_n_pages (preview), >, 2);
  expected = g_strdup_printf ("Page 1 of %u", kes_report_preview_get_n_pages (preview));
  g_assert_nonnull (find_label (widget, expected));

  picture = find_picture (widget);
  page = gtk_picture_get_paintable (picture);
  g_assert_nonnull (page);
  /* A4 at 100 %: 595 points at 96 pixels an inch. */
  width_100 = gdk_paintable_get_intrinsic_width (page);
  g_assert_cmpint (width_100, ==, 794);

  if (screenshot != NULL)
    {
      gtk_test_widget_wait_for_draw (window);
      save_png (window, screenshot);
    }

  /* Page navigation, by action as the buttons and keys do. */
  g_assert_false (gtk_widget_activate_action (widget, "preview.previous-page", NULL) &&
                  kes_report_preview_get_page (preview) != 0);
  gtk_widget_activate_action (widget, "preview.next-page", NULL);
  wait_for_page (preview);
  g_assert_cmpuint (kes_report_preview_get_page (preview), ==, 1);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Page 2 of %u", kes_report_preview_get_n_pages (preview));
  g_assert_nonnull (find_label (widget, expected));

  gtk_widget_activate_action (widget, "preview.zoom-in", NULL);
  wait_for_page (preview);
  g_assert_cmpfloat (kes_report_preview_get_zoom (preview), ==, 1.25);
  g_assert_nonnull (find_label (widget, "125%"));
  page = gtk_picture_get_paintable (picture);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (page), ==, 992);

  /* Save writes the very bytes shown, and nothing else. */
  dir = g_dir_make_tmp ("kestrel-preview-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "summary.pdf", NULL);
  kes_report_preview_save_async (preview, path, NULL, saved_cb, &saved);
  while (!saved)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpmem (contents, length, g_bytes_get_data (kes_report_preview_get_pdf (preview), NULL),
                   g_bytes_get_size (kes_report_preview_get_pdf (preview)));
  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/report-preview/pages-zoom-save", test_preview);

  return g_test_run ();
}
