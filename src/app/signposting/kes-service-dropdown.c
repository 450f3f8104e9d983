/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-service-dropdown"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-codes.h"
#include "kes-services.h"
#include "signposting/kes-service-dropdown.h"

gboolean
kes_service_dropdown_fill (GtkDropDown  *dropdown,
                           KesStore     *store,
                           const char   *none_label,
                           GError      **error)
{
  g_autoptr(GPtrArray) services = kes_store_list_services (store, NULL, error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  KesCodeList *kinds = kes_code_list_get (KES_CODES_SERVICE_KIND);

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), FALSE);

  if (services == NULL)
    return FALSE;
  for (guint i = 0; i < services->len; i++)
    {
      KesFieldRecord *service = services->pdata[i];
      const char *kind = kes_code_list_lookup (kinds, kes_field_record_get_text (service, "kind"));
      const char *area = kes_field_record_get_text (service, "area");

      g_ptr_array_add (ids, (gpointer) kes_field_record_get_id (service));
      g_ptr_array_add (labels, *area != '\0'
                                 ? g_strdup_printf ("%s (%s, %s)", kes_field_record_get_text (service, "name"),
                                                    kind != NULL ? kind : "", area)
                                 : g_strdup_printf ("%s (%s)", kes_field_record_get_text (service, "name"),
                                                    kind != NULL ? kind : ""));
    }
  kes_dropdown_fill (dropdown, none_label, (const char * const *) ids->pdata, (const char * const *) labels->pdata,
                     ids->len);
  return TRUE;
}
