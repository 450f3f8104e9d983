/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-carers-page"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/kes-signature-dialog.h"
#include "carers/kes-carers-page-private.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-carer-documents.h"
#include "kes-carers.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-secondary-window.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-validate.h"
#include "preview/kes-report-preview.h"

/* The carer's assessments on the carer's page: each with its status, the
 * team's sign-off and the carer's own signature, a PDF to preview, and
 * Sign Off for a completed one; then the involvement logged. */

static void
assessment_pdf_cb (GtkButton     *button,
                   KesCarersPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "assessment-id");
  g_autoptr(KesFieldRecord) assessment = kes_store_load_carer_record (self->store, &kes_carer_assessment_kind,
                                                                      id, NULL);
  g_autoptr(KesFieldRecord) carer = kes_store_load_carer_record (self->store, &kes_carer_kind,
                                                                 self->carer_id, NULL);
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesStaff) assessor = NULL;
  g_autoptr(KesStaff) signer = NULL;
  g_autofree char *patient_name = NULL;
  GtkWidget *window, *preview, *box, *header;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (assessment == NULL || carer == NULL)
    return;
  if (*kes_field_record_get_text (assessment, "signed_by") != '\0')
    signer = kes_store_find_staff (self->store, kes_field_record_get_text (assessment, "signed_by"), NULL);
  if (kes_field_record_get_patient_id (assessment) != NULL)
    patient = kes_store_load_patient (self->store, kes_field_record_get_patient_id (assessment), NULL);
  if (patient != NULL)
    patient_name = kes_patient_dup_display_name (patient);
  if (*kes_field_record_get_text (assessment, "assessor_id") != '\0')
    assessor = kes_store_find_staff (self->store, kes_field_record_get_text (assessment, "assessor_id"), NULL);
  document = kes_carer_assessment_document (carer, assessment, patient_name,
                                            assessor != NULL ? kes_staff_get_display_name (assessor) : NULL,
                                            signer != NULL ? kes_staff_get_display_name (signer) : NULL);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Carer’s assessment"));
  kes_secondary_window_add_close_keys (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 860);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  preview = kes_report_preview_new ();
  gtk_widget_set_vexpand (preview, TRUE);
  kes_report_preview_set_audit (KES_REPORT_PREVIEW (preview), self->store,
                                kes_field_record_get_patient_id (assessment), "carer's assessment (PDF)");
  kes_report_preview_set_permission (KES_REPORT_PREVIEW (preview), KES_PERMISSION_EXPORT_CARER_DOCUMENTS);
  kes_report_preview_set_document (KES_REPORT_PREVIEW (preview), document);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), preview);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

/* "signed off by Cara Carer on 21 Nov 2026" or "not signed off". */
static char *
signed_off_text (KesCarersPage  *self,
                 KesFieldRecord *assessment)
{
  const char *signed_at = kes_field_record_get_text (assessment, "signed_at");
  g_autoptr(KesStaff) signer = NULL;
  g_autofree char *when = NULL;

  if (*signed_at == '\0')
    return g_strdup (_("not signed off"));
  signer = kes_store_find_staff (self->store, kes_field_record_get_text (assessment, "signed_by"), NULL);
  when = kes_time_to_display (signed_at);
  return g_strdup_printf (_("signed off by %s on %s"), signer != NULL ? kes_staff_get_display_name (signer)
                                                                      : _("someone"), when);
}

/* The carer's own signature: "Signed by the carer 3 Dec 2026" (their
 * name typed) or "Signed on paper 3 Dec 2026"; NULL when not signed. */
static char *
carer_signature_text (KesFieldRecord *assessment)
{
  const char *on = kes_field_record_get_text (assessment, "carer_signed_on");
  g_autofree char *when = NULL;

  if (*on == '\0')
    return NULL;
  when = kes_date_to_display (on);
  if (kes_field_record_get_bool (assessment, "carer_signed_on_paper"))
    return g_strdup_printf (_("Signed on paper %s"), when);
  if (*kes_field_record_get_text (assessment, "carer_signed_name") != '\0')
    return g_strdup_printf (_("Signed by the carer %s"), when);
  return NULL;
}

static gboolean
sign_assessment_cb (const char  *password,
                    gpointer     user_data,
                    GError     **error)
{
  KesFieldRecord *assessment = user_data;
  KesCarersPage *self = g_object_get_data (G_OBJECT (assessment), "kes-page");

  return kes_store_sign_carer_assessment (self->store, assessment, password, error);
}

static void
assessment_signed_cb (gboolean      signed_off,
                      const GError *error,
                      gpointer      user_data)
{
  KesCarersPage *self = g_object_get_data (G_OBJECT (user_data), "kes-page");

  if (error != NULL)
    kes_show_error (GTK_WIDGET (self), _("The Assessment Was Not Signed Off"), error->message);
  else if (signed_off)
    {
      kes_widget_toast (GTK_WIDGET (self), _("Carer’s assessment signed off"));
      kes_carers_page_show_carer (self, self->carer_id);
    }
}

/* Signing means the signer: the password again, first. */
static void
sign_assessment_clicked_cb (GtkButton     *button,
                            KesCarersPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "assessment-id");
  g_autoptr(GError) error = NULL;
  KesFieldRecord *assessment = kes_store_load_carer_record (self->store, &kes_carer_assessment_kind, id, &error);

  if (assessment == NULL)
    {
      kes_show_error (GTK_WIDGET (self), _("The Assessment Was Not Signed Off"), error->message);
      return;
    }
  g_object_set_data_full (G_OBJECT (assessment), "kes-page", g_object_ref (self), g_object_unref);
  kes_ask_signature (GTK_WIDGET (self), _("Sign Off the Carer’s Assessment?"),
                     _("Type your password to sign the assessment off as yourself. Your name, your "
                       "role and the time go on it; changing it later takes the sign-off away."),
                     sign_assessment_cb, assessment_signed_cb, assessment, g_object_unref);
}

void
kes_carers_page_show_assessments (KesCarersPage *self)
{
  g_autoptr(GPtrArray) assessments = kes_store_list_carer_records (self->store, &kes_carer_assessment_kind,
                                                                   self->carer_id, NULL, NULL);
  g_autoptr(GPtrArray) involvement = kes_store_list_carer_records (self->store, &kes_carer_involvement_kind,
                                                                   self->carer_id, NULL, NULL);
  GtkWidget *group = kes_carers_page_add_group (self, _("Carer’s assessments"), NULL);

  if (assessments == NULL || assessments->len == 0)
    kes_carers_page_add_row (group, _("No assessment offered yet"), _("Every carer is entitled to a carer’s assessment."));
  for (guint i = 0; assessments != NULL && i < assessments->len; i++)
    {
      KesFieldRecord *assessment = assessments->pdata[i];
      const char *status = kes_field_record_get_text (assessment, "status");
      g_autofree char *offered = kes_carers_page_display_date (kes_field_record_get_text (assessment, "offered_on"));
      g_autofree char *review = kes_carers_page_display_date (kes_field_record_get_text (assessment, "review_date"));
      g_autofree char *title = g_strdup_printf (_("%s — offered %s"),
                                                kes_carers_page_code_label (KES_CODES_CARER_ASSESSMENT_STATUS, status), offered);
      g_autofree char *signed_text = signed_off_text (self, assessment);
      g_autofree char *carer_signed = carer_signature_text (assessment);
      g_autofree char *outcome = g_str_equal (status, "completed")
        ? g_strdup_printf (_("%s; review %s; %s"),
                           kes_field_record_get_bool (assessment, "eligible") ? _("Eligible for support")
                                                                             : _("Not eligible"),
                           review, signed_text)
        : NULL;
      g_autofree char *subtitle = outcome != NULL && carer_signed != NULL
        ? g_strdup_printf ("%s · %s", outcome, carer_signed)
        : g_strdup (outcome != NULL ? outcome : carer_signed);
      {
        GtkWidget *row = kes_carers_page_add_row (group, title, subtitle);
        GtkWidget *pdf = gtk_button_new_with_label (_("PDF"));

        gtk_widget_set_valign (pdf, GTK_ALIGN_CENTER);
        gtk_widget_set_name (pdf, "assessment-pdf");
        gtk_widget_set_tooltip_text (pdf, _("Preview the assessment as a PDF, to save or print"));
        g_object_set_data_full (G_OBJECT (pdf), "assessment-id",
                                g_strdup (kes_field_record_get_id (assessment)), g_free);
        g_signal_connect (pdf, "clicked", G_CALLBACK (assessment_pdf_cb), self);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), pdf);
        if (g_str_equal (status, "completed") && *kes_field_record_get_text (assessment, "signed_at") == '\0' &&
            kes_store_check_permission (self->store, KES_PERMISSION_EDIT_CARERS, NULL, NULL))
          {
            GtkWidget *sign = gtk_button_new_with_mnemonic (_("_Sign Off…"));

            gtk_widget_set_valign (sign, GTK_ALIGN_CENTER);
            gtk_widget_set_name (sign, "assessment-sign");
            g_object_set_data_full (G_OBJECT (sign), "assessment-id",
                                    g_strdup (kes_field_record_get_id (assessment)), g_free);
            g_signal_connect (sign, "clicked", G_CALLBACK (sign_assessment_clicked_cb), self);
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), sign);
          }
      }
    }

  group = kes_carers_page_add_group (self, _("Involvement"), NULL);
  if (involvement == NULL || involvement->len == 0)
    kes_carers_page_add_row (group, _("Nothing logged yet"), NULL);
  for (guint i = 0; involvement != NULL && i < involvement->len; i++)
    {
      KesFieldRecord *entry = involvement->pdata[i];
      g_autofree char *date = kes_carers_page_display_date (kes_field_record_get_text (entry, "occurred_on"));
      g_autofree char *title = g_strdup_printf ("%s — %s", date,
                                                kes_carers_page_code_label (KES_CODES_CARER_INVOLVEMENT,
                                                            kes_field_record_get_text (entry, "involvement")));
      kes_carers_page_add_row (group, title, kes_field_record_get_text (entry, "summary"));
    }
}

