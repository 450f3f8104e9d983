/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-context.h"
#include "kes-patient.h"
#include "kes-store.h"
#include "patient/kes-patient-form.h"

G_BEGIN_DECLS

#define KES_TYPE_PATIENT_PAGE (kes_patient_page_get_type ())
G_DECLARE_FINAL_TYPE (KesPatientPage, kes_patient_page, KES, PATIENT_PAGE, AdwBin)

/* One patient's record: a header with name, identifiers, legal status and
 * alerts, and tabs for the register, contacts, notes and history.
 * Emits "saved" (patient id) after a save and "closed" when a new record is
 * abandoned. Actions: patient.edit, patient.save (Ctrl+S), patient.cancel
 * (Escape), and the Export menu's (kes-patient-export.h). */
GtkWidget      *kes_patient_page_new                 (void);
/* The "context" property, which the tabs in the template are bound to. */
void            kes_patient_page_set_context         (KesPatientPage *self,
                                                      KesContext     *context);
KesStore       *kes_patient_page_get_store           (KesPatientPage *self);
/* Re-reads what the actions may do now (the export permission, a job running). */
void            kes_patient_page_update_actions      (KesPatientPage *self);
gboolean        kes_patient_page_load                (KesPatientPage *self,
                                                      const char     *patient_id,
                                                      GError        **error);
/* An empty record in edit mode; @team_id preselects the team. */
void            kes_patient_page_new_patient         (KesPatientPage *self,
                                                      const char     *team_id);
/* The record as last loaded or saved (NULL before anything is loaded). */
KesPatient     *kes_patient_page_get_patient         (KesPatientPage *self);
KesPatientForm *kes_patient_page_get_form            (KesPatientPage *self);
gboolean        kes_patient_page_get_editing         (KesPatientPage *self);
gboolean        kes_patient_page_has_unsaved_changes (KesPatientPage *self);
/* Validates and saves the typed record; FALSE when it was not saved (the
 * problems are shown on the form or in a dialog). */
gboolean        kes_patient_page_save                (KesPatientPage *self);
/* Leaves edit mode without asking, restoring the saved values. */
void            kes_patient_page_discard_changes     (KesPatientPage *self);
/* Puts the keyboard focus on the record's first tab, where a keyboard or
 * screen-reader user starts when a record opens (issue 24). */
void            kes_patient_page_focus_tabs          (KesPatientPage *self);
/* Shows the record's tab named @tab ("overview", "medication" …) when it has one. */
void            kes_patient_page_show_tab            (KesPatientPage *self,
                                                      const char     *tab);

/* ---- kes-patient-tabs.c: the tabs from the keyboard ---- */
/* Shows the next (@step 1) or previous (-1) tab this person sees, round
 * the ends. */
gboolean        kes_patient_page_step_tab            (KesPatientPage *self,
                                                      int             step);
/* Shows the @number-th tab this person sees (from 1); FALSE when there is
 * no such tab. */
gboolean        kes_patient_page_show_tab_number     (KesPatientPage *self,
                                                      guint           number);
/* Shows the Notes tab with a new note's form, the focus in its title;
 * FALSE when notes can't be added here (a new record, editing the
 * register entry, or no right to write clinical notes). */
gboolean        kes_patient_page_add_note            (KesPatientPage *self);
/* Opens the Export menu (the keyboard then picks an item); FALSE when the
 * record offers no export now. */
gboolean        kes_patient_page_open_export_menu    (KesPatientPage *self);

G_END_DECLS
