/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* The signposting of a screening or a referral: the records made (each
 * with Change and Entered in Error), and a form to record another when the
 * source allows it (a screening whose outcome is signposting, a declined
 * or redirected referral); otherwise it says why there is no form. A
 * refused save keeps what was typed and says what to put right. Emits
 * "recorded" with where to after a save. */
#define KES_TYPE_SIGNPOSTING_LIST (kes_signposting_list_get_type ())
G_DECLARE_FINAL_TYPE (KesSignpostingList, kes_signposting_list, KES, SIGNPOSTING_LIST, AdwBin)

GtkWidget *kes_signposting_list_new       (KesStore   *store,
                                           const char *source_id);
/* Whether there is anything to show: a record made, or a form. */
gboolean   kes_signposting_list_has_any   (KesSignpostingList *self);

G_END_DECLS
