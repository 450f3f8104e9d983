/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-poppler"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <gmodule.h>

#include "preview/kes-poppler.h"

/* The soname poppler-glib has kept since 0.18 (2011). Should a system ship
 * another, previews say so (kes_poppler_get's error) and nothing else fails:
 * Kestrel writes its PDFs with cairo, not Poppler. */
#define POPPLER_GLIB_SONAME "libpoppler-glib.so.8"

static KesPoppler poppler;
static char *load_error;

static gboolean
find_symbol (GModule    *module,
             const char *name,
             gpointer   *symbol)
{
  if (g_module_symbol (module, name, symbol) && *symbol != NULL)
    return TRUE;
  load_error = g_strdup_printf (_("The PDF library has no “%s”"), name);
  return FALSE;
}

static void
load (void)
{
  /* Local binding: Poppler's symbols are for these pointers only. */
  GModule *module = g_module_open (POPPLER_GLIB_SONAME, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module == NULL)
    {
      load_error = g_strdup (g_module_error ());
      return;
    }
  if (!find_symbol (module, "poppler_document_new_from_bytes", (gpointer *) &poppler.document_new_from_bytes) ||
      !find_symbol (module, "poppler_document_get_n_pages", (gpointer *) &poppler.document_get_n_pages) ||
      !find_symbol (module, "poppler_document_get_page", (gpointer *) &poppler.document_get_page) ||
      !find_symbol (module, "poppler_page_get_size", (gpointer *) &poppler.page_get_size) ||
      !find_symbol (module, "poppler_page_render", (gpointer *) &poppler.page_render) ||
      !find_symbol (module, "poppler_page_render_for_printing", (gpointer *) &poppler.page_render_for_printing) ||
      !find_symbol (module, "poppler_page_get_text", (gpointer *) &poppler.page_get_text))
    {
      g_module_close (module);
      return;
    }
  /* Kept for the life of the process: documents and pages outlive any caller. */
  g_module_make_resident (module);
}

const KesPoppler *
kes_poppler_get (GError **error)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      load ();
      g_once_init_leave (&loaded, 1);
    }
  if (load_error != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("PDF pages cannot be shown: the PDF library could not be loaded (%s)"), load_error);
      return NULL;
    }
  return &poppler;
}
