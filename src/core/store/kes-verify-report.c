/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-verify-report"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-installation-key.h"
#include "kes-verify-private.h"

typedef struct
{
  gboolean  ran;
  guint64   checked;
  guint     problems;
  char     *first;
  char     *unverified;
} Part;

struct _KesVerifyReport
{
  Part       parts[KES_VERIFY_N_PARTS];
  GPtrArray *notices; /* NULL-terminated */
};

KesVerifyReport *
kes_verify_report_new (void)
{
  KesVerifyReport *self = g_new0 (KesVerifyReport, 1);

  self->notices = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  return self;
}

void
kes_verify_report_free (KesVerifyReport *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < KES_VERIFY_N_PARTS; i++)
    {
      g_free (self->parts[i].first);
      g_free (self->parts[i].unverified);
    }
  g_ptr_array_unref (self->notices);
  g_free (self);
}

void
kes_verify_report_mark_ran (KesVerifyReport *self,
                            KesVerifyPart    part)
{
  self->parts[part].ran = TRUE;
}

void
kes_verify_report_count (KesVerifyReport *self,
                         KesVerifyPart    part,
                         guint64          checked)
{
  self->parts[part].checked += checked;
}

void
kes_verify_report_problem (KesVerifyReport *self,
                           KesVerifyPart    part,
                           const char      *format,
                           ...)
{
  Part *p = &self->parts[part];
  va_list args;

  p->problems++;
  if (p->first != NULL)
    return;
  va_start (args, format);
  p->first = g_strdup_vprintf (format, args);
  va_end (args);
}

void
kes_verify_report_problems (KesVerifyReport *self,
                            KesVerifyPart    part,
                            guint            count,
                            const char      *first)
{
  Part *p = &self->parts[part];

  p->problems += count;
  if (p->first == NULL)
    p->first = g_strdup (first);
}

void
kes_verify_report_unverified (KesVerifyReport *self,
                              KesVerifyPart    part,
                              const char      *key_id)
{
  g_autofree char *folder = NULL;

  if (self->parts[part].unverified != NULL)
    return;
  folder = kes_installation_key_folder ();
  self->parts[part].unverified =
    g_strdup_printf (_("cannot be verified without the installation key %s, which is not on this "
                       "computer: copy that installation’s key file into %s"), key_id, folder);
}

void
kes_verify_report_notice (KesVerifyReport *self,
                          const char      *format,
                          ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (self->notices, g_steal_pointer (&text));
}

char *
kes_verify_entries_text (gint64 first,
                         gint64 last)
{
  if (first == last)
    return g_strdup_printf (_("entry %lld was"), (long long) first);
  return g_strdup_printf (_("entries %lld to %lld were"), (long long) first, (long long) last);
}

gboolean
kes_verify_report_ran (KesVerifyReport *self,
                       KesVerifyPart    part)
{
  g_return_val_if_fail (self != NULL && part < KES_VERIFY_N_PARTS, FALSE);
  return self->parts[part].ran;
}

guint64
kes_verify_report_get_checked (KesVerifyReport *self,
                               KesVerifyPart    part)
{
  g_return_val_if_fail (self != NULL && part < KES_VERIFY_N_PARTS, 0);
  return self->parts[part].checked;
}

guint
kes_verify_report_get_problems (KesVerifyReport *self,
                                KesVerifyPart    part)
{
  g_return_val_if_fail (self != NULL && part < KES_VERIFY_N_PARTS, 0);
  return self->parts[part].problems;
}

const char *
kes_verify_report_get_first (KesVerifyReport *self,
                             KesVerifyPart    part)
{
  g_return_val_if_fail (self != NULL && part < KES_VERIFY_N_PARTS, NULL);
  return self->parts[part].first;
}

const char *
kes_verify_report_get_unverified (KesVerifyReport *self,
                                  KesVerifyPart    part)
{
  g_return_val_if_fail (self != NULL && part < KES_VERIFY_N_PARTS, NULL);
  return self->parts[part].unverified;
}

const char * const *
kes_verify_report_get_notices (KesVerifyReport *self)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (self != NULL, NULL);
  /* An empty array may have no storage at all yet. */
  return self->notices->pdata != NULL ? (const char * const *) self->notices->pdata : none;
}

gboolean
kes_verify_report_needs_key (KesVerifyReport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < KES_VERIFY_N_PARTS; i++)
    if (self->parts[i].unverified != NULL)
      return TRUE;
  return FALSE;
}

gboolean
kes_verify_report_has_problems (KesVerifyReport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < KES_VERIFY_N_PARTS; i++)
    if (self->parts[i].problems > 0)
      return TRUE;
  return FALSE;
}

gboolean
kes_verify_report_is_intact (KesVerifyReport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return !kes_verify_report_has_problems (self) && !kes_verify_report_needs_key (self);
}

const char *
kes_verify_part_label (KesVerifyPart part)
{
  static const char *const labels[KES_VERIFY_N_PARTS] = {
    [KES_VERIFY_FILE] = N_("Database file"),
    [KES_VERIFY_GUARDS] = N_("Append-only rules"),
    [KES_VERIFY_RECORDS] = N_("Record histories"),
    [KES_VERIFY_REVISIONS] = N_("Revisions"),
    [KES_VERIFY_ACCESS_LOG] = N_("Access log"),
    [KES_VERIFY_PROJECTIONS] = N_("Display tables"),
    [KES_VERIFY_ANCHORS] = N_("Anchors"),
  };

  g_return_val_if_fail (part < KES_VERIFY_N_PARTS, NULL);
  return _(labels[part]);
}

/* Each part's share of a full check's time (tools/bench.sh verify: the
 * display tables' rebuild is most of it). */
static const double part_weights[KES_VERIFY_N_PARTS] = {
  [KES_VERIFY_FILE] = 0.10,
  [KES_VERIFY_GUARDS] = 0.0,
  [KES_VERIFY_RECORDS] = 0.05,
  [KES_VERIFY_ACCESS_LOG] = 0.10,
  [KES_VERIFY_REVISIONS] = 0.20,
  [KES_VERIFY_PROJECTIONS] = 0.55,
  [KES_VERIFY_ANCHORS] = 0.0,
};

double
kes_verify_progress_fraction (KesVerifyPart part,
                              guint64       done,
                              guint64       total)
{
  double before = 0;

  g_return_val_if_fail (part < KES_VERIFY_N_PARTS, 0);

  for (guint i = 0; i < part; i++)
    before += part_weights[i];
  return MIN (1.0, before + part_weights[part] * (total > 0 ? MIN (1.0, (double) done / total) : 0));
}

KesVerifyPart
kes_verify_part_at (double fraction)
{
  double end = 0;

  for (guint i = 0; i < KES_VERIFY_N_PARTS; i++)
    {
      end += part_weights[i];
      if (part_weights[i] > 0 && fraction < end)
        return i;
    }
  return KES_VERIFY_N_PARTS - 1;
}

/* "12,345 revisions": what a part counts, for people. */
static char *
checked_text (KesVerifyPart part,
              guint64       n)
{
  switch (part)
    {
    case KES_VERIFY_FILE:
      return g_strdup (_("checked the whole file"));
    case KES_VERIFY_GUARDS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" G_GUINT64_FORMAT " rule",
                                           "%'" G_GUINT64_FORMAT " rules", n), n);
    case KES_VERIFY_RECORDS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" G_GUINT64_FORMAT " record",
                                           "%'" G_GUINT64_FORMAT " records", n), n);
    case KES_VERIFY_REVISIONS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" G_GUINT64_FORMAT " revision",
                                           "%'" G_GUINT64_FORMAT " revisions", n), n);
    case KES_VERIFY_ACCESS_LOG:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" G_GUINT64_FORMAT " entry",
                                           "%'" G_GUINT64_FORMAT " entries", n), n);
    case KES_VERIFY_PROJECTIONS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" G_GUINT64_FORMAT " row",
                                           "%'" G_GUINT64_FORMAT " rows", n), n);
    case KES_VERIFY_ANCHORS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" G_GUINT64_FORMAT " anchor",
                                           "%'" G_GUINT64_FORMAT " anchors", n), n);
    case KES_VERIFY_N_PARTS:
    default:
      g_assert_not_reached ();
    }
}

char *
kes_verify_report_part_text (KesVerifyReport *self,
                             KesVerifyPart    part)
{
  Part *p;
  g_autofree char *checked = NULL;

  g_return_val_if_fail (self != NULL && part < KES_VERIFY_N_PARTS, NULL);

  p = &self->parts[part];
  if (!p->ran)
    return NULL;
  checked = checked_text (part, p->checked);
  if (p->problems > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %u problem, the first: %s",
                                         "%s; %u problems, the first: %s", p->problems),
                            checked, p->problems, p->first);
  if (p->unverified != NULL)
    return g_strdup_printf (_("%s; %s"), checked, p->unverified);
  return g_strdup_printf (_("%s; ok"), checked);
}

char *
kes_verify_report_verdict (KesVerifyReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (kes_verify_report_is_intact (self))
    return g_strdup (_("ok: the database is intact"));
  if (!kes_verify_report_has_problems (self))
    return g_strdup (_("The database cannot be verified without the installation key it was sealed with."));
  return g_strdup (_("The database failed verification: its history or access log was changed outside "
                     "Kestrel, or the file is damaged."));
}

char *
kes_verify_report_to_text (KesVerifyReport *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *verdict = NULL;
  const char * const *notices;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < KES_VERIFY_N_PARTS; i++)
    {
      g_autofree char *line = kes_verify_report_part_text (self, i);

      if (line != NULL)
        g_string_append_printf (text, "%s: %s\n", kes_verify_part_label (i), line);
    }
  notices = kes_verify_report_get_notices (self);
  for (guint i = 0; notices[i] != NULL; i++)
    g_string_append_printf (text, _("Note: %s\n"), notices[i]);
  verdict = kes_verify_report_verdict (self);
  g_string_append_printf (text, "%s\n", verdict);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

GPtrArray *
kes_verify_report_list_problems (KesVerifyReport *self)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (self != NULL, problems);

  for (guint i = 0; i < KES_VERIFY_N_PARTS; i++)
    {
      if (self->parts[i].first != NULL)
        g_ptr_array_add (problems, g_strdup_printf ("%s: %s", kes_verify_part_label (i),
                                                    self->parts[i].first));
      else if (self->parts[i].unverified != NULL)
        g_ptr_array_add (problems, g_strdup_printf ("%s: %s", kes_verify_part_label (i),
                                                    self->parts[i].unverified));
    }
  return problems;
}
