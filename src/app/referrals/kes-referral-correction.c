/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-referral-correction"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-secondary-window.h"
#include "referrals/kes-referral-correction.h"

typedef struct
{
  KesStore             *store;
  KesReferral          *referral;
  KesReferralForm      *form;
  GtkWidget            *reason;
  KesReferralCorrected  done;
  gpointer              user_data;
} Correction;

static void
correction_free (Correction *correction)
{
  g_clear_object (&correction->store);
  g_clear_object (&correction->referral);
  g_free (correction);
}

static Correction *
get_correction (GtkWidget *window)
{
  return g_object_get_data (G_OBJECT (window), "kes-referral-correction");
}

static void
save_clicked_cb (GtkWidget *window)
{
  kes_referral_correction_save (window);
}

GtkWidget *
kes_referral_correction_new (GtkWindow            *parent,
                             KesStore             *store,
                             KesReferral          *referral,
                             KesReferralCorrected  done,
                             gpointer              user_data)
{
  Correction *correction = g_new0 (Correction, 1);
  GtkWidget *window, *box, *header, *save, *cancel, *scrolled, *clamp, *content, *caption;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (KES_IS_REFERRAL (referral), NULL);

  correction->store = g_object_ref (store);
  correction->referral = g_object_ref (referral);
  correction->done = done;
  correction->user_data = user_data;

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Correct Referral Details"));
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 760);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  g_object_set_data_full (G_OBJECT (window), "kes-referral-correction", correction,
                          (GDestroyNotify) correction_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  save = gtk_button_new_with_mnemonic (_("_Save Correction"));
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_add_css_class (save, "suggested-action");
  kes_widget_set_handle (save, "save-referral-correction");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  gtk_box_append (GTK_BOX (box), header);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  caption = gtk_label_new_with_mnemonic (_("_Reason for the correction (required)"));
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "heading");
  correction->reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (correction->reason), _("What was wrong, e.g. the ward was recorded wrongly"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), correction->reason);
  gtk_box_append (GTK_BOX (content), caption);
  gtk_box_append (GTK_BOX (content), correction->reason);

  correction->form = KES_REFERRAL_FORM (kes_referral_form_new ());
  kes_referral_form_set_store (correction->form, store);
  kes_referral_form_set_referral (correction->form, referral);
  gtk_widget_set_margin_top (GTK_WIDGET (correction->form), 12);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (correction->form));

  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);

  g_signal_connect_swapped (save, "clicked", G_CALLBACK (save_clicked_cb), window);
  /* Cancel, Escape and Ctrl+W ask first when something was typed. */
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), window);
  kes_secondary_window_guard_unsaved (GTK_WINDOW (window));
  return window;
}

KesReferralForm *
kes_referral_correction_get_form (GtkWidget *window)
{
  g_return_val_if_fail (get_correction (window) != NULL, NULL);
  return get_correction (window)->form;
}

GtkEditable *
kes_referral_correction_get_reason (GtkWidget *window)
{
  g_return_val_if_fail (get_correction (window) != NULL, NULL);
  return GTK_EDITABLE (get_correction (window)->reason);
}

gboolean
kes_referral_correction_save (GtkWidget *window)
{
  Correction *correction = get_correction (window);
  g_autoptr(KesReferral) candidate = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (correction != NULL, FALSE);

  candidate = kes_referral_form_dup_referral (correction->form, correction->referral);
  issues = kes_referral_validate (candidate);
  if (issues->len > 0)
    {
      kes_referral_form_show_issues (correction->form, issues);
      return FALSE;
    }
  kes_referral_form_clear_issues (correction->form);
  reason = kes_editable_dup_text (GTK_EDITABLE (correction->reason));
  if (!kes_store_correct_referral (correction->store, candidate, reason, &error))
    {
      /* Everything typed stays; the message says what to fix. */
      kes_referral_form_show_message (correction->form, error->message);
      return FALSE;
    }
  if (correction->done != NULL)
    correction->done (candidate, correction->user_data);
  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}
