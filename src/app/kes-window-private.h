/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "accounts/kes-inactivity.h"
#include "accounts/kes-lock-screen.h"
#include "carers/kes-carers-page.h"
#include "kes-context.h"
#include "kes-window.h"
#include "liaison/kes-liaison-page.h"
#include "today/kes-today-page.h"
#include "welcome/kes-welcome-page.h"

G_BEGIN_DECLS

/* Shared by the kes-window*.c files only: the window is split by concern
 * (HACKING.md), each file one job. */

struct _KesWindow
{
  AdwApplicationWindow  parent_instance;

  KesContext           *context;     /* the application's (or the window's own, in tests) */
  KesStore             *store;
  KesStore             *pages_store; /* the store the areas were given, after sign-in */
  GSettings            *settings;
  KesInactivity        *inactivity;
  gboolean              close_confirmed;
  gboolean              main_enabled; /* signed in, the main actions on */
  char                 *record_from;  /* the area the record was opened from */
  GtkWidget            *area_focus;   /* weak: the focus there when it opened */

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *error_status;
  KesWelcomePage       *welcome_page;
  KesIntegrityBar      *integrity_bar;
  KesLockScreen        *lock_screen;  /* built when the window first locks */
  GPtrArray            *locked_away;  /* dialogs hidden while locked */
  guint                 drop_shell_id; /* the ended session's shell goes when idle */
  AdwLeaflet           *leaflet;      /* the signed-in shell, built at sign-in */
  GtkWidget            *content_box;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *content_title;
  GtkWidget            *caseload_back_button;
  AdwButtonContent     *back_content;
  GtkWidget            *new_patient_button;
  GtkLabel             *user_label;
  GtkMenuButton        *user_button;
  GtkStack             *content_stack;
  GtkWidget            *moj_reports_page;
  GtkWidget            *equality_view;
  KesCaseloadPage      *caseload_page;
  KesReferralsPage     *referrals_page;
  KesAdminPage         *admin_page;
  KesTodayPage         *today_page;
  KesCarersPage        *carers_page;
  KesLiaisonPage       *liaison_page;
  KesPatientPage       *patient_page;
};

/* Runs with the argument given, or NULL when the user kept editing. */
typedef void (*KesWindowThenFunc) (KesWindow  *self,
                                   const char *argument);

/* ---- kes-window-record.c: unsaved changes and the patient record ---- */
/* Runs @then with @argument now, or after the user agrees to discard
 * unsaved changes in the open record; if they keep editing, @then gets NULL. */
void            kes_window_after_unsaved_changes   (KesWindow         *self,
                                                    KesWindowThenFunc  then,
                                                    const char        *argument);
KesPatientPage *kes_window_ensure_patient_page     (KesWindow         *self);
void            kes_window_open_patient_now        (KesWindow         *self,
                                                    const char        *patient_id);
void            kes_window_new_patient_now         (KesWindow         *self,
                                                    const char        *unused);
void            kes_window_patient_activated_cb    (KesWindow         *self,
                                                    const char        *patient_id);
void            kes_window_today_item_activated_cb (KesWindow         *self,
                                                    KesDueItem        *item);
void            kes_window_directory_changed_cb    (KesWindow         *self);

/* ---- kes-window-areas.c: the shell, the sidebar and the areas ---- */
void            kes_window_ensure_shell            (KesWindow         *self);
void            kes_window_select_sidebar_row      (KesWindow         *self,
                                                    const char        *area);
gboolean        kes_window_actor_may               (KesWindow         *self,
                                                    KesPermission      permission);
void            kes_window_show_permitted_areas    (KesWindow         *self);
void            kes_window_give_lazy_areas_store   (KesWindow         *self);
void            kes_window_ensure_area             (KesWindow         *self,
                                                    const char        *area);
/* Shows @area, or stays on the record when @area is NULL (kept editing). */
void            kes_window_show_area_now           (KesWindow         *self,
                                                    const char        *area);
gboolean        kes_window_showing_patient         (KesWindow         *self);

/* ---- kes-window-session.c: who is signed in, signing out, the lock ---- */
void            kes_window_update_user             (KesWindow         *self);
void            kes_window_set_main_actions_enabled (KesWindow        *self,
                                                     gboolean          enabled);
void            kes_window_end_session             (KesWindow         *self);
void            kes_window_sign_out_now            (KesWindow         *self,
                                                    const char        *unused);
void            kes_window_enter_main              (KesWindow         *self);
void            kes_window_actor_chosen_cb         (KesWindow         *self,
                                                    KesStaff          *staff);
void            kes_window_inactivity_setting_changed_cb (KesWindow   *self);
void            kes_window_idle_cb                 (KesWindow         *self);
void            kes_window_lock_now                (KesWindow         *self);
void            kes_window_ensure_lock_screen      (KesWindow         *self);

/* ---- kes-window-keys.c: the window from the keyboard ---- */
void            kes_window_keys_class_init         (GtkWidgetClass    *widget_class);
/* Enables the keys' actions for what is shown (an area, a record). */
void            kes_window_keys_update             (KesWindow         *self);
/* Puts a focus left nowhere (on a widget hidden by a page change or a
 * save) into the page shown. */
void            kes_window_keep_focus              (KesWindow         *self);
void            kes_window_remember_area_focus     (KesWindow         *self);
/* The area the open record was opened from ("caseload", "today" …). */
const char     *kes_window_record_came_from        (KesWindow         *self);
void            kes_window_set_record_origin       (KesWindow         *self);

G_END_DECLS
