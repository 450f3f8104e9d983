/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-context.h"

G_BEGIN_DECLS

#define KES_TYPE_NOTES_VIEW (kes_notes_view_get_type ())
G_DECLARE_FINAL_TYPE (KesNotesView, kes_notes_view, KES, NOTES_VIEW, AdwBin)

/* A patient's clinical notes, newest first, with a form to add a note and
 * an action to mark one entered in error. */
GtkWidget *kes_notes_view_new            (void);
/* The "context" and "patient-id" properties: the list shows that patient's
 * notes, and follows every one saved (KesContext::changed). */
void       kes_notes_view_set_context    (KesNotesView *self,
                                          KesContext   *context);
void       kes_notes_view_set_patient_id (KesNotesView *self,
                                          const char   *patient_id);

/* Opens the form for a new note with the focus in its title (or moves the
 * focus back to a note already begun); FALSE when this person may not add
 * notes to the record. */
gboolean   kes_notes_view_start_note     (KesNotesView *self);

G_END_DECLS
