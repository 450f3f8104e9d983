/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-account"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-account.h"
#include "kes-clock.h"
#include "kes-permissions.h"
#include "kes-records.h"

struct _KesAccount
{
  GObject   parent_instance;

  KesStaff *staff;
  char     *team_name;
  GStrv     roles;
  gboolean  disabled;
  gboolean  has_password;
  gboolean  must_change_password;
  char     *locked_until;
  int       failed_attempts;
  char     *last_sign_in_at;
  gint64    revision;
  char     *changed_at;
  char     *changed_by_name;
};

G_DEFINE_FINAL_TYPE (KesAccount, kes_account, G_TYPE_OBJECT)

static void
kes_account_finalize (GObject *object)
{
  KesAccount *self = KES_ACCOUNT (object);

  g_clear_object (&self->staff);
  g_free (self->team_name);
  g_strfreev (self->roles);
  g_free (self->locked_until);
  g_free (self->last_sign_in_at);
  g_free (self->changed_at);
  g_free (self->changed_by_name);

  G_OBJECT_CLASS (kes_account_parent_class)->finalize (object);
}

static void
kes_account_class_init (KesAccountClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_account_finalize;
}

static void
kes_account_init (KesAccount *self)
{
}

/* A lock that has run out is no lock: the list shows what holds now. */
static char *
lock_in_force (const char *locked_until)
{
  g_autoptr(GDateTime) until = locked_until != NULL ? kes_time_from_iso (locked_until) : NULL;
  g_autoptr(GDateTime) now = NULL;

  if (until == NULL)
    return NULL;
  now = kes_clock_now_utc ();
  return g_date_time_compare (now, until) < 0 ? g_strdup (locked_until) : NULL;
}

KesAccount *
kes_account_new (const KesAccountFields *fields)
{
  KesAccount *self;

  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (KES_IS_STAFF (fields->staff), NULL);

  self = g_object_new (KES_TYPE_ACCOUNT, NULL);
  self->staff = g_object_ref (fields->staff);
  self->team_name = g_strdup (fields->team_name != NULL ? fields->team_name : "");
  self->roles = kes_roles_parse (fields->roles);
  self->disabled = fields->disabled;
  self->has_password = fields->has_password;
  self->must_change_password = fields->must_change_password;
  self->locked_until = lock_in_force (fields->locked_until);
  self->failed_attempts = fields->failed_attempts;
  self->last_sign_in_at = g_strdup (fields->last_sign_in_at);
  self->revision = fields->revision;
  self->changed_at = g_strdup (fields->changed_at);
  self->changed_by_name = g_strdup (fields->changed_by_name);
  return self;
}

KesStaff *
kes_account_get_staff (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), NULL);
  return self->staff;
}

const char *
kes_account_get_id (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), NULL);
  return kes_staff_get_id (self->staff);
}

const char *
kes_account_get_username (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), NULL);
  return kes_staff_get_username (self->staff);
}

const char *
kes_account_get_display_name (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), NULL);
  return kes_staff_get_display_name (self->staff);
}

const char *
kes_account_get_team_name (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), NULL);
  return self->team_name;
}

const char * const *
kes_account_get_roles (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), NULL);
  return (const char * const *) self->roles;
}

gboolean
kes_account_has_role (KesAccount *self,
                      const char *role)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), FALSE);
  return role != NULL && g_strv_contains ((const char * const *) self->roles, role);
}

gboolean
kes_account_get_disabled (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), FALSE);
  return self->disabled;
}

gboolean
kes_account_get_has_password (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), FALSE);
  return self->has_password;
}

gboolean
kes_account_get_must_change_password (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), FALSE);
  return self->must_change_password;
}

const char *
kes_account_get_locked_until (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), NULL);
  return self->locked_until;
}

int
kes_account_get_failed_attempts (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), 0);
  return self->failed_attempts;
}

const char *
kes_account_get_last_sign_in_at (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), NULL);
  return self->last_sign_in_at;
}

gint64
kes_account_get_revision (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), 0);
  return self->revision;
}

const char *
kes_account_get_changed_at (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), NULL);
  return self->changed_at;
}

const char *
kes_account_get_changed_by_name (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), NULL);
  return self->changed_by_name;
}

KesAccountState
kes_account_get_state (KesAccount *self)
{
  g_return_val_if_fail (KES_IS_ACCOUNT (self), KES_ACCOUNT_DISABLED);

  if (self->disabled)
    return KES_ACCOUNT_DISABLED;
  if (!self->has_password)
    return KES_ACCOUNT_NO_PASSWORD;
  if (self->locked_until != NULL)
    return KES_ACCOUNT_LOCKED;
  if (self->must_change_password)
    return KES_ACCOUNT_MUST_CHANGE;
  return KES_ACCOUNT_ACTIVE;
}

char *
kes_account_dup_state_label (KesAccount *self)
{
  g_autofree char *until = NULL;

  g_return_val_if_fail (KES_IS_ACCOUNT (self), NULL);

  switch (kes_account_get_state (self))
    {
    case KES_ACCOUNT_DISABLED:
      return g_strdup (_("Disabled"));
    case KES_ACCOUNT_NO_PASSWORD:
      return g_strdup (_("No password: can’t sign in until one is set"));
    case KES_ACCOUNT_LOCKED:
      until = kes_time_to_display (self->locked_until);
      return g_strdup_printf (_("Locked until %s after failed sign-ins"), until);
    case KES_ACCOUNT_MUST_CHANGE:
      return g_strdup (_("One-time password: to be changed at the next sign-in"));
    case KES_ACCOUNT_ACTIVE:
    default:
      return g_strdup (_("Active"));
    }
}

char *
kes_account_dup_roles_label (KesAccount *self)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) joined = NULL;

  g_return_val_if_fail (KES_IS_ACCOUNT (self), NULL);

  if (self->roles[0] == NULL)
    return g_strdup (_("No roles"));
  for (guint i = 0; self->roles[i] != NULL; i++)
    g_strv_builder_add (labels, kes_role_title (self->roles[i]));
  joined = g_strv_builder_end (labels);
  return g_strjoinv (", ", joined);
}
