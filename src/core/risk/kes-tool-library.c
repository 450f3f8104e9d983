/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-tool-library"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-report-error.h"
#include "kes-store-risk.h"
#include "kes-tool-library.h"
#include "kes-tool-resources.h"

#define TOOLS_PATH "/io/github/kestrelcare/Kestrel/tools/"

static GResource *
tools_resource (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      kes_tools_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  return kes_tools_get_resource ();
}

/* Definitions are immutable once loaded, and loading one (the XSD, every
 * reference) costs far more than a lookup: each distinct file is loaded
 * once a process, however often the library is listed (every risk
 * assessment of an import, every form opened). Keyed by the bytes, so an
 * imported definition is a different key from a shipped one. */
G_LOCK_DEFINE_STATIC (loaded);
static GHashTable *loaded;

static KesToolDefinition *
definition_from_bytes (GBytes  *bytes,
                       GError **error)
{
  KesToolDefinition *definition;

  G_LOCK (loaded);
  if (loaded == NULL)
    loaded = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, g_object_unref);
  definition = g_hash_table_lookup (loaded, bytes);
  if (definition == NULL)
    {
      definition = kes_tool_definition_new_from_bytes (bytes, error);
      if (definition != NULL)
        g_hash_table_insert (loaded, g_bytes_ref (bytes), definition);
    }
  G_UNLOCK (loaded);
  return definition != NULL ? g_object_ref (definition) : NULL;
}

static int
by_title (gconstpointer a,
          gconstpointer b)
{
  KesToolDefinition *x = *(KesToolDefinition **) a;
  KesToolDefinition *y = *(KesToolDefinition **) b;
  int c = g_utf8_collate (kes_tool_definition_get_title (x), kes_tool_definition_get_title (y));

  return c != 0 ? c : g_strcmp0 (kes_tool_definition_get_key (x), kes_tool_definition_get_key (y));
}

GPtrArray *
kes_tool_library_list_shipped (GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) names = NULL;

  names = g_resource_enumerate_children (tools_resource (), TOOLS_PATH,
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return NULL;
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (TOOLS_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resource_lookup_data (tools_resource (), path,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      g_autoptr(GError) local_error = NULL;
      KesToolDefinition *def;

      if (bytes == NULL)
        return NULL;
      def = definition_from_bytes (bytes, &local_error);
      if (def == NULL)
        {
          g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID,
                       _("The definition %s shipped with Kestrel is invalid: %s"), names[i],
                       local_error->message);
          return NULL;
        }
      g_ptr_array_add (list, def);
    }
  g_ptr_array_sort (list, by_title);
  return g_steal_pointer (&list);
}

GPtrArray *
kes_tool_library_list (KesStore  *store,
                       GError   **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) imported = NULL;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);

  list = kes_tool_library_list_shipped (error);
  if (list == NULL)
    return NULL;
  imported = kes_store_list_tool_definitions (store, error);
  if (imported == NULL)
    return NULL;
  for (guint i = 0; i < imported->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      KesToolDefinition *def = definition_from_bytes (g_ptr_array_index (imported, i), &local_error);

      if (def == NULL)
        {
          g_warning ("An imported tool definition (number %u) no longer loads: %s", i + 1,
                     local_error->message);
          continue;
        }
      g_ptr_array_add (list, def);
    }
  g_ptr_array_sort (list, by_title);
  return g_steal_pointer (&list);
}

KesToolDefinition *
kes_tool_library_find (KesStore    *store,
                       const char  *tool_id,
                       const char  *version,
                       guint        def_version,
                       GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);

  list = kes_tool_library_list (store, error);
  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      KesToolDefinition *def = g_ptr_array_index (list, i);

      if (g_strcmp0 (kes_tool_definition_get_id (def), tool_id) == 0 &&
          g_strcmp0 (kes_tool_definition_get_version (def), version) == 0 &&
          kes_tool_definition_get_def_version (def) == def_version)
        return g_object_ref (def);
    }
  g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID,
               _("The definition %s version %s (definition version %u) is not installed: import it "
                 "to open assessments written with it"), tool_id, version, def_version);
  return NULL;
}

KesToolDefinition *
kes_tool_library_import (KesStore  *store,
                         GBytes    *xml,
                         GError   **error)
{
  g_autoptr(KesToolDefinition) def = NULL;
  g_autoptr(GPtrArray) shipped = NULL;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (xml != NULL, NULL);

  def = kes_tool_definition_new_from_bytes (xml, error);
  if (def == NULL)
    return NULL;
  shipped = kes_tool_library_list_shipped (error);
  if (shipped == NULL)
    return NULL;
  for (guint i = 0; i < shipped->len; i++)
    if (g_strcmp0 (kes_tool_definition_get_key (g_ptr_array_index (shipped, i)),
                   kes_tool_definition_get_key (def)) == 0)
      {
        g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_EXISTS,
                     _("Kestrel already ships %s version %s, definition version %u: give the "
                       "imported definition a new definition version (defVersion)"),
                     kes_tool_definition_get_id (def), kes_tool_definition_get_version (def),
                     kes_tool_definition_get_def_version (def));
        return NULL;
      }
  if (!kes_store_add_tool_definition (store, kes_tool_definition_get_id (def),
                                      kes_tool_definition_get_version (def),
                                      kes_tool_definition_get_def_version (def),
                                      kes_tool_definition_get_title (def), xml, error))
    return NULL;
  return g_steal_pointer (&def);
}
