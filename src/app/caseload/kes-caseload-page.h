/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-caseload-model.h"
#include "kes-context.h"

G_BEGIN_DECLS

#define KES_TYPE_CASELOAD_PAGE (kes_caseload_page_get_type ())
G_DECLARE_FINAL_TYPE (KesCaseloadPage, kes_caseload_page, KES, CASELOAD_PAGE, AdwBin)

/* The caseload: every patient in a column view with search, team and
 * coordinator filters and sorting, plus a full-text search over notes.
 * Emits "patient-activated" with a patient id when a row or note hit is
 * activated. Rows load in a worker thread; "loading" is TRUE meanwhile. */
GtkWidget        *kes_caseload_page_new               (void);
/* The "context" property: the rows load at once, and again in the
 * background when a patient, a legal status or a member of staff is saved;
 * the note hits again when a note is saved, once the page is on screen
 * (KesContext::changed). */
void              kes_caseload_page_set_context       (KesCaseloadPage *self,
                                                       KesContext      *context);
/* Reloads the rows now, in the background (what another program wrote). */
void              kes_caseload_page_reload            (KesCaseloadPage *self);
/* Refills the team and coordinator filters (after directory changes). */
void              kes_caseload_page_reload_directory  (KesCaseloadPage *self);
void              kes_caseload_page_focus_search      (KesCaseloadPage *self);
gboolean          kes_caseload_page_get_loading       (KesCaseloadPage *self);
KesCaseloadModel *kes_caseload_page_get_model         (KesCaseloadPage *self);

G_END_DECLS
