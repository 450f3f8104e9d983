/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "admin/kes-admin-page.h"
#include "caseload/kes-caseload-page.h"
#include "integrity/kes-integrity-bar.h"
#include "kes-store.h"
#include "patient/kes-patient-page.h"
#include "referrals/kes-referrals-page.h"

G_BEGIN_DECLS

#define KES_TYPE_WINDOW (kes_window_get_type ())
G_DECLARE_FINAL_TYPE (KesWindow, kes_window, KES, WINDOW, AdwApplicationWindow)

/* The main window: a sidebar of areas and the content beside it. */
KesWindow       *kes_window_new                (GtkApplication *application);
/* Shows the welcome page or the caseload, depending on the staff directory. */
void             kes_window_set_store          (KesWindow      *self,
                                                KesStore       *store);
/* Shows why the database could not be opened and what to do. */
void             kes_window_show_open_error    (KesWindow      *self,
                                                const char     *path,
                                                const GError   *error);
void             kes_window_show_area          (KesWindow      *self,
                                                const char     *area);
void             kes_window_open_patient       (KesWindow      *self,
                                                const char     *patient_id);
/* Locks the window after @milliseconds without key or pointer activity
 * (0: never). Follows the "inactivity-lock-minutes" setting; tests set a
 * short time here. */
void             kes_window_set_inactivity_lock (KesWindow     *self,
                                                 guint          milliseconds);
/* Closes the open database and opens @path (a restored backup) instead,
 * after asking about unsaved changes in the open record; everyone signs in
 * again, as when Kestrel starts. A file that can't be opened leaves the
 * open database as it was and says why. */
void             kes_window_open_database      (KesWindow      *self,
                                                const char     *path);
/* The database the window is on; its areas are given it at sign-in. */
KesStore        *kes_window_get_store          (KesWindow      *self);
/* The application's context (the window's own when it has no
 * KesApplication), which the areas take as their "context". */
KesContext      *kes_window_get_context        (KesWindow      *self);
KesCaseloadPage *kes_window_get_caseload_page  (KesWindow      *self);
/* Areas built on first use: these build them if they are not yet. */
KesAdminPage    *kes_window_get_admin_page     (KesWindow      *self);
KesReferralsPage *kes_window_get_referrals_page (KesWindow      *self);
KesPatientPage  *kes_window_get_patient_page   (KesWindow      *self);
/* The stack the areas are pages of, and the lock screen: also built on
 * first use. */
GtkStack        *kes_window_get_content_stack  (KesWindow      *self);
GtkWidget       *kes_window_get_lock_screen    (KesWindow      *self);
/* The foot of the window that shows the whole-file check after sign-in
 * and any damage it finds (integrity/kes-integrity-bar.h). */
KesIntegrityBar *kes_window_get_integrity_bar  (KesWindow      *self);

G_END_DECLS
