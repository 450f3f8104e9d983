/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-revision"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-clock.h"
#include "kes-records.h"

struct _KesRevision
{
  GObject        parent_instance;
  char          *record_id;
  gint64         revision;
  KesChangeKind  change;
  char          *reason;
  char          *author_id;
  char          *author_name;
  char          *at;
  char          *data;
  char          *imported_by_name;
  char          *imported_at;
  char          *source;
};

G_DEFINE_FINAL_TYPE (KesRevision, kes_revision, G_TYPE_OBJECT)

static void
kes_revision_finalize (GObject *object)
{
  KesRevision *self = (KesRevision *) object;

  g_free (self->record_id);
  g_free (self->reason);
  g_free (self->author_id);
  g_free (self->author_name);
  g_free (self->at);
  g_free (self->data);
  g_free (self->imported_by_name);
  g_free (self->imported_at);
  g_free (self->source);
  G_OBJECT_CLASS (kes_revision_parent_class)->finalize (object);
}

static void
kes_revision_class_init (KesRevisionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_revision_finalize;
}

static void
kes_revision_init (KesRevision *self)
{
}

KesRevision *
kes_revision_new (const char    *record_id,
                  gint64         revision,
                  KesChangeKind  change,
                  const char    *reason,
                  const char    *author_id,
                  const char    *author_name,
                  const char    *at,
                  const char    *data_json)
{
  KesRevision *self = g_object_new (KES_TYPE_REVISION, NULL);

  self->record_id = g_strdup (record_id);
  self->revision = revision;
  self->change = change;
  self->reason = g_strdup (reason);
  self->author_id = g_strdup (author_id);
  self->author_name = g_strdup (author_name);
  self->at = g_strdup (at);
  self->data = g_strdup (data_json);
  return self;
}

const char *kes_revision_get_record_id (KesRevision *self) { return self->record_id; }
gint64 kes_revision_get_revision (KesRevision *self) { return self->revision; }
KesChangeKind kes_revision_get_change (KesRevision *self) { return self->change; }
const char *kes_revision_get_reason (KesRevision *self) { return self->reason; }
const char *kes_revision_get_author_id (KesRevision *self) { return self->author_id; }
const char *kes_revision_get_author_name (KesRevision *self) { return self->author_name; }
const char *kes_revision_get_at (KesRevision *self) { return self->at; }
const char *kes_revision_get_data (KesRevision *self) { return self->data; }
const char *kes_revision_get_imported_at (KesRevision *self) { return self->imported_at; }

void
kes_revision_set_import (KesRevision *self,
                         const char  *imported_by_name,
                         const char  *imported_at,
                         const char  *source)
{
  g_return_if_fail (KES_IS_REVISION (self));

  g_free (self->imported_by_name);
  g_free (self->imported_at);
  g_free (self->source);
  self->imported_by_name = g_strdup (imported_by_name);
  self->imported_at = g_strdup (imported_at);
  self->source = g_strdup (source);
}

char *
kes_revision_dup_provenance (KesRevision *self)
{
  g_autofree char *at = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *imported = NULL;

  g_return_val_if_fail (KES_IS_REVISION (self), NULL);

  if (self->imported_at == NULL)
    return NULL;
  at = kes_time_to_display (self->at);
  imported = kes_time_to_display (self->imported_at);
  if (self->source == NULL || *self->source == '\0')
    /* Translators: author, when written, importer, when imported */
    return g_strdup_printf (_("Recorded by %s at %s in another database, imported by %s on %s"),
                            self->author_name, at, self->imported_by_name, imported);
  exported = kes_time_to_display (self->source);
  /* Translators: author, when written, when the file was exported, importer, when imported */
  return g_strdup_printf (_("Recorded by %s at %s in a case record exported on %s, imported by "
                            "%s on %s"),
                          self->author_name, at, exported, self->imported_by_name, imported);
}

/* A member's value as one line of text: strings as they are, arrays joined. */
static char *
member_to_text (JsonObject *object,
                const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = json_node_get_string (json_array_get_element (array, i)) != NULL
            ? g_strdup (json_array_get_string_element (array, i)) : g_strdup ("");
          if (i > 0)
            g_string_append (text, ", ");
          g_string_append (text, item);
        }
      return g_string_free (text, FALSE);
    }
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
    }
  return json_to_string (node, FALSE);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *json)
{
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

GStrv
kes_revision_describe_changes (KesRevision  *self,
                               KesRevision  *previous,
                               const char  *(*label_func) (const char *key))
{
  return kes_revision_describe_changes_shown (self, previous, label_func, NULL, NULL);
}

GStrv
kes_revision_describe_changes_shown (KesRevision       *self,
                                     KesRevision       *previous,
                                     const char       *(*label_func) (const char *key),
                                     KesShowValueFunc   show_func,
                                     gpointer           user_data)
{
  g_autoptr(JsonParser) now_parser = json_parser_new ();
  g_autoptr(JsonParser) before_parser = json_parser_new ();
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  g_autoptr(GList) members = NULL;
  JsonObject *now;
  JsonObject *before;

  g_return_val_if_fail (KES_IS_REVISION (self), NULL);

  now = parse_object (now_parser, self->data);
  before = previous != NULL ? parse_object (before_parser, previous->data) : NULL;
  if (now == NULL)
    return g_strv_builder_end (lines);

  members = json_object_get_members (now);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *label = label_func != NULL ? label_func (key) : NULL;
      g_autofree char *new_text = member_to_text (now, key);
      g_autofree char *old_text = member_to_text (before, key);
      g_autofree char *new_shown = NULL;
      g_autofree char *old_shown = NULL;

      g_autofree char *line = NULL;

      if (label == NULL)
        label = key;
      if (g_strcmp0 (new_text, old_text) == 0)
        continue;
      /* Compared as stored, shown as read. */
      new_shown = show_func != NULL && *new_text != '\0' ? show_func (key, new_text, user_data) : g_strdup (new_text);
      old_shown = show_func != NULL && *old_text != '\0' ? show_func (key, old_text, user_data) : g_strdup (old_text);
      if (previous == NULL)
        line = g_strdup_printf ("%s: “%s”", label, new_shown);
      else if (*old_text == '\0')
        line = g_strdup_printf (_("%s: added “%s”"), label, new_shown);
      else if (*new_text == '\0')
        line = g_strdup_printf (_("%s: removed “%s”"), label, old_shown);
      else
        line = g_strdup_printf ("%s: “%s” → “%s”", label, old_shown, new_shown);
      g_strv_builder_add (lines, line);
    }
  return g_strv_builder_end (lines);
}
