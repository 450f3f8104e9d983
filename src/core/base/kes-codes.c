/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-codes"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-codes.h"
#include "kes-core-resources.h"
#include "kes-error.h"

#define CORE_RESOURCE_PREFIX "/io/github/kestrelcare/Kestrel/core/"

struct _KesCodeList
{
  GPtrArray  *codes;  /* char* */
  GPtrArray  *labels; /* char* */
  GHashTable *index;  /* code -> position + 1 */
};

GBytes *
kes_core_data_lookup (const char  *path,
                      GError     **error)
{
  g_autofree char *full = g_strconcat (CORE_RESOURCE_PREFIX, path, NULL);

  /* Looked up on our own resource rather than the global table, so the
   * linker keeps it in every binary that links core. */
  return g_resource_lookup_data (kes_core_get_resource (), full,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

GStrv
kes_core_data_list (const char  *folder,
                    GError     **error)
{
  g_autofree char *full = g_strconcat (CORE_RESOURCE_PREFIX, folder, NULL);
  GStrv names = g_resource_enumerate_children (kes_core_get_resource (), full,
                                               G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (names != NULL)
    g_qsort_with_data (names, (gint) g_strv_length (names), sizeof (char *), compare_names, NULL);
  return names;
}

static KesCodeList *
code_list_parse (GBytes *bytes)
{
  KesCodeList *list = g_new0 (KesCodeList, 1);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  list->codes = g_ptr_array_new_with_free_func (g_free);
  list->labels = g_ptr_array_new_with_free_func (g_free);
  list->index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *tab;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      tab = strchr (lines[i], '\t');
      if (tab == NULL)
        continue;
      g_ptr_array_add (list->codes, g_strndup (lines[i], tab - lines[i]));
      g_ptr_array_add (list->labels, g_strdup (tab + 1));
      g_hash_table_insert (list->index, g_ptr_array_index (list->codes, list->codes->len - 1),
                           GUINT_TO_POINTER (list->codes->len));
    }
  return list;
}

KesCodeList *
kes_code_list_get (const char *name)
{
  static GMutex lock;
  static GHashTable *lists;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  KesCodeList *list;

  g_return_val_if_fail (name != NULL, NULL);

  if (lists == NULL)
    lists = g_hash_table_new (g_str_hash, g_str_equal);

  list = g_hash_table_lookup (lists, name);
  if (list == NULL)
    {
      g_autofree char *path = g_strdup_printf ("codes/%s.tsv", name);
      g_autoptr(GBytes) bytes = kes_core_data_lookup (path, NULL);

      if (bytes == NULL)
        return NULL;
      list = code_list_parse (bytes);
      /* Lists live for the life of the process. */
      g_hash_table_insert (lists, g_strdup (name), list);
    }
  return list;
}

guint
kes_code_list_get_n_codes (KesCodeList *list)
{
  g_return_val_if_fail (list != NULL, 0);
  return list->codes->len;
}

const char *
kes_code_list_get_code (KesCodeList *list,
                        guint        position)
{
  g_return_val_if_fail (list != NULL && position < list->codes->len, NULL);
  return g_ptr_array_index (list->codes, position);
}

const char *
kes_code_list_get_label (KesCodeList *list,
                         guint        position)
{
  g_return_val_if_fail (list != NULL && position < list->labels->len, NULL);
  return g_ptr_array_index (list->labels, position);
}

int
kes_code_list_find (KesCodeList *list,
                    const char  *code)
{
  g_return_val_if_fail (list != NULL, -1);
  if (code == NULL)
    return -1;
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (list->index, code)) - 1;
}

const char *
kes_code_list_lookup (KesCodeList *list,
                      const char  *code)
{
  int position = kes_code_list_find (list, code);
  return position < 0 ? NULL : kes_code_list_get_label (list, (guint) position);
}

gboolean
kes_code_list_contains (KesCodeList *list,
                        const char  *code)
{
  return kes_code_list_find (list, code) >= 0;
}
