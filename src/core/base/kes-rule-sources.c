/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-rule-sources"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-codes.h"
#include "kes-rule-sources.h"
#include "kes-validate.h"

/* The rule files, in the order `kestrel-cli rules` lists them; code lists
 * (every file under codes/) follow. */
static const char * const rule_files[] = {
  "rules/medication.ini",
  "rules/depot-drugs.ini",
  "rules/disclosure.ini",
  "moj/report-schedule.ini",
  "moj/template-sources.ini",
};

static const char * const provenance_keys[] = {
  "source", "issuer", "published", "section", "url", "status", "note", "reviewed", "review-by",
};

static const char * const status_names[] = { "published", "unconfirmed", "local", NULL };

static gboolean
is_provenance_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (provenance_keys); i++)
    if (g_str_equal (key, provenance_keys[i]))
      return TRUE;
  return FALSE;
}

/* "rules/medication.ini" -> "medication" */
static char *
file_stem (const char *file)
{
  const char *base = strrchr (file, '/');
  const char *dot;

  base = base != NULL ? base + 1 : file;
  dot = strrchr (base, '.');
  return dot != NULL ? g_strndup (base, (gsize) (dot - base)) : g_strdup (base);
}

static KesRuleSource *
source_new (const char *id,
            const char *file)
{
  KesRuleSource *source = g_new0 (KesRuleSource, 1);

  source->id = g_strdup (id);
  source->file = g_strdup (file);
  source->status = KES_SOURCE_UNCONFIRMED;
  source->rule_ids = g_ptr_array_new_with_free_func (g_free);
  source->values = g_ptr_array_new_with_free_func (g_free);
  return source;
}

/* Sets one provenance field. An unknown status leaves the block
 * "unconfirmed" and kes_rule_source_problems() names it. */
static void
source_set (KesRuleSource *source,
            const char    *key,
            const char    *value)
{
  char **field = NULL;

  if (g_str_equal (key, "status"))
    {
      for (guint i = 0; status_names[i] != NULL; i++)
        if (g_str_equal (value, status_names[i]))
          source->status = (KesSourceStatus) i;
      field = &source->status_text;
    }
  else if (g_str_equal (key, "source"))
    field = &source->title;
  else if (g_str_equal (key, "issuer"))
    field = &source->issuer;
  else if (g_str_equal (key, "published"))
    field = &source->published;
  else if (g_str_equal (key, "section"))
    field = &source->section;
  else if (g_str_equal (key, "url"))
    field = &source->url;
  else if (g_str_equal (key, "note"))
    field = &source->note;
  else if (g_str_equal (key, "reviewed"))
    field = &source->reviewed;
  else if (g_str_equal (key, "review-by"))
    field = &source->review_by;
  if (field == NULL)
    return;
  g_free (*field);
  *field = g_strstrip (g_strdup (value));
}

static void
add_ini_blocks (GPtrArray  *sources,
                const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = kes_core_data_lookup (file, &error);
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *stem = file_stem (file);
  g_auto(GStrv) groups = NULL;

  if (bytes == NULL || !g_key_file_load_from_bytes (keys, bytes, G_KEY_FILE_NONE, &error))
    {
      KesRuleSource *broken = source_new (stem, file);

      broken->note = g_strdup_printf ("could not be read: %s", error->message);
      g_ptr_array_add (sources, broken);
      return;
    }
  groups = g_key_file_get_groups (keys, NULL);
  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_autofree char *id = g_strdup_printf ("%s:%s", stem, groups[g]);
      g_auto(GStrv) names = g_key_file_get_keys (keys, groups[g], NULL, NULL);
      KesRuleSource *source = source_new (id, file);

      for (guint k = 0; names != NULL && names[k] != NULL; k++)
        {
          g_autofree char *value = g_key_file_get_value (keys, groups[g], names[k], NULL);

          if (is_provenance_key (names[k]))
            source_set (source, names[k], value != NULL ? value : "");
          else
            {
              g_ptr_array_add (source->rule_ids, g_strdup_printf ("%s.%s", id, names[k]));
              g_ptr_array_add (source->values, g_strdup (value != NULL ? value : ""));
            }
        }
      g_ptr_array_add (sources, source);
    }
}

static void
add_code_list (GPtrArray  *sources,
               const char *name)
{
  g_autofree char *file = g_strdup_printf ("codes/%s", name);
  g_autofree char *stem = file_stem (name);
  g_autofree char *id = g_strdup_printf ("codes:%s", stem);
  g_autoptr(GBytes) bytes = kes_core_data_lookup (file, NULL);
  g_autoptr(GString) codes = g_string_new (NULL);
  KesRuleSource *source = source_new (id, file);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_ptr_array_add (sources, source);
  if (bytes == NULL)
    {
      source->note = g_strdup ("could not be read");
      return;
    }
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *tab;

      if (g_str_has_prefix (line, "#@ "))
        {
          const char *colon = strstr (line + 3, ": ");
          g_autofree char *key = NULL;

          if (colon == NULL)
            continue;
          key = g_strndup (line + 3, (gsize) (colon - line - 3));
          source_set (source, key, colon + 2);
        }
      else if (line[0] != '#' && (tab = strchr (line, '\t')) != NULL)
        g_string_append_printf (codes, "%s%.*s", codes->len > 0 ? ", " : "", (int) (tab - line), line);
    }
  g_ptr_array_add (source->rule_ids, g_strdup (id));
  g_ptr_array_add (source->values, g_string_free (g_steal_pointer (&codes), FALSE));
}

GPtrArray *
kes_rule_sources_load (void)
{
  GPtrArray *sources = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_rule_source_free);
  g_auto(GStrv) lists = kes_core_data_list ("codes", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rule_files); i++)
    add_ini_blocks (sources, rule_files[i]);
  for (guint i = 0; lists != NULL && lists[i] != NULL; i++)
    if (g_str_has_suffix (lists[i], ".tsv"))
      add_code_list (sources, lists[i]);
  return sources;
}

const KesRuleSource *
kes_rule_source_lookup (const char *id)
{
  static gsize initialised;
  static GPtrArray *sources;

  g_return_val_if_fail (id != NULL, NULL);

  /* Data is in the binary: one load serves the life of the process. */
  if (g_once_init_enter (&initialised))
    {
      sources = kes_rule_sources_load ();
      g_once_init_leave (&initialised, 1);
    }
  for (guint i = 0; i < sources->len; i++)
    {
      KesRuleSource *source = g_ptr_array_index (sources, i);
      if (g_str_equal (source->id, id))
        return source;
    }
  return NULL;
}

gboolean
kes_rule_source_review_overdue (const KesRuleSource *source,
                                const GDate         *today)
{
  g_autoptr(GDate) review_by = NULL;

  g_return_val_if_fail (source != NULL && today != NULL, TRUE);

  if (source->review_by != NULL)
    review_by = kes_date_from_iso (source->review_by);
  return review_by == NULL || g_date_compare (review_by, today) < 0;
}

static void
require_field (GPtrArray  *problems,
               const char *value,
               const char *key)
{
  if (value == NULL || *value == '\0')
    g_ptr_array_add (problems, g_strdup_printf ("no %s", key));
}

static void
require_date (GPtrArray  *problems,
              const char *value,
              const char *key)
{
  g_autoptr(GDate) date = NULL;

  if (value == NULL || *value == '\0')
    {
      g_ptr_array_add (problems, g_strdup_printf ("no %s date", key));
      return;
    }
  date = kes_date_from_iso (value);
  if (date == NULL)
    g_ptr_array_add (problems, g_strdup_printf ("%s “%s” is not a date (YYYY-MM-DD)", key, value));
}

GPtrArray *
kes_rule_source_problems (const KesRuleSource *source)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (source != NULL, problems);

  require_field (problems, source->title, "source");
  require_field (problems, source->issuer, "issuer");
  require_date (problems, source->reviewed, "reviewed");
  require_date (problems, source->review_by, "review-by");
  if (source->status == KES_SOURCE_PUBLISHED)
    require_field (problems, source->url, "url");
  else
    require_field (problems, source->note, "note saying why it is not a published source");
  if (source->status_text == NULL)
    g_ptr_array_add (problems, g_strdup ("no status"));
  else if (!g_strv_contains (status_names, source->status_text))
    g_ptr_array_add (problems, g_strdup_printf ("unknown status “%s” (published, unconfirmed or local)",
                                                source->status_text));
  if (source->note != NULL && g_str_has_prefix (source->note, "could not be read"))
    g_ptr_array_add (problems, g_strdup (source->note));
  if (source->rule_ids->len == 0)
    g_ptr_array_add (problems, g_strdup ("no rules"));
  return problems;
}

const char *
kes_rule_source_status_to_string (KesSourceStatus status)
{
  g_return_val_if_fail (status <= KES_SOURCE_LOCAL, NULL);
  return status_names[status];
}

const char *
kes_rule_source_status_label (KesSourceStatus status)
{
  switch (status)
    {
    case KES_SOURCE_PUBLISHED:
      return _("Published source");
    case KES_SOURCE_UNCONFIRMED:
      return _("Not confirmed against its source");
    case KES_SOURCE_LOCAL:
      return _("Local choice, not a published rule");
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
kes_rule_source_citation (const KesRuleSource *source)
{
  GString *text;

  g_return_val_if_fail (source != NULL, NULL);

  text = g_string_new (source->title != NULL ? source->title : source->id);
  if (source->issuer != NULL && source->published != NULL)
    g_string_append_printf (text, " (%s, %s)", source->issuer, source->published);
  else if (source->issuer != NULL)
    g_string_append_printf (text, " (%s)", source->issuer);
  return g_string_free (text, FALSE);
}

void
kes_rule_source_free (KesRuleSource *source)
{
  if (source == NULL)
    return;
  g_free (source->id);
  g_free (source->file);
  g_free (source->title);
  g_free (source->issuer);
  g_free (source->published);
  g_free (source->section);
  g_free (source->url);
  g_free (source->note);
  g_free (source->reviewed);
  g_free (source->review_by);
  g_free (source->status_text);
  g_ptr_array_unref (source->rule_ids);
  g_ptr_array_unref (source->values);
  g_free (source);
}
