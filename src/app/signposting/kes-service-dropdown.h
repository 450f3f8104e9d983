/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* Fills @dropdown with every entry in use in the service directory, each
 * named with its kind and area so two teams of one name in different
 * areas are told apart; @none_label first (its code NULL). FALSE with
 * @error when the directory cannot be read. Used wherever a person is
 * sent or pointed to a service (onward referrals, signposting). */
gboolean kes_service_dropdown_fill (GtkDropDown  *dropdown,
                                    KesStore     *store,
                                    const char   *none_label,
                                    GError      **error);

G_END_DECLS
