/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-referral-assessment"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/kes-signature-dialog.h"
#include "kes-app-util.h"
#include "kes-error.h"
#include "kes-clock.h"
#include "kes-report-referral.h"
#include "kes-secondary-window.h"
#include "kes-store-referrals.h"
#include "kes-store-staff.h"
#include "preview/kes-report-preview.h"
#include "referrals/kes-referral-assessment.h"

struct _KesReferralAssessment
{
  AdwBin        parent_instance;

  KesStore     *store;
  KesReferral  *referral;
  char         *risk_link_id; /* the linked risk assessment as shown, saved with the assessment */

  GtkLabel     *signed_label;
  GtkLabel     *message_label;
  GtkEntry     *assessment_date_field;
  GtkDropDown  *decision_field;
  GtkTextView  *history_field;
  GtkTextView  *mental_state_field;
  GtkTextView  *risk_summary_field;
  GtkTextView  *needs_field;
  GtkTextView  *recommendation_field;
  GtkLabel     *risk_link_label;
  GtkWidget    *risk_link_button;
  GtkWidget    *risk_unlink_button;
};

G_DEFINE_FINAL_TYPE (KesReferralAssessment, kes_referral_assessment, ADW_TYPE_BIN)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_message (KesReferralAssessment *self,
              const char            *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
}

static void
show_signed (KesReferralAssessment *self)
{
  const char *signed_at = kes_referral_get_text (self->referral, KES_REFERRAL_SIGNED_AT);
  g_autoptr(KesStaff) signer = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  g_autofree char *altered_by = NULL;
  g_autofree char *altered_at = NULL;
  const char *role = kes_referral_get_text (self->referral, KES_REFERRAL_SIGNED_ROLE);
  const char *name;

  gtk_widget_remove_css_class (GTK_WIDGET (self->signed_label), "error");
  if (*signed_at == '\0')
    {
      gtk_label_set_text (self->signed_label, _("Not signed off yet"));
      return;
    }
  when = kes_time_to_display (signed_at);
  signer = kes_store_find_staff (self->store, kes_referral_get_text (self->referral, KES_REFERRAL_SIGNED_BY), NULL);
  name = signer != NULL ? kes_staff_get_display_name (signer) : _("someone");
  if (kes_referral_get_sign_state (self->referral) == KES_REFERRAL_ASSESSMENT_ALTERED)
    {
      g_autofree char *altered_when = NULL;

      kes_store_referral_alteration (self->store, self->referral, &altered_by, &altered_at, NULL);
      altered_when = altered_at != NULL ? kes_time_to_display (altered_at) : g_strdup (_("later"));
      /* TRANSLATORS: "Altered after sign-off by Bob on 21 Nov 2026 10:00 (signed off by Alice on …): sign it off again" */
      text = g_strdup_printf (_("Altered after sign-off by %s on %s (signed off by %s on %s): sign it off again"),
                              altered_by != NULL ? altered_by : _("someone"), altered_when, name, when);
      gtk_widget_add_css_class (GTK_WIDGET (self->signed_label), "error");
    }
  else if (*role != '\0')
    /* TRANSLATORS: "Signed off by Alice Adeyemi, Consultant psychiatrist, on 21 Nov 2026 09:00" */
    text = g_strdup_printf (_("Signed off by %s, %s, on %s"), name, role, when);
  else
    text = g_strdup_printf (_("Signed off by %s on %s"), name, when);
  gtk_label_set_text (self->signed_label, text);
}

/* Shows the linked assessment as its assessor recorded it. */
static void
show_risk_link (KesReferralAssessment *self)
{
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  gboolean linked = self->risk_link_id != NULL;

  gtk_widget_set_visible (self->risk_unlink_button, linked);
  if (!linked)
    {
      gtk_label_set_text (self->risk_link_label, _("No structured risk assessment linked"));
      return;
    }
  pairs = kes_report_risk_link_pairs (self->store, self->risk_link_id, &error);
  if (pairs == NULL)
    {
      gtk_label_set_text (self->risk_link_label, error->message);
      return;
    }
  text = g_string_new (_("Draws on this structured risk assessment:"));
  for (guint i = 0; i + 1 < pairs->len && pairs->pdata[i] != NULL; i += 2)
    g_string_append_printf (text, "\n%s: %s", (char *) pairs->pdata[i], (char *) pairs->pdata[i + 1]);
  gtk_label_set_text (self->risk_link_label, text->str);
}

static void
risk_link_clicked_cb (KesReferralAssessment *self)
{
  g_autoptr(KesRiskAssessment) latest = NULL;
  g_autoptr(GError) error = NULL;

  latest = kes_store_latest_signed_risk_assessment (self->store,
                                                    kes_referral_get_text (self->referral, KES_REFERRAL_PATIENT_ID),
                                                    &error);
  if (latest == NULL)
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  g_free (self->risk_link_id);
  self->risk_link_id = g_strdup (kes_risk_assessment_get_id (latest));
  show_risk_link (self);
}

static void
risk_unlink_clicked_cb (KesReferralAssessment *self)
{
  g_clear_pointer (&self->risk_link_id, g_free);
  show_risk_link (self);
}

static void
take_text (KesReferral      *referral,
           KesReferralField  field,
           char             *text)
{
  kes_referral_set_text (referral, field, text);
  g_free (text);
}

static KesReferral *
dup_with_typed (KesReferralAssessment *self)
{
  KesReferral *copy = kes_referral_new ();
  g_autofree char *json = kes_referral_to_json (self->referral);

  kes_referral_load_json (copy, json, NULL);
  kes_referral_set_identity (copy, kes_referral_get_id (self->referral), kes_referral_get_revision (self->referral),
                             kes_referral_get_state (self->referral));
  kes_referral_set_text (copy, KES_REFERRAL_PATIENT_ID,
                         kes_referral_get_text (self->referral, KES_REFERRAL_PATIENT_ID));
  take_text (copy, KES_REFERRAL_ASSESSMENT_DATE, kes_editable_dup_date (GTK_EDITABLE (self->assessment_date_field)));
  kes_referral_set_text (copy, KES_REFERRAL_DECISION, kes_dropdown_get_code (self->decision_field));
  take_text (copy, KES_REFERRAL_HISTORY, kes_text_view_dup_text (self->history_field));
  take_text (copy, KES_REFERRAL_MENTAL_STATE, kes_text_view_dup_text (self->mental_state_field));
  take_text (copy, KES_REFERRAL_RISK_SUMMARY, kes_text_view_dup_text (self->risk_summary_field));
  take_text (copy, KES_REFERRAL_NEEDS, kes_text_view_dup_text (self->needs_field));
  take_text (copy, KES_REFERRAL_RECOMMENDATION, kes_text_view_dup_text (self->recommendation_field));
  kes_referral_set_text (copy, KES_REFERRAL_RISK_ASSESSMENT_ID, self->risk_link_id);
  return copy;
}

static void
save_clicked_cb (KesReferralAssessment *self)
{
  kes_referral_assessment_save (self);
}

static void
sign_clicked_cb (KesReferralAssessment *self)
{
  kes_referral_assessment_ask_to_sign (self);
}

static void
assessment_pdf_clicked_cb (KesReferralAssessment *self)
{
  GtkWidget *window = kes_referral_assessment_preview (self, FALSE);

  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));
}

static void
plan_pdf_clicked_cb (KesReferralAssessment *self)
{
  GtkWidget *window = kes_referral_assessment_preview (self, TRUE);

  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));
}

static void
kes_referral_assessment_dispose (GObject *object)
{
  KesReferralAssessment *self = KES_REFERRAL_ASSESSMENT (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_REFERRAL_ASSESSMENT);
  g_clear_object (&self->store);
  g_clear_object (&self->referral);
  g_clear_pointer (&self->risk_link_id, g_free);
  G_OBJECT_CLASS (kes_referral_assessment_parent_class)->dispose (object);
}

static void
kes_referral_assessment_class_init (KesReferralAssessmentClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kes_referral_assessment_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, KES_TYPE_REFERRAL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kestrelcare/Kestrel/referrals/kes-referral-assessment.ui");
  gtk_widget_class_bind_template_child (widget_class, KesReferralAssessment, signed_label);
  gtk_widget_class_bind_template_child (widget_class, KesReferralAssessment, message_label);
  gtk_widget_class_bind_template_child (widget_class, KesReferralAssessment, assessment_date_field);
  gtk_widget_class_bind_template_child (widget_class, KesReferralAssessment, decision_field);
  gtk_widget_class_bind_template_child (widget_class, KesReferralAssessment, history_field);
  gtk_widget_class_bind_template_child (widget_class, KesReferralAssessment, mental_state_field);
  gtk_widget_class_bind_template_child (widget_class, KesReferralAssessment, risk_summary_field);
  gtk_widget_class_bind_template_child (widget_class, KesReferralAssessment, needs_field);
  gtk_widget_class_bind_template_child (widget_class, KesReferralAssessment, recommendation_field);
  gtk_widget_class_bind_template_child (widget_class, KesReferralAssessment, risk_link_label);
  gtk_widget_class_bind_template_child (widget_class, KesReferralAssessment, risk_link_button);
  gtk_widget_class_bind_template_child (widget_class, KesReferralAssessment, risk_unlink_button);
  gtk_widget_class_bind_template_callback (widget_class, risk_link_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, risk_unlink_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, assessment_pdf_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_pdf_clicked_cb);
}

static void
kes_referral_assessment_init (KesReferralAssessment *self)
{
  const char *codes[] = { KES_REFERRAL_DECISION_ACCEPT, KES_REFERRAL_DECISION_DECLINE };
  const char *labels[] = { _("Accept"), _("Decline") };

  gtk_widget_init_template (GTK_WIDGET (self));
  kes_dropdown_fill (self->decision_field, _("Not decided"), codes, labels, 2);
}

GtkWidget *
kes_referral_assessment_new (void)
{
  return g_object_new (KES_TYPE_REFERRAL_ASSESSMENT, NULL);
}

void
kes_referral_assessment_set_store (KesReferralAssessment *self,
                                   KesStore              *store)
{
  g_return_if_fail (KES_IS_REFERRAL_ASSESSMENT (self));
  g_set_object (&self->store, store);
}

void
kes_referral_assessment_set_referral (KesReferralAssessment *self,
                                      KesReferral           *referral)
{
  g_return_if_fail (KES_IS_REFERRAL_ASSESSMENT (self));
  g_return_if_fail (KES_IS_REFERRAL (referral));

  g_set_object (&self->referral, referral);
  show_message (self, NULL);
  kes_editable_set_date (GTK_EDITABLE (self->assessment_date_field),
                         kes_referral_get_text (referral, KES_REFERRAL_ASSESSMENT_DATE));
  kes_dropdown_set_code (self->decision_field, kes_referral_get_text (referral, KES_REFERRAL_DECISION));
  kes_text_view_set_text (self->history_field, kes_referral_get_text (referral, KES_REFERRAL_HISTORY));
  kes_text_view_set_text (self->mental_state_field, kes_referral_get_text (referral, KES_REFERRAL_MENTAL_STATE));
  kes_text_view_set_text (self->risk_summary_field, kes_referral_get_text (referral, KES_REFERRAL_RISK_SUMMARY));
  kes_text_view_set_text (self->needs_field, kes_referral_get_text (referral, KES_REFERRAL_NEEDS));
  kes_text_view_set_text (self->recommendation_field, kes_referral_get_text (referral, KES_REFERRAL_RECOMMENDATION));
  g_free (self->risk_link_id);
  self->risk_link_id = *kes_referral_get_text (referral, KES_REFERRAL_RISK_ASSESSMENT_ID) != '\0'
                         ? g_strdup (kes_referral_get_text (referral, KES_REFERRAL_RISK_ASSESSMENT_ID)) : NULL;
  show_risk_link (self);
  show_signed (self);
}

static void
saved (KesReferralAssessment *self,
       KesReferral           *candidate,
       gboolean               signed_off)
{
  g_set_object (&self->referral, candidate);
  show_message (self, NULL);
  show_signed (self);
  kes_widget_toast (GTK_WIDGET (self), signed_off ? _("Assessment signed off") : _("Assessment saved"));
  g_signal_emit (self, signals[SAVED], 0, candidate);
}

gboolean
kes_referral_assessment_save (KesReferralAssessment *self)
{
  g_autoptr(KesReferral) candidate = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (KES_IS_REFERRAL_ASSESSMENT (self), FALSE);
  g_return_val_if_fail (self->referral != NULL, FALSE);

  candidate = dup_with_typed (self);
  if (!kes_store_save_referral (self->store, candidate, KES_CHANGE_EDIT, NULL, &error))
    {
      /* What was typed stays in the fields. */
      show_message (self, error->message);
      return FALSE;
    }
  saved (self, candidate, FALSE);
  return TRUE;
}

gboolean
kes_referral_assessment_sign (KesReferralAssessment  *self,
                              const char             *password,
                              GError                **error)
{
  g_autoptr(KesReferral) candidate = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (KES_IS_REFERRAL_ASSESSMENT (self), FALSE);
  g_return_val_if_fail (self->referral != NULL, FALSE);

  candidate = dup_with_typed (self);
  if (!kes_store_sign_referral_assessment (self->store, candidate, password, &local))
    {
      /* What was typed stays in the fields; a wrong password is said in
       * the dialog that asked for it. */
      if (!g_error_matches (local, KES_ERROR, KES_ERROR_PERMISSION))
        show_message (self, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  saved (self, candidate, TRUE);
  return TRUE;
}

static gboolean
sign_cb (const char  *password,
         gpointer     user_data,
         GError     **error)
{
  return kes_referral_assessment_sign (user_data, password, error);
}

static void
signed_cb (gboolean      signed_off,
           const GError *error,
           gpointer      user_data)
{
  /* kes_referral_assessment_sign() has said what went wrong in the form. */
}

void
kes_referral_assessment_ask_to_sign (KesReferralAssessment *self)
{
  g_return_if_fail (KES_IS_REFERRAL_ASSESSMENT (self));
  g_return_if_fail (self->referral != NULL);

  kes_ask_signature (GTK_WIDGET (self), _("Sign Off the Assessment?"),
                     _("Type your password to sign the assessment as yourself. Your name, your "
                       "role and the time go on it; if it is changed later it shows as altered "
                       "after sign-off until it is signed again."),
                     sign_cb, signed_cb, g_object_ref (self), g_object_unref);
}

GtkWidget *
kes_referral_assessment_preview (KesReferralAssessment *self,
                                 gboolean               plan)
{
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window, *box, *header, *preview;
  const char *title;

  g_return_val_if_fail (KES_IS_REFERRAL_ASSESSMENT (self), NULL);
  g_return_val_if_fail (self->referral != NULL, NULL);

  document = plan ? kes_report_inreach_plan (self->store, kes_referral_get_id (self->referral), &error)
                  : kes_report_referral_assessment (self->store, kes_referral_get_id (self->referral), &error);
  if (document == NULL)
    {
      show_message (self, error->message);
      return NULL;
    }
  title = plan ? _("In-Reach Plan") : _("Referral Assessment");
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 860);
  kes_secondary_window_add_close_keys (GTK_WINDOW (window));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  preview = kes_report_preview_new ();
  gtk_widget_set_vexpand (preview, TRUE);
  kes_widget_set_handle (preview, "report-preview");
  kes_report_preview_set_audit (KES_REPORT_PREVIEW (preview), self->store,
                                kes_referral_get_text (self->referral, KES_REFERRAL_PATIENT_ID),
                                plan ? "in-reach plan (PDF)" : "referral assessment (PDF)");
  kes_report_preview_set_document (KES_REPORT_PREVIEW (preview), document);
  gtk_box_append (GTK_BOX (box), preview);
  adw_window_set_content (ADW_WINDOW (window), box);
  g_object_set_data (G_OBJECT (window), "kes-report-preview", preview);
  return window;
}
