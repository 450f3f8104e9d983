/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-window"

#include "config.h"

/* The main window: unsaved changes in the record, and opening, adding and
 * showing a patient record (kes-window-private.h). */

#include <glib/gi18n.h>

#include "accounts/kes-break-glass-dialog.h"
#include "accounts/kes-inactivity.h"
#include "accounts/kes-lock-screen.h"
#include "accounts/kes-password-dialog.h"
#include "accounts/kes-session-windows.h"
#include "admin/kes-admin-page.h"
#include "carers/kes-carers-page.h"
#include "liaison/kes-liaison-page.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-application.h"
#include "kes-error.h"
#include "kes-validate.h"
#include "kes-window.h"
#include "kes-window-private.h"
#include "moj/kes-moj-reports-page.h"
#include "today/kes-today-page.h"
#include "referrals/kes-referrals-page.h"
#include "reports/kes-equality-view.h"
#include "welcome/kes-welcome-page.h"

/* ---- Unsaved changes in the patient record ---- */

typedef struct
{
  KesWindow *window;
  KesWindowThenFunc   then;
  char      *argument;
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->window);
  g_free (pending->argument);
  g_free (pending);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Pending          *pending)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      kes_patient_page_discard_changes (pending->window->patient_page);
      pending->then (pending->window, pending->argument);
    }
  else
    {
      pending->then (pending->window, NULL);
    }

  pending_free (pending);
}

/* Runs @then with @argument now, or after the user agrees to discard unsaved
 * changes in the open record; if they keep editing, @then gets NULL. */
void
kes_window_after_unsaved_changes (KesWindow  *self,
                       KesWindowThenFunc    then,
                       const char *argument)
{
  GtkWidget *dialog;
  Pending *pending;

  if (self->patient_page == NULL || !kes_patient_page_has_unsaved_changes (self->patient_page))
    {
      if (self->patient_page != NULL && kes_patient_page_get_editing (self->patient_page))
        kes_patient_page_discard_changes (self->patient_page);
      then (self, argument);
      return;
    }

  pending = g_new0 (Pending, 1);
  pending->window = g_object_ref (self);
  pending->then = then;
  pending->argument = g_strdup (argument);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard Changes?"),
                                   _("The record you are editing has changes that have not been "
                                     "saved. They will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard Changes"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (discard_response_cb), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}


/* ---- The patient record ---- */

static void patient_saved_cb  (KesWindow  *self,
                               const char *patient_id);
static void patient_closed_cb (KesWindow  *self);

/* The record is built the first time it is needed: it is the largest area
 * (eleven tabs), and the first frame should not wait for it. */
KesPatientPage *
kes_window_ensure_patient_page (KesWindow *self)
{
  kes_window_ensure_shell (self);
  if (self->patient_page == NULL)
    {
      self->patient_page = KES_PATIENT_PAGE (kes_patient_page_new ());
      g_signal_connect_swapped (self->patient_page, "saved", G_CALLBACK (patient_saved_cb), self);
      g_signal_connect_swapped (self->patient_page, "closed", G_CALLBACK (patient_closed_cb), self);
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->patient_page), "patient");
      if (self->pages_store != NULL)
        kes_patient_page_set_context (self->patient_page, self->context);
    }
  return self->patient_page;
}

static void
show_patient_page (KesWindow *self)
{
  KesPatient *patient = kes_patient_page_get_patient (kes_window_ensure_patient_page (self));
  const char *nhs = patient != NULL ? kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER) : NULL;
  g_autofree char *name = NULL;
  g_autofree char *nhs_shown = NULL;

  if (patient != NULL && kes_patient_get_id (patient) != NULL)
    {
      name = kes_patient_dup_display_name (patient);
      if (nhs != NULL && *nhs != '\0')
        nhs_shown = kes_nhs_number_format (nhs);
    }

  kes_window_set_record_origin (self);
  gtk_stack_set_visible_child_name (self->content_stack, "patient");
  adw_window_title_set_title (self->content_title, name != NULL ? name : _("New Patient"));
  adw_window_title_set_subtitle (self->content_title, nhs_shown);
  gtk_widget_set_visible (self->caseload_back_button, TRUE);
  kes_window_select_sidebar_row (self, "caseload");
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  kes_window_keys_update (self);
}

static void
load_patient_now (KesWindow  *self,
                  const char *patient_id)
{
  g_autoptr(GError) error = NULL;

  if (!kes_patient_page_load (kes_window_ensure_patient_page (self), patient_id, &error))
    {
      kes_show_error (GTK_WIDGET (self), _("The Record Could Not Be Opened"), error->message);
      return;
    }

  show_patient_page (self);
  kes_patient_page_focus_tabs (self->patient_page);
}

static void
break_glass_done_cb (KesBreakGlassOutcome  outcome,
                     gpointer              user_data)
{
  Pending *pending = user_data;

  if (outcome == KES_BREAK_GLASS_GRANTED)
    load_patient_now (pending->window, pending->argument);
  pending_free (pending);
}

void
kes_window_open_patient_now (KesWindow  *self,
                  const char *patient_id)
{
  g_autofree char *message = NULL;

  if (patient_id == NULL)
    return;

  /* A patient of another team: emergency access, with a reason, first. */
  if (kes_break_glass_needed (self->store, patient_id, &message))
    {
      Pending *pending = g_new0 (Pending, 1);

      pending->window = g_object_ref (self);
      pending->argument = g_strdup (patient_id);
      kes_ask_break_glass (GTK_WIDGET (self), self->store, patient_id, message,
                           break_glass_done_cb, pending);
      return;
    }
  load_patient_now (self, patient_id);
}

void
kes_window_new_patient_now (KesWindow  *self,
                 const char *unused)
{
  KesStaff *actor;

  if (unused == NULL)
    return;

  actor = self->store != NULL ? kes_store_get_actor (self->store) : NULL;
  kes_patient_page_new_patient (kes_window_ensure_patient_page (self),
                                actor != NULL ? kes_staff_get_team_id (actor) : NULL);
  show_patient_page (self);
}

void
kes_window_patient_activated_cb (KesWindow  *self,
                      const char *patient_id)
{
  kes_window_open_patient (self, patient_id);
}

void
kes_window_today_item_activated_cb (KesWindow  *self,
                         KesDueItem *item)
{
  g_autofree char *tab = kes_today_target_tab (kes_due_item_get_target (item));

  kes_window_open_patient (self, kes_due_item_get_patient_id (item));
  if (tab != NULL && kes_window_showing_patient (self))
    kes_patient_page_show_tab (self->patient_page, tab);
}

/* The title shows the name saved; the caseload follows the store's
 * "changed" by itself. */
static void
patient_saved_cb (KesWindow  *self,
                  const char *patient_id)
{
  show_patient_page (self);
  /* Save and Cancel hide with the form: the focus goes to the tabs. */
  kes_window_keep_focus (self);
}

static void
patient_closed_cb (KesWindow *self)
{
  kes_window_show_area_now (self, "caseload");
}

void
kes_window_directory_changed_cb (KesWindow *self)
{
  if (self->caseload_page == NULL)
    return;
  kes_caseload_page_reload_directory (self->caseload_page);
  kes_caseload_page_reload (self->caseload_page);
}
