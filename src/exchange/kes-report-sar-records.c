/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-report-sar-records"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-care-record.h"
#include "kes-display-value.h"
#include "kes-field-kinds.h"
#include "kes-moj.h"
#include "kes-report-common-private.h"
#include "kes-report-sar-private.h"

/* The subject access disclosure's "Other records": every record of the
 * kinds besides the register, contacts and notes, with its history in
 * words (kes-report-sar.c builds the rest). */

/* The kinds of kes_store_record_kinds(), in words. */
const char *
kes_report_sar_kind_label (const char *kind)
{
  static const struct { const char *kind; const char *label; } labels[] = {
    { "referral", N_("Referrals, their pathway and in-reach visits") },
    { "risk-assessment", N_("Structured risk assessments") },
    { "legal-status", N_("Legal status") },
    { "index-offence", N_("Index offences") },
    { "discharge-condition", N_("Conditions of discharge") },
    { "address-notice", N_("Change of address notices") },
    { "moj-late-notice", N_("Late report notices") },
    { "conditions-application", N_("Change of conditions applications") },
    { "moj-incident", N_("Incidents and recalls") },
    { "moj-report", N_("Ministry of Justice reports") },
    { "care-plan", N_("Care plans") },
    { "cpa-review", N_("CPA reviews") },
    { "crisis-plan", N_("Crisis and contingency plans") },
    { "prescription", N_("Prescriptions") },
    { "depot-dose", N_("Depot injections") },
    { "fbc-result", N_("Full blood counts (clozapine)") },
    { "lithium-level", N_("Lithium levels") },
    { "physical-health", N_("Physical health checks") },
    { "clozapine-monitoring", N_("Clozapine monitoring service and blood count thresholds") },
    { "crisis-plan-share", N_("Crisis plan shared with other services") },
    { "clozapine-no-rechallenge", N_("Clozapine: not to be re-challenged") },
    { "lithium-plan", N_("Lithium target range and higher-risk groups") },
    { "carer", N_("Carers") },
    { "carer-link", N_("Carers linked to this person") },
    { "carer-consent", N_("Consent to share with carers") },
    { "carer-share", N_("Information shared with carers") },
    { "carer-assessment", N_("Carer’s assessments") },
    { "carer-involvement", N_("Carer involvement") },
    { "ld-screening", N_("Liaison and diversion screenings") },
    { "ld-onward-referral", N_("Liaison and diversion referrals to other services") },
    { "signposting", N_("Signposting to other services") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].kind, kind))
      return _(labels[i].label);

  return kind;
}

/* ---- Other records' history, in words ---- */

/* "security_level" → "Security level", for members no table names. */
static char *
humanise (const char *key)
{
  char *text = g_strdup (key);

  g_strdelimit (text, "_-", ' ');
  if (text[0] != '\0')
    text[0] = g_ascii_toupper (text[0]);

  return text;
}

/* The label a kind's own field table gives a top-level member, if any. */
static const char *
kind_field_label (const char *kind,
                  const char *key)
{
  const KesRecordKind *field_kind = kes_field_kind_for_name (kind);
  const KesCareField *care;
  KesMojKind moj;

  if (field_kind != NULL)
    {
      const KesFieldSpec *spec = kes_record_kind_find_field (field_kind, key);

      return spec != NULL ? _(spec->label) : NULL;
    }

  if (kes_care_kind_fields (kind) != NULL)
    return (care = kes_care_kind_find_field (kind, key)) != NULL ? _(care->label) : NULL;

  if (kes_moj_kind_from_string (kind, &moj))
    {
      guint n_fields = 0;
      const KesMojField *fields = kes_moj_kind_fields (moj, &n_fields);

      for (guint i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, key))
          return _(fields[i].label);
    }

  return NULL;
}

static char *
member_label (const char *kind,
              const char *path,
              const char *key)
{
  const char *label = NULL;
  g_autofree char *human = NULL;

  if (path == NULL)
    {
      label = kind_field_label (kind, key);
      if (label == NULL && !g_str_equal (kes_report_field_label (key), key))
        label = kes_report_field_label (key);
    }
  if (label == NULL)
    label = human = humanise (key);

  /* Translators: the path to a value inside a record, e.g. "Readiness › Accommodation" */
  return path != NULL ? g_strdup_printf (_("%s › %s"), path, label) : g_strdup (label);
}

/* Every value of a record's data as "label" → "value", nested members by
 * their path; lists of plain values as one value. */
static void
flatten (KesStore   *store,
         const char *kind,
         const char *path,
         JsonNode   *node,
         GPtrArray  *labels,
         GHashTable *values)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &key, &member))
        {
          g_autofree char *label = member_label (kind, path, key);

          /* A record's own values as they read: code labels, names for
           * ids, dates in words (never "Team: 6a0c…"). */
          if (path == NULL && JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING &&
              json_node_get_string (member)[0] != '\0')
            {
              g_autofree char *shown = kes_store_display_value (store, kind, key, json_node_get_string (member));

              g_ptr_array_add (labels, g_strdup (label));
              g_hash_table_insert (values, g_strdup (label), g_strdup_printf ("“%s”", shown));
              continue;
            }
          flatten (store, kind, label, member, labels, values);
        }
      return;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GString) plain = g_string_new (NULL);
      gboolean all_plain = TRUE;

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!JSON_NODE_HOLDS_VALUE (json_array_get_element (array, i)))
          all_plain = FALSE;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (all_plain)
            {
              g_autofree char *text = NULL;

              if (json_node_get_value_type (item) == G_TYPE_STRING)
                text = g_strdup (json_node_get_string (item));
              else
                text = json_node_get_value_type (item) == G_TYPE_BOOLEAN
                         ? g_strdup (json_node_get_boolean (item) ? _("Yes") : _("No"))
                         : g_strdup_printf ("%g", json_node_get_double (item));
              g_string_append_printf (plain, "%s%s", i > 0 ? ", " : "", text);
            }
          else
            {
              g_autofree char *label = g_strdup_printf (_("%s › %u"), path, i + 1);

              flatten (store, kind, label, item, labels, values);
            }
        }
      if (all_plain && plain->len > 0)
        {
          g_ptr_array_add (labels, g_strdup (path));
          g_hash_table_insert (values, g_strdup (path), g_strdup_printf ("“%s”", plain->str));
        }
      return;
    }

  if (JSON_NODE_HOLDS_NULL (node) || path == NULL)
    return;

  g_ptr_array_add (labels, g_strdup (path));
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      if (json_node_get_string (node)[0] == '\0')
        {
          g_ptr_array_remove_index (labels, labels->len - 1);
          return;
        }
      g_hash_table_insert (values, g_strdup (path), g_strdup_printf ("“%s”", json_node_get_string (node)));
      break;
    case G_TYPE_BOOLEAN:
      g_hash_table_insert (values, g_strdup (path),
                           g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No")));
      break;
    case G_TYPE_INT64:
      g_hash_table_insert (values, g_strdup (path),
                           g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node)));
      break;
    default:
      g_hash_table_insert (values, g_strdup (path),
                           g_strdup (g_ascii_formatd (number, sizeof number, "%.15g",
                                                      json_node_get_double (node))));
      break;
    }
}

static void
flatten_revision (KesStore    *store,
                  const char  *kind,
                  KesRevision *revision,
                  GPtrArray   *labels,
                  GHashTable  *values)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (revision != NULL
      && json_parser_load_from_data (parser, kes_revision_get_data (revision), -1, NULL)
      && json_parser_get_root (parser) != NULL)
    flatten (store, kind, NULL, json_parser_get_root (parser), labels, values);
}

/* The history of a record of another kind: what each revision set, changed
 * or removed, every member named in words. */
static void
add_other_history (KesDocument       *document,
                   KesStore          *store,
                   KesArchivedRecord *record)
{
  KesBlock *table = kes_document_add_table (document,
                                            (const char * const[]) { _("No."), _("When"), _("By"),
                                                                     _("Change"), _("What changed"),
                                                                     NULL },
                                            (const double[]) { 0.5, 1.5, 1.5, 1.8, 4 });

  for (guint i = 0; i < record->revisions->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (record->revisions, i);
      KesRevision *previous = i > 0 ? g_ptr_array_index (record->revisions, i - 1) : NULL;
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) old_labels = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(GHashTable) old_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(GString) lines = g_string_new (NULL);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, kes_revision_get_revision (revision));
      g_autofree char *when = kes_report_time (kes_revision_get_at (revision));
      g_autofree char *change = NULL;
      g_autofree char *provenance = kes_revision_dup_provenance (revision);
      const char *by = provenance != NULL ? provenance : kes_revision_get_author_name (revision);
      const char *reason = kes_revision_get_reason (revision);

      switch (kes_revision_get_change (revision))
        {
        case KES_CHANGE_CREATE:           change = g_strdup (_("Created")); break;
        case KES_CHANGE_EDIT:             change = g_strdup (_("Edited")); break;
        case KES_CHANGE_CORRECTION:       change = g_strdup (_("Corrected")); break;
        case KES_CHANGE_ENTERED_IN_ERROR: change = g_strdup (_("Marked entered in error")); break;
        default:                          g_assert_not_reached ();
        }
      if (reason != NULL && reason[0] != '\0')
        {
          g_autofree char *plain = g_steal_pointer (&change);

          /* Translators: a kind of change ("Corrected"), then the reason given */
          change = g_strdup_printf (_("%s: %s"), plain, reason);
        }

      if (kes_revision_get_change (revision) != KES_CHANGE_ENTERED_IN_ERROR)
        {
          flatten_revision (store, record->kind_name, revision, labels, values);
          flatten_revision (store, record->kind_name, previous, old_labels, old_values);
          for (guint l = 0; l < labels->len; l++)
            {
              const char *label = g_ptr_array_index (labels, l);
              const char *value = g_hash_table_lookup (values, label);

              if (g_strcmp0 (value, g_hash_table_lookup (old_values, label)) != 0)
                g_string_append_printf (lines, "%s%s: %s", lines->len > 0 ? "\n" : "", label, value);
            }
          for (guint l = 0; l < old_labels->len; l++)
            {
              const char *label = g_ptr_array_index (old_labels, l);

              if (!g_hash_table_contains (values, label))
                /* Translators: a field that no longer has a value */
                g_string_append_printf (lines, "%s%s: %s", lines->len > 0 ? "\n" : "", label,
                                        _("removed"));
            }
        }

      kes_block_add_row_cells (table, number, when, by != NULL ? by : "", change, lines->str, NULL);
    }
}

/* Every other record, grouped by kind in the order the case record lists
 * them, each with its whole history. */
void
kes_report_sar_add_others (KesDocument *document,
                           KesStore    *store,
                           GPtrArray   *others)
{
  const char *group = NULL;
  guint n_in_group = 0;

  kes_document_add_heading (document, 1, _("Other records"));
  if (others->len == 0)
    kes_document_add_paragraph (document, _("No other records are held."));

  for (guint i = 0; i < others->len; i++)
    {
      KesArchivedRecord *record = g_ptr_array_index (others, i);
      KesRevision *first = g_ptr_array_index (record->revisions, 0);
      KesRevision *last = g_ptr_array_index (record->revisions, record->revisions->len - 1);
      g_autofree char *created = kes_report_time (kes_revision_get_at (first));
      g_autofree char *title = NULL;

      if (g_strcmp0 (group, record->kind_name) != 0)
        {
          group = record->kind_name;
          n_in_group = 0;
          kes_document_add_heading (document, 2, kes_report_sar_kind_label (group));
        }
      n_in_group++;

      title = kes_revision_get_change (last) == KES_CHANGE_ENTERED_IN_ERROR
        /* Translators: a number, then when the record was first written */
        ? g_strdup_printf (_("%u. First recorded %s (entered in error)"), n_in_group, created)
        : g_strdup_printf (_("%u. First recorded %s"), n_in_group, created);
      kes_document_add_heading (document, 3, title);
      add_other_history (document, store, record);
    }
}
