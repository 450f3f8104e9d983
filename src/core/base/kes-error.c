/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-error"

#include "config.h"

#include "kes-error.h"
#include "kes-types.h"

G_DEFINE_QUARK (kes-error-quark, kes_error)

static const char * const change_names[] = {
  [KES_CHANGE_CREATE] = "create",
  [KES_CHANGE_EDIT] = "edit",
  [KES_CHANGE_CORRECTION] = "correction",
  [KES_CHANGE_ENTERED_IN_ERROR] = "entered-in-error",
};

const char *
kes_change_kind_to_string (KesChangeKind kind)
{
  g_return_val_if_fail (kind <= KES_CHANGE_ENTERED_IN_ERROR, NULL);
  return change_names[kind];
}

gboolean
kes_change_kind_from_string (const char    *text,
                             KesChangeKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (change_names); i++)
    {
      if (g_strcmp0 (text, change_names[i]) == 0)
        {
          *kind = (KesChangeKind) i;
          return TRUE;
        }
    }
  return FALSE;
}
