/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-referral-tab"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-store-referrals.h"
#include "referrals/kes-referral-tab.h"
#include "referrals/kes-referral-view.h"

struct _KesReferralTab
{
  AdwBin           parent_instance;

  KesStore        *store;
  char            *patient_id;
  GPtrArray       *referrals; /* KesReferral*, newest first */

  GtkDropDown     *choice;
  GtkWidget       *choice_clamp;
  GtkStack        *stack;
  KesReferralView *view;
};

G_DEFINE_FINAL_TYPE (KesReferralTab, kes_referral_tab, ADW_TYPE_BIN)

static void
choice_changed_cb (KesReferralTab *self)
{
  guint selected;

  /* The drop-down may notify while the template is being torn down. */
  if (self->referrals == NULL || self->view == NULL || self->choice == NULL)
    return;
  selected = gtk_drop_down_get_selected (self->choice);
  if (selected >= self->referrals->len)
    return;
  kes_referral_view_load (self->view, kes_referral_get_id (self->referrals->pdata[selected]));
}

/* Lists the patient's referrals again and shows the one at @selected (the
 * newest when out of range). */
static void
reload (KesReferralTab *self,
        guint           selected)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_clear_pointer (&self->referrals, g_ptr_array_unref);
  if (self->store != NULL && self->patient_id != NULL)
    self->referrals = kes_store_list_referrals (self->store, self->patient_id, FALSE, NULL);
  if (self->referrals == NULL || self->referrals->len == 0)
    {
      gtk_widget_set_visible (self->choice_clamp, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  if (selected >= self->referrals->len)
    selected = 0;
  for (guint i = 0; i < self->referrals->len; i++)
    {
      KesReferral *referral = self->referrals->pdata[i];
      g_autofree char *date = kes_date_to_display (kes_referral_get_text (referral, KES_REFERRAL_DATE));
      g_autofree char *label = g_strdup_printf (_("Referral of %s — %s"), date,
                                                kes_referral_stage_label (kes_referral_get_stage (referral)));
      gtk_string_list_append (labels, label);
    }
  g_signal_handlers_block_by_func (self->choice, choice_changed_cb, self);
  gtk_drop_down_set_model (self->choice, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->choice, selected);
  g_signal_handlers_unblock_by_func (self->choice, choice_changed_cb, self);
  gtk_widget_set_visible (self->choice_clamp, self->referrals->len > 1);
  kes_referral_view_load (self->view, kes_referral_get_id (self->referrals->pdata[selected]));
  gtk_stack_set_visible_child_name (self->stack, "referral");
}

/* A move or a save in the view: the stage in the choice's labels changes too. */
static void
view_changed_cb (KesReferralTab *self)
{
  reload (self, gtk_drop_down_get_selected (self->choice));
}

static void
kes_referral_tab_dispose (GObject *object)
{
  KesReferralTab *self = KES_REFERRAL_TAB (object);

  g_clear_pointer (&self->referrals, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_REFERRAL_TAB);
  g_clear_object (&self->store);
  g_clear_pointer (&self->patient_id, g_free);
  G_OBJECT_CLASS (kes_referral_tab_parent_class)->dispose (object);
}

static void
kes_referral_tab_class_init (KesReferralTabClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kes_referral_tab_dispose;
  g_type_ensure (KES_TYPE_REFERRAL_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kestrelcare/Kestrel/referrals/kes-referral-tab.ui");
  gtk_widget_class_bind_template_child (widget_class, KesReferralTab, choice);
  gtk_widget_class_bind_template_child (widget_class, KesReferralTab, choice_clamp);
  gtk_widget_class_bind_template_child (widget_class, KesReferralTab, stack);
  gtk_widget_class_bind_template_child (widget_class, KesReferralTab, view);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
}

static void
kes_referral_tab_init (KesReferralTab *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The record's header already names the patient. */
  kes_referral_view_set_show_title (self->view, FALSE);
}

GtkWidget *
kes_referral_tab_new (void)
{
  return g_object_new (KES_TYPE_REFERRAL_TAB, NULL);
}

void
kes_referral_tab_set_record (KesReferralTab *self,
                             KesStore       *store,
                             const char     *patient_id)
{
  g_return_if_fail (KES_IS_REFERRAL_TAB (self));
  g_return_if_fail (KES_IS_STORE (store));
  g_return_if_fail (patient_id != NULL);

  g_set_object (&self->store, store);
  g_free (self->patient_id);
  self->patient_id = g_strdup (patient_id);
  kes_referral_view_set_store (self->view, store);
  reload (self, 0);
}

guint
kes_referral_tab_get_count (KesReferralTab *self)
{
  g_return_val_if_fail (KES_IS_REFERRAL_TAB (self), 0);
  return self->referrals != NULL ? self->referrals->len : 0;
}
