/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-referral-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-catchment.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-output-guard.h"
#include "kes-validate.h"
#include "preview/kes-poppler.h"
#include "referrals/kes-referral-assessment.h"
#include "referrals/kes-referral-correction.h"
#include "referrals/kes-referral-summary.h"
#include "referrals/kes-referral-view-private.h"
#include "signposting/kes-signposting-list.h"

G_DEFINE_FINAL_TYPE (KesReferralView, kes_referral_view, ADW_TYPE_BIN)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void show_referral (KesReferralView *self);

void
kes_referral_view_show_message (KesReferralView *self,
                                const char      *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
  /* A refusal is read where it is shown, however far down the user was. */
  if (message != NULL && *message != '\0')
    kes_widget_scroll_into_view (GTK_WIDGET (self->message_label));
}

static const char *
code_label (const char *list,
            const char *code)
{
  const char *label = *code != '\0' ? kes_code_list_lookup (kes_code_list_get (list), code) : NULL;
  return label != NULL ? label : code;
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

/* ---- Moves ---- */

typedef struct
{
  KesReferralView  *self;
  KesReferralStage  to;
  GtkWidget        *date;
  GtkWidget        *reason;
  GtkWidget        *signposting;
  GtkWidget        *destination;
  GtkWidget        *redirect_to;
} MoveRequest;

static void
move_request_free (MoveRequest *request)
{
  g_object_unref (request->self);
  g_free (request);
}

static void
move_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  MoveRequest      *request)
{
  g_autofree char *date = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *signposting = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_to = NULL;
  const char *destination = NULL;

  if (!g_str_equal (response, "move"))
    return;
  date = kes_editable_dup_date (GTK_EDITABLE (request->date));
  reason = kes_editable_dup_text (GTK_EDITABLE (request->reason));
  if (request->signposting != NULL)
    signposting = kes_editable_dup_text (GTK_EDITABLE (request->signposting));
  if (request->destination != NULL)
    destination = gtk_drop_down_get_selected (GTK_DROP_DOWN (request->destination)) == 0
                    ? KES_REFERRAL_TRANSFER_RECOVERY_TEAM : KES_REFERRAL_TRANSFER_PRIMARY_CARE;
  if (request->redirect_to != NULL)
    destination = redirect_to = kes_editable_dup_text (GTK_EDITABLE (request->redirect_to));
  kes_referral_view_move (request->self, request->to, date, reason, signposting, destination, NULL);
}

GtkWidget *
kes_referral_view_labelled_entry (GtkWidget  *box,
                                  const char *label,
                                  const char *text)
{
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

static void
move_clicked_cb (GtkButton       *button,
                 KesReferralView *self)
{
  KesReferralStage to = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "stage"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *today_iso = kes_date_to_iso (today);
  g_autofree char *heading = g_strdup_printf (_("Move to “%s”"), kes_referral_stage_label (to));
  MoveRequest *request = g_new0 (MoveRequest, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *dialog;
  gboolean needs_reason = kes_referral_move_needs_reason (kes_referral_get_stage (self->referral), to);

  request->self = g_object_ref (self);
  request->to = to;
  request->date = kes_referral_view_labelled_entry (box, _("_Date (DD/MM/YYYY)"), NULL);
  kes_editable_set_date (GTK_EDITABLE (request->date), today_iso);
  request->reason = kes_referral_view_labelled_entry (box, needs_reason ? _("_Reason (required)")
                                    : to == KES_REFERRAL_ASSESSMENT_BOOKED
                                        ? _("_Reason or note (required to accept a referral that fails a criterion)")
                                        : _("_Reason or note"), NULL);
  if (to == KES_REFERRAL_DECLINED)
    request->signposting = kes_referral_view_labelled_entry (box, _("_Signposted to"), NULL);
  if (to == KES_REFERRAL_REDIRECTED)
    request->redirect_to = kes_referral_view_labelled_entry (box, _("Redirected _to (the service that takes it on)"), NULL);
  if (to == KES_REFERRAL_TRANSFERRED)
    {
      const char *choices[] = { _("Adult recovery team"), _("Primary care"), NULL };
      request->destination = gtk_drop_down_new_from_strings (choices);
      gtk_accessible_update_property (GTK_ACCESSIBLE (request->destination),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Transferred to"), -1);
      gtk_box_append (GTK_BOX (box), request->destination);
    }
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The step is recorded with your name and the time; the date is the day it happened."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "move", _("_Record"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_signal_connect_data (dialog, "response", G_CALLBACK (move_response_cb), request,
                         (GClosureNotify) move_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Saving ---- */

static gboolean
save_referral (KesReferralView *self,
               KesReferral     *candidate)
{
  g_autoptr(GError) error = NULL;

  if (!kes_store_save_referral (self->store, candidate, KES_CHANGE_EDIT, NULL, &error))
    {
      kes_referral_view_show_message (self, error->message);
      return FALSE;
    }
  /* Reload so the steps keep their authors' names. */
  kes_referral_view_load (self, kes_referral_get_id (candidate));
  kes_widget_toast (GTK_WIDGET (self), _("Referral saved"));
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

KesReferral *
kes_referral_view_copy_referral (KesReferral *referral)
{
  KesReferral *copy = kes_referral_new ();
  g_autofree char *json = kes_referral_to_json (referral);

  kes_referral_load_json (copy, json, NULL);
  kes_referral_set_identity (copy, kes_referral_get_id (referral), kes_referral_get_revision (referral),
                             kes_referral_get_state (referral));
  kes_referral_set_text (copy, KES_REFERRAL_PATIENT_ID, kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID));
  return copy;
}

/* ---- Intake corrections ---- */

static void
corrected_cb (KesReferral *saved,
              gpointer     user_data)
{
  KesReferralView *self = user_data;

  kes_referral_view_load (self, kes_referral_get_id (saved));
  kes_widget_toast (GTK_WIDGET (self), _("Referral details corrected"));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
correction_destroyed_cb (KesReferralView *self)
{
  self->correction_window = NULL;
}

static void
correct_clicked_cb (KesReferralView *self)
{
  GtkWidget *window = kes_referral_view_correct_details (self);

  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));
}

/* ---- Readiness ---- */

static void
save_plan_clicked_cb (KesReferralView *self)
{
  g_autoptr(KesReferral) candidate = NULL;

  if (self->referral == NULL)
    return;
  candidate = kes_referral_view_copy_referral (self->referral);
  for (guint i = 0; i < KES_READINESS_N_ITEMS; i++)
    {
      g_autofree char *owner = kes_editable_dup_text (GTK_EDITABLE (self->owner_fields[i]));
      g_autofree char *due = kes_editable_dup_date (GTK_EDITABLE (self->due_fields[i]));
      const KesReadinessTask *old = kes_referral_get_readiness (self->referral, i);

      kes_referral_set_readiness (candidate, i, gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status_fields[i])),
                                  owner, due, old->note);
    }
  save_referral (self, candidate);
}

static void
build_readiness (KesReferralView *self)
{
  const char *statuses[KES_READINESS_N_STATUSES + 1] = { NULL };

  for (guint i = 0; i < KES_READINESS_N_STATUSES; i++)
    statuses[i] = kes_readiness_status_label (i);
  for (guint i = 0; i < KES_READINESS_N_ITEMS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      g_autofree char *owner_name = g_strdup_printf (_("%s: owner"), kes_readiness_item_label (i));
      g_autofree char *due_name = g_strdup_printf (_("%s: due date"), kes_readiness_item_label (i));
      g_autofree char *status_name = g_strdup_printf (_("%s: status"), kes_readiness_item_label (i));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kes_readiness_item_label (i));
      self->status_fields[i] = gtk_drop_down_new_from_strings (statuses);
      self->owner_fields[i] = gtk_entry_new ();
      self->due_fields[i] = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->owner_fields[i]), _("Owner"));
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->due_fields[i]), _("Due DD/MM/YYYY"));
      gtk_editable_set_width_chars (GTK_EDITABLE (self->owner_fields[i]), 14);
      gtk_editable_set_width_chars (GTK_EDITABLE (self->due_fields[i]), 11);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_fields[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, status_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->owner_fields[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, owner_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->due_fields[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, due_name, -1);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), self->status_fields[i]);
      gtk_box_append (GTK_BOX (box), self->owner_fields[i]);
      gtk_box_append (GTK_BOX (box), self->due_fields[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      gtk_list_box_append (self->readiness_list, row);
    }
}

/* ---- Letters ---- */

gboolean
kes_referral_letter_extract (GBytes   *pdf,
                             guint    *n_pages,
                             char    **text,
                             GError  **error)
{
  const KesPoppler *lib = kes_poppler_get (error);
  PopplerDocument *document = lib != NULL ? lib->document_new_from_bytes (pdf, NULL, error) : NULL;
  GString *all;

  if (document == NULL)
    return FALSE;
  *n_pages = (guint) MAX (lib->document_get_n_pages (document), 0);
  all = g_string_new (NULL);
  for (guint i = 0; i < *n_pages; i++)
    {
      PopplerPage *page = lib->document_get_page (document, (int) i);
      g_autofree char *page_text = page != NULL ? lib->page_get_text (page) : NULL;

      if (page_text != NULL)
        g_string_append_printf (all, "%s%s", all->len > 0 ? "\n" : "", page_text);
      g_clear_object (&page);
    }
  g_object_unref (document);
  *text = g_string_free (all, FALSE);
  return TRUE;
}

static void
attach_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    KesReferralView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  guint n_pages = 0;

  if (response == GTK_RESPONSE_ACCEPT && self->referral != NULL)
    {
      g_autofree char *path = NULL;

      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      name = g_file_get_basename (file);
      path = g_file_get_path (file);
      if (path == NULL || kes_output_guard_check_source (path, &error))
        bytes = g_file_load_bytes (file, NULL, NULL, &error);
      if (bytes == NULL || !kes_referral_letter_extract (bytes, &n_pages, &text, &error) ||
          (id = kes_store_add_referral_document (self->store, kes_referral_get_id (self->referral), name,
                                                 bytes, n_pages, text, &error)) == NULL)
        kes_referral_view_show_message (self, error->message);
      else
        show_referral (self);
    }
  g_object_unref (chooser);
}

static void
attach_clicked_cb (KesReferralView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Attach Letter"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF letters"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (attach_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Showing ---- */

/* Where the referrer was pointed, once the referral was declined or
 * redirected (the step's own free text of before stays in the timeline). */
static void
show_signposting (KesReferralView *self)
{
  GtkWidget *child, *list;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->signposting_slot))) != NULL)
    gtk_box_remove (self->signposting_slot, child);
  list = kes_signposting_list_new (self->store, kes_referral_get_id (self->referral));
  g_object_ref_sink (list);
  if (kes_signposting_list_has_any (KES_SIGNPOSTING_LIST (list)))
    gtk_box_append (self->signposting_slot, list);
  g_object_unref (list);
}

static void
show_referral (KesReferralView *self)
{
  KesReferral *referral = self->referral;
  g_autofree char *name = kes_store_referral_patient_name (self->store,
                                                           kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID));
  g_autofree char *received = kes_date_to_display (kes_referral_get_text (referral, KES_REFERRAL_DATE));
  g_autofree char *since = kes_date_to_display (kes_referral_get_stage_date (referral));
  g_autofree char *stage = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autoptr(GPtrArray) letters = NULL;
  GPtrArray *steps = kes_referral_get_steps (referral);
  GPtrArray *visits = kes_referral_get_visits (referral);
  const KesReferralStage *next;
  guint n_next;
  GtkWidget *child;
  g_autofree char *readiness = NULL;
  g_autoptr(KesCatchment) area = NULL;

  gtk_label_set_text (self->title_label, name);
  kes_referral_assessment_set_referral (self->assessment, referral);
  stage = g_strdup_printf (_("%s since %s"), kes_referral_stage_label (kes_referral_get_stage (referral)), since);
  gtk_label_set_text (self->stage_label, stage);

  area = kes_store_get_catchment (self->store, NULL);
  g_string_append_printf (details, _("Referred %s by %s"), received, kes_referral_get_text (referral, KES_REFERRAL_REFERRER));
  g_string_append_printf (details, "\n%s · %s · %s · %s",
                          kes_referral_get_text (referral, KES_REFERRAL_UNIT),
                          code_label (KES_CODES_REFERRAL_SOURCE, kes_referral_get_text (referral, KES_REFERRAL_SOURCE)),
                          code_label (KES_CODES_SECURITY_LEVEL, kes_referral_get_text (referral, KES_REFERRAL_SECURITY_LEVEL)),
                          area != NULL ? kes_catchment_display_name (area, kes_referral_get_text (referral, KES_REFERRAL_AREA))
                                       : kes_referral_get_text (referral, KES_REFERRAL_AREA));
  g_string_append_printf (details, "\n%s", kes_referral_get_text (referral, KES_REFERRAL_REASON));
  if (*kes_referral_get_text (referral, KES_REFERRAL_OVERRIDE_REASON) != '\0')
    g_string_append_printf (details, "\n%s %s", _("Eligibility override:"),
                            kes_referral_get_text (referral, KES_REFERRAL_OVERRIDE_REASON));
  gtk_label_set_text (self->details_label, details->str);
  {
    g_autoptr(GDate) today = kes_clock_today ();
    g_autofree char *clocks = kes_referral_clocks_text (referral, today);
    g_autofree char *eligibility = kes_referral_eligibility_text (self->store, referral);

    gtk_label_set_text (self->clocks_label, clocks);
    gtk_label_set_text (self->eligibility_label, eligibility);
  }

  /* Only the moves core allows from here. */
  while ((child = gtk_widget_get_last_child (GTK_WIDGET (self->moves_box))) != gtk_widget_get_first_child (GTK_WIDGET (self->moves_box)))
    gtk_box_remove (self->moves_box, child);
  g_array_set_size (self->offered, 0);
  next = kes_referral_stage_next (kes_referral_get_stage (referral), &n_next);
  for (guint i = 0; i < n_next; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (kes_referral_stage_label (next[i]));
      guint stage_value = next[i];

      g_object_set_data (G_OBJECT (button), "stage", GUINT_TO_POINTER (next[i]));
      kes_widget_set_handle (button, kes_referral_stage_to_string (next[i]));
      g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), self);
      gtk_box_append (self->moves_box, button);
      g_array_append_val (self->offered, stage_value);
    }

  kes_list_box_remove_all (self->timeline_list);
  for (guint i = 0; i < steps->len; i++)
    {
      KesReferralStep *step = g_ptr_array_index (steps, i);
      g_autofree char *when = kes_date_to_display (step->date);
      g_autofree char *title = g_strdup_printf ("%s — %s", kes_referral_stage_label (step->stage), when);
      g_autoptr(GString) subtitle = g_string_new (step->by_name != NULL ? step->by_name : "");

      if (i > 0 && step->stage == KES_REFERRAL_RECEIVED)
        g_string_append_printf (subtitle, " · %s", _("reopened"));
      if (step->reason != NULL)
        g_string_append_printf (subtitle, " · %s", step->reason);
      if (step->signposting != NULL)
        g_string_append_printf (subtitle, " · %s %s", _("signposted to"), step->signposting);
      if (step->destination != NULL && step->stage == KES_REFERRAL_REDIRECTED)
        g_string_append_printf (subtitle, " · %s %s", _("to"), step->destination);
      else if (step->destination != NULL)
        g_string_append_printf (subtitle, " · %s", g_str_equal (step->destination, KES_REFERRAL_TRANSFER_PRIMARY_CARE)
                                                     ? _("to primary care") : _("to the adult recovery team"));
      gtk_list_box_append (self->timeline_list, text_row (title, subtitle->str));
    }
  show_signposting (self);

  kes_list_box_remove_all (self->visits_list);
  for (guint i = 0; i < visits->len; i++)
    {
      KesInreachVisit *visit = g_ptr_array_index (visits, i);
      g_autofree char *when = kes_date_to_display (visit->date);
      g_autofree char *title = g_strdup_printf ("%s — %s", when, visit->unit != NULL ? visit->unit : "");
      g_autofree char *subtitle = g_strdup_printf ("%s%s%s%s%s", visit->purpose != NULL ? visit->purpose : "",
                                                   visit->attendees != NULL ? " · " : "",
                                                   visit->attendees != NULL ? visit->attendees : "",
                                                   " · ", visit->outcome != NULL ? visit->outcome : _("planned"));
      GtkWidget *row;

      if (!kes_inreach_visit_is_active (visit))
        {
          g_autofree char *marked = g_strdup_printf (_("Entered in error: %s"), visit->error_reason);

          row = text_row (title, marked);
          gtk_widget_add_css_class (row, "dim-label");
        }
      else
        {
          GtkWidget *edit = gtk_button_new_with_label (_("Edit…"));
          GtkWidget *wrong = gtk_button_new_with_label (_("Entered in Error…"));
          g_autofree char *edit_name = g_strdup_printf (_("Edit the visit of %s"), when);
          g_autofree char *wrong_name = g_strdup_printf (_("Mark the visit of %s as entered in error"), when);

          row = text_row (title, subtitle);
          for (guint b = 0; b < 2; b++)
            {
              GtkWidget *button = b == 0 ? edit : wrong;

              g_object_set_data (G_OBJECT (button), "visit-index", GUINT_TO_POINTER (i));
              gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
              gtk_widget_add_css_class (button, "flat");
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
            }
          gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, edit_name, -1);
          gtk_accessible_update_property (GTK_ACCESSIBLE (wrong), GTK_ACCESSIBLE_PROPERTY_LABEL, wrong_name, -1);
          g_signal_connect (edit, "clicked", G_CALLBACK (kes_referral_view_edit_visit_clicked_cb), self);
          g_signal_connect (wrong, "clicked", G_CALLBACK (kes_referral_view_visit_error_clicked_cb), self);
        }
      gtk_list_box_append (self->visits_list, row);
    }
  if (visits->len == 0)
    gtk_list_box_append (self->visits_list, text_row (_("No visits planned yet"), NULL));

  for (guint i = 0; i < KES_READINESS_N_ITEMS; i++)
    {
      const KesReadinessTask *task = kes_referral_get_readiness (referral, i);

      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->status_fields[i]), task->status);
      gtk_editable_set_text (GTK_EDITABLE (self->owner_fields[i]), task->owner != NULL ? task->owner : "");
      kes_editable_set_date (GTK_EDITABLE (self->due_fields[i]), task->due_date);
    }
  readiness = g_strdup_printf (_("Discharge readiness (%u of %u ready)"),
                               kes_referral_readiness_complete (referral), (guint) KES_READINESS_N_ITEMS);
  gtk_label_set_text (self->readiness_heading, readiness);

  kes_list_box_remove_all (self->letters_list);
  letters = kes_store_list_referral_documents (self->store, kes_referral_get_id (referral), NULL);
  for (guint i = 0; letters != NULL && i < letters->len; i++)
    {
      KesReferralDocument *letter = g_ptr_array_index (letters, i);
      g_autofree char *added = kes_time_to_display (letter->added_at);
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page · added %s by %s",
                                                                "%u pages · added %s by %s", letter->page_count),
                                                   letter->page_count, added, letter->added_by_name);
      gtk_list_box_append (self->letters_list, text_row (letter->file_name, subtitle));
    }
  if (letters == NULL || letters->len == 0)
    gtk_list_box_append (self->letters_list, text_row (_("No letters attached"), NULL));
}

static void
assessment_saved_cb (KesReferralView *self,
                     KesReferral     *saved)
{
  kes_referral_view_load (self, kes_referral_get_id (saved));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- GObject ---- */

static void
kes_referral_view_dispose (GObject *object)
{
  KesReferralView *self = KES_REFERRAL_VIEW (object);

  if (self->correction_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->correction_window));
  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_REFERRAL_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->referral);
  g_clear_pointer (&self->offered, g_array_unref);
  G_OBJECT_CLASS (kes_referral_view_parent_class)->dispose (object);
}

static void
kes_referral_view_class_init (KesReferralViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kes_referral_view_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (KES_TYPE_REFERRAL_ASSESSMENT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kestrelcare/Kestrel/referrals/kes-referral-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KesReferralView, title_label);
  gtk_widget_class_bind_template_child (widget_class, KesReferralView, stage_label);
  gtk_widget_class_bind_template_child (widget_class, KesReferralView, details_label);
  gtk_widget_class_bind_template_child (widget_class, KesReferralView, message_label);
  gtk_widget_class_bind_template_child (widget_class, KesReferralView, moves_box);
  gtk_widget_class_bind_template_child (widget_class, KesReferralView, clocks_label);
  gtk_widget_class_bind_template_child (widget_class, KesReferralView, eligibility_label);
  gtk_widget_class_bind_template_child (widget_class, KesReferralView, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, KesReferralView, signposting_slot);
  gtk_widget_class_bind_template_child (widget_class, KesReferralView, visits_list);
  gtk_widget_class_bind_template_child (widget_class, KesReferralView, readiness_list);
  gtk_widget_class_bind_template_child (widget_class, KesReferralView, readiness_heading);
  gtk_widget_class_bind_template_child (widget_class, KesReferralView, letters_list);
  gtk_widget_class_bind_template_child (widget_class, KesReferralView, assessment);
  gtk_widget_class_bind_template_callback (widget_class, assessment_saved_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "add_visit_clicked_cb",
                                                G_CALLBACK (kes_referral_view_add_visit_clicked_cb));
  gtk_widget_class_bind_template_callback (widget_class, save_plan_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, attach_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, correct_clicked_cb);
}

static void
kes_referral_view_init (KesReferralView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->offered = g_array_new (FALSE, FALSE, sizeof (guint));
  build_readiness (self);
}

/* ---- Private ---- */

void
kes_referral_view_emit_changed (KesReferralView *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- Public ---- */

GtkWidget *
kes_referral_view_new (void)
{
  return g_object_new (KES_TYPE_REFERRAL_VIEW, NULL);
}

void
kes_referral_view_set_store (KesReferralView *self,
                             KesStore        *store)
{
  g_return_if_fail (KES_IS_REFERRAL_VIEW (self));
  g_set_object (&self->store, store);
  kes_referral_assessment_set_store (self->assessment, store);
}

gboolean
kes_referral_view_load (KesReferralView *self,
                        const char      *referral_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesReferral) referral = NULL;

  g_return_val_if_fail (KES_IS_REFERRAL_VIEW (self), FALSE);

  kes_referral_view_show_message (self, NULL);
  referral = kes_store_load_referral (self->store, referral_id, &error);
  if (referral == NULL)
    {
      kes_referral_view_show_message (self, error->message);
      return FALSE;
    }
  g_set_object (&self->referral, referral);
  show_referral (self);
  return TRUE;
}

KesReferral *
kes_referral_view_get_referral (KesReferralView *self)
{
  g_return_val_if_fail (KES_IS_REFERRAL_VIEW (self), NULL);
  return self->referral;
}

gboolean
kes_referral_view_move (KesReferralView  *self,
                        KesReferralStage  to,
                        const char       *date,
                        const char       *reason,
                        const char       *signposting,
                        const char       *destination,
                        GError          **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(KesReferral) candidate = NULL;

  g_return_val_if_fail (KES_IS_REFERRAL_VIEW (self), FALSE);
  g_return_val_if_fail (self->referral != NULL, FALSE);

  candidate = kes_referral_view_copy_referral (self->referral);
  if (!kes_store_move_referral (self->store, candidate, to, date, reason, signposting, destination, &local))
    {
      kes_referral_view_show_message (self, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  kes_referral_view_show_message (self, NULL);
  /* Reload so the new step carries its author's name. */
  kes_referral_view_load (self, kes_referral_get_id (candidate));
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

GArray *
kes_referral_view_get_offered (KesReferralView *self)
{
  g_return_val_if_fail (KES_IS_REFERRAL_VIEW (self), NULL);
  return self->offered;
}

GtkWidget *
kes_referral_view_correct_details (KesReferralView *self)
{
  GtkRoot *root;

  g_return_val_if_fail (KES_IS_REFERRAL_VIEW (self), NULL);

  if (self->referral == NULL)
    return NULL;
  if (self->correction_window != NULL)
    return self->correction_window;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->correction_window = kes_referral_correction_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                         self->store, self->referral, corrected_cb, self);
  g_signal_connect_object (self->correction_window, "destroy", G_CALLBACK (correction_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  return self->correction_window;
}

void
kes_referral_view_set_show_title (KesReferralView *self,
                                  gboolean         show)
{
  g_return_if_fail (KES_IS_REFERRAL_VIEW (self));
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), show);
}
