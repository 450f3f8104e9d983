/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-lock-screen"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/kes-lock-screen.h"
#include "kes-accounts.h"
#include "kes-app-util.h"

struct _KesLockScreen
{
  AdwBin         parent_instance;

  KesStore      *store;
  KesStaff      *staff;

  AdwStatusPage *status;
  GtkWidget     *password_entry;
  GtkLabel      *error_label;
  GtkWidget     *unlock_button;
  GtkWidget     *switch_button;
};

G_DEFINE_FINAL_TYPE (KesLockScreen, kes_lock_screen, ADW_TYPE_BIN)

enum {
  UNLOCKED,
  SWITCH_USER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
unlock_clicked_cb (KesLockScreen *self)
{
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->store != NULL && self->staff != NULL);

  /* The same person only: core checks the password, throttles and logs. */
  signed_in = kes_store_sign_in (self->store, kes_staff_get_username (self->staff),
                                 gtk_editable_get_text (GTK_EDITABLE (self->password_entry)),
                                 &error);
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  if (signed_in == NULL)
    {
      kes_field_set_error (self->password_entry, self->error_label, error->message);
      gtk_widget_grab_focus (self->password_entry);
      return;
    }
  kes_field_set_error (self->password_entry, self->error_label, NULL);
  g_signal_emit (self, signals[UNLOCKED], 0);
  /* Held only while locked, so that switching to another database later
   * closes this one. */
  g_clear_object (&self->store);
  g_clear_object (&self->staff);
}

static void
switch_clicked_cb (KesLockScreen *self)
{
  g_signal_emit (self, signals[SWITCH_USER], 0);
  /* The window keeps the lock up when unsaved edits are kept: only let go
   * once it is down. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_clear_object (&self->store);
      g_clear_object (&self->staff);
    }
}

static void
kes_lock_screen_dispose (GObject *object)
{
  KesLockScreen *self = KES_LOCK_SCREEN (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_LOCK_SCREEN);
  g_clear_object (&self->store);
  g_clear_object (&self->staff);

  G_OBJECT_CLASS (kes_lock_screen_parent_class)->dispose (object);
}

static void
kes_lock_screen_class_init (KesLockScreenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_lock_screen_dispose;

  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SWITCH_USER] = g_signal_new ("switch-user", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/accounts/kes-lock-screen.ui");
  gtk_widget_class_bind_template_child (widget_class, KesLockScreen, status);
  gtk_widget_class_bind_template_child (widget_class, KesLockScreen, password_entry);
  gtk_widget_class_bind_template_child (widget_class, KesLockScreen, error_label);
  gtk_widget_class_bind_template_child (widget_class, KesLockScreen, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, KesLockScreen, switch_button);
  gtk_widget_class_bind_template_callback (widget_class, unlock_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, switch_clicked_cb);
}

static void
kes_lock_screen_init (KesLockScreen *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kes_lock_screen_new (void)
{
  return g_object_new (KES_TYPE_LOCK_SCREEN, NULL);
}

void
kes_lock_screen_lock (KesLockScreen *self,
                      KesStore      *store)
{
  KesStaff *actor;
  g_autofree char *description = NULL;

  g_return_if_fail (KES_IS_LOCK_SCREEN (self));
  g_return_if_fail (KES_IS_STORE (store));

  actor = kes_store_get_actor (store);
  g_set_object (&self->store, store);
  g_set_object (&self->staff, actor);

  if (actor != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (kes_staff_get_display_name (actor), -1);

      /* TRANSLATORS: "Signed in as Alex Smith. Your work is kept: …" */
      description = g_strdup_printf (_("Signed in as %s. Your work is kept: type your password "
                                       "to go on where you left off."),
                                     escaped);
    }
  adw_status_page_set_description (self->status, description);
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  kes_field_set_error (self->password_entry, self->error_label, NULL);
  gtk_widget_grab_focus (self->password_entry);
}
