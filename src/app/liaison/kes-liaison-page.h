/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* The Liaison & Diversion area: screenings, turning one into a patient
 * record or a referral without retyping, and the activity report (on
 * screen, as a PDF preview and as CSV, small numbers suppressed). */
#define KES_TYPE_LIAISON_PAGE (kes_liaison_page_get_type ())
G_DECLARE_FINAL_TYPE (KesLiaisonPage, kes_liaison_page, KES, LIAISON_PAGE, GtkWidget)

void kes_liaison_page_set_store      (KesLiaisonPage *self,
                                      KesStore       *store);
void kes_liaison_page_reload         (KesLiaisonPage *self);
void kes_liaison_page_show_screening (KesLiaisonPage *self,
                                      const char     *screening_id);
/* What Save CSV… does once a file is chosen: the activity report for the
 * period shown, written to the access log. */
gboolean kes_liaison_page_save_activity_csv (KesLiaisonPage  *self,
                                             const char      *path,
                                             GError         **error);

G_END_DECLS
