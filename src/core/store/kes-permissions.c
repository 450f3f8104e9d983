/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-permissions"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-error.h"
#include "kes-permissions.h"

/* The permission matrix. Keep docs/permissions.md in step with it.
 *
 * Need to know: carers' liaison staff and administrators work with the
 * register, not clinical content. Team managers read clinical content and
 * the access log but write clinically only if they also hold a clinical
 * role. Break-glass is for staff who may read clinical content, to open a
 * patient outside their own team. */
typedef struct
{
  const char *role;
  const char *label;       /* the people holding it: "Clinicians" */
  const char *title;       /* one of them: "Clinician" */
  guint       permissions; /* 1 << KesPermission */
} RoleEntry;

#define P(name) (1u << KES_PERMISSION_##name)

/* Every role works from the staff and service directory (who is in which
 * team, the crisis numbers): no one with a role goes without it. */
#define EVERY_ROLE P (VIEW_DIRECTORY)

static const RoleEntry roles[] = {
  { KES_ROLE_CLINICIAN, N_("Clinicians"), N_("Clinician"),
    P (VIEW_IDENTITY) | P (EDIT_IDENTITY) | P (VIEW_CLINICAL) | P (EDIT_CLINICAL) | P (EXPORT) |
    P (BREAK_GLASS) | P (VIEW_CARERS) | P (EDIT_CARERS) | P (EXPORT_CARER_DOCUMENTS) | EVERY_ROLE },
  { KES_ROLE_SOCIAL_SUPERVISOR, N_("Social supervisors"), N_("Social supervisor"),
    P (VIEW_IDENTITY) | P (EDIT_IDENTITY) | P (VIEW_CLINICAL) | P (EDIT_CLINICAL) | P (EXPORT) |
    P (BREAK_GLASS) | P (VIEW_CARERS) | P (EDIT_CARERS) | P (EXPORT_CARER_DOCUMENTS) | EVERY_ROLE },
  /* Carer's assessments and carer letters are the carer's own documents,
   * written with them and given to them: carers' liaison staff save and
   * print those, and nothing else leaves the program through them. */
  { KES_ROLE_CARERS_LIAISON, N_("Carers’ liaison staff"), N_("Carers’ liaison worker"),
    P (VIEW_IDENTITY) | P (VIEW_CARERS) | P (EDIT_CARERS) | P (EXPORT_CARER_DOCUMENTS) | EVERY_ROLE },
  { KES_ROLE_LIAISON_DIVERSION, N_("Liaison and diversion practitioners"), N_("Liaison and diversion practitioner"),
    P (VIEW_IDENTITY) | P (EDIT_IDENTITY) | P (VIEW_CLINICAL) | P (EDIT_CLINICAL) | P (BREAK_GLASS) |
    EVERY_ROLE },
  { KES_ROLE_TEAM_MANAGER, N_("Team managers"), N_("Team manager"),
    P (OVERRIDE_ELIGIBILITY) |
    P (VIEW_IDENTITY) | P (EDIT_IDENTITY) | P (VIEW_CLINICAL) | P (EXPORT) | P (VIEW_AUDIT) |
    P (BREAK_GLASS) | P (VIEW_CARERS) | P (EXPORT_CARER_DOCUMENTS) |
    P (MANAGE_DIRECTORY) | EVERY_ROLE },
  { KES_ROLE_ADMINISTRATOR, N_("Administrators"), N_("Administrator"),
    P (VIEW_IDENTITY) | P (EDIT_IDENTITY) | P (VIEW_AUDIT) | P (MANAGE_STAFF) | P (BACKUP) |
    P (MANAGE_DIRECTORY) | EVERY_ROLE },
};

#undef EVERY_ROLE
#undef P

static const char *const permission_names[KES_N_PERMISSIONS] = {
  [KES_PERMISSION_VIEW_IDENTITY] = "view-identity",
  [KES_PERMISSION_EDIT_IDENTITY] = "edit-identity",
  [KES_PERMISSION_VIEW_CLINICAL] = "view-clinical",
  [KES_PERMISSION_EDIT_CLINICAL] = "edit-clinical",
  [KES_PERMISSION_EXPORT] = "export",
  [KES_PERMISSION_VIEW_AUDIT] = "view-audit",
  [KES_PERMISSION_MANAGE_STAFF] = "manage-staff",
  [KES_PERMISSION_BREAK_GLASS] = "break-glass",
  [KES_PERMISSION_BACKUP] = "backup",
  [KES_PERMISSION_OVERRIDE_ELIGIBILITY] = "override-eligibility",
  [KES_PERMISSION_VIEW_CARERS] = "view-carers",
  [KES_PERMISSION_EDIT_CARERS] = "edit-carers",
  [KES_PERMISSION_MANAGE_DIRECTORY] = "manage-directory",
  [KES_PERMISSION_EXPORT_CARER_DOCUMENTS] = "export-carer-documents",
  [KES_PERMISSION_VIEW_DIRECTORY] = "view-directory",
};

static const RoleEntry *
find_role (const char *role)
{
  for (guint i = 0; role != NULL && i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (roles[i].role, role))
      return &roles[i];
  return NULL;
}

const char * const *
kes_role_all (void)
{
  static const char *const all[] = {
    KES_ROLE_CLINICIAN, KES_ROLE_SOCIAL_SUPERVISOR, KES_ROLE_CARERS_LIAISON,
    KES_ROLE_LIAISON_DIVERSION, KES_ROLE_TEAM_MANAGER, KES_ROLE_ADMINISTRATOR, NULL
  };
  return all;
}

gboolean
kes_role_is_known (const char *role)
{
  return find_role (role) != NULL;
}

const char *
kes_role_label (const char *role)
{
  const RoleEntry *entry = find_role (role);
  return entry != NULL ? _(entry->label) : role;
}

const char *
kes_role_title (const char *role)
{
  const RoleEntry *entry = find_role (role);
  return entry != NULL ? _(entry->title) : role;
}

const char *
kes_permission_to_string (KesPermission permission)
{
  g_return_val_if_fail (permission < KES_N_PERMISSIONS, NULL);
  return permission_names[permission];
}

gboolean
kes_permission_from_string (const char    *text,
                            KesPermission *permission)
{
  for (guint i = 0; text != NULL && i < KES_N_PERMISSIONS; i++)
    if (g_str_equal (permission_names[i], text))
      {
        *permission = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
kes_role_grants (const char    *role,
                 KesPermission  permission)
{
  const RoleEntry *entry = find_role (role);

  g_return_val_if_fail (permission < KES_N_PERMISSIONS, FALSE);
  return entry != NULL && (entry->permissions & (1u << permission)) != 0;
}

/* "%s can’t …" for each permission: whole sentences, so translators see them. */
static char *
refusal_message (const char    *who,
                 KesPermission  permission)
{
  switch (permission)
    {
    case KES_PERMISSION_VIEW_IDENTITY:
      return g_strdup_printf (_("%s can’t open patient records"), who);
    case KES_PERMISSION_EDIT_IDENTITY:
      return g_strdup_printf (_("%s can’t change the patient register"), who);
    case KES_PERMISSION_VIEW_CLINICAL:
      return g_strdup_printf (_("%s can’t read clinical notes"), who);
    case KES_PERMISSION_EDIT_CLINICAL:
      return g_strdup_printf (_("%s can’t write clinical notes or contacts"), who);
    case KES_PERMISSION_EXPORT:
      return g_strdup_printf (_("%s can’t export or print records"), who);
    case KES_PERMISSION_VIEW_AUDIT:
      return g_strdup_printf (_("%s can’t read the access log"), who);
    case KES_PERMISSION_MANAGE_STAFF:
      return g_strdup_printf (_("%s can’t manage staff accounts"), who);
    case KES_PERMISSION_BREAK_GLASS:
      return g_strdup_printf (_("%s can’t use emergency (break-glass) access"), who);
    case KES_PERMISSION_BACKUP:
      return g_strdup_printf (_("%s can’t back up or restore the database"), who);
    case KES_PERMISSION_OVERRIDE_ELIGIBILITY:
      return g_strdup_printf (_("%s can’t override a failed referral eligibility check: ask a team manager"), who);
    case KES_PERMISSION_VIEW_CARERS:
      return g_strdup_printf (_("%s can’t open carers’ records"), who);
    case KES_PERMISSION_EDIT_CARERS:
      return g_strdup_printf (_("%s can’t change carers’ records or consent to share"), who);
    case KES_PERMISSION_MANAGE_DIRECTORY:
      return g_strdup_printf (_("%s can’t change the service directory"), who);
    case KES_PERMISSION_EXPORT_CARER_DOCUMENTS:
      return g_strdup_printf (_("%s can’t save or print carers’ documents"), who);
    case KES_PERMISSION_VIEW_DIRECTORY:
      return g_strdup_printf (_("%s can’t read the staff and service directory"), who);
    case KES_N_PERMISSIONS:
    default:
      g_assert_not_reached ();
    }
}

gboolean
kes_permission_check (const char * const *role_list,
                      KesPermission       permission,
                      GError            **error)
{
  g_autofree char *message = NULL;
  guint n = 0;

  g_return_val_if_fail (permission < KES_N_PERMISSIONS, FALSE);

  for (; role_list != NULL && role_list[n] != NULL; n++)
    if (kes_role_grants (role_list[n], permission))
      return TRUE;
  if (n == 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION,
                           _("Your account has no role yet, so it can only change its own "
                             "password: ask an administrator to give it one"));
      return FALSE;
    }

  message = refusal_message (n == 1 ? kes_role_label (role_list[0]) : _("Staff in your roles"),
                             permission);
  g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION, message);
  return FALSE;
}

GStrv
kes_roles_parse (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text != NULL ? text : "", " ,", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static gboolean
is_listed_before (const char * const *role_list,
                  guint               index)
{
  for (guint i = 0; i < index; i++)
    if (g_str_equal (role_list[i], role_list[index]))
      return TRUE;
  return FALSE;
}

char *
kes_roles_join (const char * const *role_list,
                GError            **error)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; role_list != NULL && role_list[i] != NULL; i++)
    {
      if (!kes_role_is_known (role_list[i]))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) kes_role_all ());
          g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                       _("Role “%s” is not a Kestrel role (the roles are %s)"), role_list[i], known);
          return NULL;
        }
      if (is_listed_before (role_list, i))
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, role_list[i]);
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}
