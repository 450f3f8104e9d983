/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-referral-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "referrals/kes-referral-view-private.h"

/* The in-reach visits of a referral: adding, editing with a reason, and
 * marking one entered in error, each in a dialog that asks again with
 * everything typed when the store refuses it. */

typedef struct
{
  KesReferralView *self;
  int              index;     /* -1 for a new visit */
  GtkWidget       *fields[5]; /* date, unit, attendees, purpose, outcome */
  GtkWidget       *reason;    /* changes to a recorded visit */
} VisitRequest;

static void
visit_request_free (VisitRequest *request)
{
  g_object_unref (request->self);
  g_free (request);
}

static void open_visit_dialog (KesReferralView       *self,
                               int                    index,
                               const KesInreachVisit *typed,
                               const char            *reason,
                               const char            *problem);

static void
visit_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   VisitRequest     *request)
{
  char *values[5] = { NULL }; /* freed below: g_autofree on an array would free values[0] twice */
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  KesInreachVisit visit = { NULL };

  if (!g_str_equal (response, "save"))
    return;
  for (guint i = 0; i < 5; i++)
    values[i] = i == 0 ? kes_editable_dup_date (GTK_EDITABLE (request->fields[i]))
                       : kes_editable_dup_text (GTK_EDITABLE (request->fields[i]));
  if (request->reason != NULL)
    reason = kes_editable_dup_text (GTK_EDITABLE (request->reason));
  visit.date = values[0];
  visit.unit = values[1];
  visit.attendees = values[2];
  visit.purpose = values[3];
  visit.outcome = values[4];
  /* A refused save asks again with everything typed and the problem. */
  if (!kes_referral_view_save_visit (request->self, request->index, &visit, reason, &error))
    open_visit_dialog (request->self, request->index, &visit, reason, error->message);
  for (guint i = 0; i < 5; i++)
    g_free (values[i]);
}

static void
open_visit_dialog (KesReferralView       *self,
                   int                    index,
                   const KesInreachVisit *typed,
                   const char            *reason,
                   const char            *problem)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  VisitRequest *request = g_new0 (VisitRequest, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *dialog;
  const char *unit = typed != NULL ? typed->unit : kes_referral_get_text (self->referral, KES_REFERRAL_UNIT);

  request->self = g_object_ref (self);
  request->index = index;
  request->fields[0] = kes_referral_view_labelled_entry (box, _("_Date (DD/MM/YYYY)"), NULL);
  kes_editable_set_date (GTK_EDITABLE (request->fields[0]), typed != NULL ? typed->date : NULL);
  request->fields[1] = kes_referral_view_labelled_entry (box, _("_Unit or ward"), unit);
  request->fields[2] = kes_referral_view_labelled_entry (box, _("_Attendees"), typed != NULL ? typed->attendees : NULL);
  request->fields[3] = kes_referral_view_labelled_entry (box, _("_Purpose"), typed != NULL ? typed->purpose : NULL);
  request->fields[4] = kes_referral_view_labelled_entry (box, _("_Outcome (once held)"), typed != NULL ? typed->outcome : NULL);
  if (index >= 0)
    request->reason = kes_referral_view_labelled_entry (box, _("_Reason for a change to what was recorded"), reason);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   index >= 0 ? _("Edit In-Reach Visit") : _("In-Reach Visit"), problem);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", index >= 0 ? _("_Save") : _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  kes_widget_set_handle (dialog, "inreach-visit-dialog");
  g_signal_connect_data (dialog, "response", G_CALLBACK (visit_response_cb), request,
                         (GClosureNotify) visit_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
kes_referral_view_add_visit_clicked_cb (KesReferralView *self)
{
  open_visit_dialog (self, -1, NULL, NULL, NULL);
}

void
kes_referral_view_edit_visit_clicked_cb (GtkButton       *button,
                                         KesReferralView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "visit-index"));

  if (self->referral != NULL && index < kes_referral_get_visits (self->referral)->len)
    open_visit_dialog (self, (int) index, g_ptr_array_index (kes_referral_get_visits (self->referral), index),
                       NULL, NULL);
}

typedef struct
{
  KesReferralView *self;
  guint            index;
  GtkWidget       *reason;
} ErrorRequest;

static void
error_request_free (ErrorRequest *request)
{
  g_object_unref (request->self);
  g_free (request);
}

static void open_visit_error_dialog (KesReferralView *self,
                                     guint            index,
                                     const char      *reason,
                                     const char      *problem);

static void
visit_error_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         ErrorRequest     *request)
{
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "mark"))
    return;
  reason = kes_editable_dup_text (GTK_EDITABLE (request->reason));
  if (!kes_referral_view_visit_entered_in_error (request->self, request->index, reason, &error))
    open_visit_error_dialog (request->self, request->index, reason, error->message);
}

static void
open_visit_error_dialog (KesReferralView *self,
                         guint            index,
                         const char      *reason,
                         const char      *problem)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ErrorRequest *request = g_new0 (ErrorRequest, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *dialog;

  request->self = g_object_ref (self);
  request->index = index;
  request->reason = kes_referral_view_labelled_entry (box, _("_Reason (required)"), reason);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Mark Visit as Entered in Error?"),
                                   problem != NULL ? problem
                                                   : _("The visit stays in the referral’s history with your reason; "
                                                       "it leaves the plan, its PDF and Today."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "mark", _("_Mark Entered in Error"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mark", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_signal_connect_data (dialog, "response", G_CALLBACK (visit_error_response_cb), request,
                         (GClosureNotify) error_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
kes_referral_view_visit_error_clicked_cb (GtkButton       *button,
                                          KesReferralView *self)
{
  open_visit_error_dialog (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "visit-index")),
                           NULL, NULL);
}

/* ---- Public ---- */

gboolean
kes_referral_view_save_visit (KesReferralView       *self,
                              int                    index,
                              const KesInreachVisit *visit,
                              const char            *reason,
                              GError               **error)
{
  g_autoptr(KesReferral) candidate = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (KES_IS_REFERRAL_VIEW (self), FALSE);
  g_return_val_if_fail (self->referral != NULL, FALSE);

  candidate = kes_referral_view_copy_referral (self->referral);
  if (!kes_store_save_inreach_visit (self->store, candidate, index, visit, reason, &local))
    {
      kes_referral_view_show_message (self, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* Reload so the steps keep their authors' names. */
  kes_referral_view_load (self, kes_referral_get_id (candidate));
  kes_widget_toast (GTK_WIDGET (self), index >= 0 ? _("Visit saved") : _("Visit added"));
  kes_referral_view_emit_changed (self);
  return TRUE;
}

gboolean
kes_referral_view_visit_entered_in_error (KesReferralView  *self,
                                          guint             index,
                                          const char       *reason,
                                          GError          **error)
{
  g_autoptr(KesReferral) candidate = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (KES_IS_REFERRAL_VIEW (self), FALSE);
  g_return_val_if_fail (self->referral != NULL, FALSE);

  candidate = kes_referral_view_copy_referral (self->referral);
  if (!kes_store_inreach_visit_entered_in_error (self->store, candidate, index, reason, &local))
    {
      kes_referral_view_show_message (self, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  kes_referral_view_load (self, kes_referral_get_id (candidate));
  kes_widget_toast (GTK_WIDGET (self), _("Visit marked as entered in error"));
  kes_referral_view_emit_changed (self);
  return TRUE;
}

