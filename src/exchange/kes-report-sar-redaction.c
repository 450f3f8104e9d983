/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-report-sar-redaction"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-carers.h"
#include "kes-error.h"
#include "kes-report-sar-private.h"
#include "kes-report-sar.h"
#include "kes-store-patients.h"

/* The subject access export's redaction step: other people in a patient's
 * record (carers, victims, other patients named in what was written) are
 * listed for a clinician to include or withhold, each with a reason that
 * the manifest records. Withholding takes a carer's own records out,
 * blanks what the legal status and conditions say about victims, and puts
 * a marker where another person's name was written. The patient's own
 * information is never withheld here (that is a different decision, taken
 * with the record, under the serious-harm exemption). */

#define WITHHELD_VICTIMS N_("[Withheld: information about victims]")
#define WITHHELD_NAME    N_("[Withheld: another person’s name]")

/* Legal status members that are about victims. */
static const char * const victim_members[] = { "vlo", "vlo_last_contact", "victim_concerns", "exclusion_zones" };

void
kes_sar_third_party_free (KesSarThirdParty *party)
{
  if (party == NULL)
    return;
  g_free (party->id);
  g_free (party->name);
  g_free (party->what);
  g_free (party->found_as);
  g_free (party->reason);
  g_free (party);
}

static KesSarThirdParty *
third_party_new (KesSarThirdKind  kind,
                 const char      *id,
                 char            *name,
                 char            *what,
                 const char      *found_as)
{
  KesSarThirdParty *party = g_new0 (KesSarThirdParty, 1);

  party->kind = kind;
  party->id = g_strdup (id);
  party->name = name;
  party->what = what;
  party->found_as = g_strdup (found_as);
  return party;
}

static JsonObject *
revision_object (KesRevision *revision,
                 JsonParser  *parser)
{
  if (!json_parser_load_from_data (parser, kes_revision_get_data (revision), -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_node_get_object (json_parser_get_root (parser));
}

static const char *
last_text (KesArchivedRecord *record,
           const char        *key,
           JsonParser        *parser)
{
  JsonObject *object = revision_object (g_ptr_array_index (record->revisions, record->revisions->len - 1), parser);

  return object != NULL && json_object_has_member (object, key) &&
         JSON_NODE_HOLDS_VALUE (json_object_get_member (object, key))
         ? json_object_get_string_member (object, key) : NULL;
}

static gboolean
is_carer_kind (const char *kind)
{
  return g_str_has_prefix (kind, "carer");
}

/* The carer a record belongs to: the carer record itself, or the one its
 * "carer_id" names. */
static const char *
carer_of (KesArchivedRecord *record,
          JsonParser        *parser)
{
  if (g_str_equal (record->kind_name, "carer"))
    return record->id;
  return last_text (record, "carer_id", parser);
}

static gboolean
has_victim_content (KesArchivedRecord *record,
                    JsonParser        *parser)
{
  if (g_str_equal (record->kind_name, "discharge-condition"))
    return g_strcmp0 (last_text (record, "category", parser), "victims") == 0;
  if (!g_str_equal (record->kind_name, "legal-status"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (victim_members); i++)
    {
      const char *text = last_text (record, victim_members[i], parser);

      if (text != NULL && *text != '\0')
        return TRUE;
    }
  return FALSE;
}

/* ---- Finding other patients named in what was written ---- */

/* Capitalised words of @text, in order. */
static GPtrArray *
capitalised_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalpha (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      start = p;
      while (*p != '\0' && (g_unichar_isalpha (g_utf8_get_char (p)) || *p == '\'' || *p == '-'))
        p = g_utf8_next_char (p);
      g_ptr_array_add (words, g_unichar_isupper (c) ? g_strndup (start, p - start) : g_strdup (""));
    }
  return words;
}

/* Every "Given Family" pair in @text that is another patient's name. */
static void
find_named_patients (KesStore    *store,
                     const char  *patient_id,
                     const char  *text,
                     GHashTable  *found)
{
  g_autoptr(GPtrArray) words = capitalised_words (text);

  for (guint i = 0; i + 1 < words->len; i++)
    {
      const char *given = g_ptr_array_index (words, i);
      const char *family = g_ptr_array_index (words, i + 1);
      g_autofree char *other = NULL;

      if (*given == '\0' || *family == '\0')
        continue;
      /* The export checked view-clinical before reading anything, so a
       * refusal can't happen here; were it to, the name would simply stay. */
      other = kes_store_find_patient_named (store, given, family, patient_id, NULL);
      if (other != NULL && !g_hash_table_contains (found, other))
        g_hash_table_insert (found, g_steal_pointer (&other), g_strdup_printf ("%s %s", given, family));
    }
}

static void
scan_strings (KesStore    *store,
              const char  *patient_id,
              JsonNode    *node,
              GHashTable  *found)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &key, &member))
        scan_strings (store, patient_id, member, found);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        scan_strings (store, patient_id, json_array_get_element (array, i), found);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    find_named_patients (store, patient_id, json_node_get_string (node), found);
}

static void
scan_records (KesStore    *store,
              const char  *patient_id,
              GPtrArray   *records,
              GHashTable  *found)
{
  for (guint i = 0; i < records->len; i++)
    {
      KesArchivedRecord *record = g_ptr_array_index (records, i);

      for (guint r = 0; r < record->revisions->len; r++)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          if (revision_object (g_ptr_array_index (record->revisions, r), parser) != NULL)
            scan_strings (store, patient_id, json_parser_get_root (parser), found);
        }
    }
}

GPtrArray *
kes_report_sar_third_parties (KesStore          *store,
                              KesRecordArchive  *archive,
                              GError           **error)
{
  g_autoptr(GPtrArray) parties = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_sar_third_party_free);
  g_autoptr(GHashTable) named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  KesArchivedRecord *patient = kes_record_archive_get_patient (archive);
  GPtrArray *others = kes_record_archive_get_records (archive, KES_ARCHIVE_OTHER);
  gboolean victims = FALSE;
  GHashTableIter iter;
  gpointer other_id, found_as;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);

  for (guint i = 0; i < others->len; i++)
    {
      KesArchivedRecord *record = g_ptr_array_index (others, i);

      victims = victims || has_victim_content (record, parser);
      if (g_str_equal (record->kind_name, "carer"))
        {
          const char *name = last_text (record, "name", parser);

          g_ptr_array_add (parties, third_party_new (KES_SAR_THIRD_CARER, record->id,
                                                     /* TRANSLATORS: a carer's name */
                                                     g_strdup_printf (_("%s (carer)"), name != NULL ? name : ""),
                                                     g_strdup (_("The carer’s details (address, phone, email), "
                                                                 "consent, what was shared with them, their "
                                                                 "involvement and the carer’s assessment")),
                                                     name));
        }
    }
  if (victims)
    g_ptr_array_add (parties, third_party_new (KES_SAR_THIRD_VICTIMS, "victims", g_strdup (_("Victims")),
                                               g_strdup (_("What the legal status and the conditions of "
                                                           "discharge say about victims (Victim Liaison Officer, "
                                                           "victim concerns, exclusion zones)")), NULL));

  scan_records (store, patient->id, kes_record_archive_get_records (archive, KES_ARCHIVE_NOTE), named);
  scan_records (store, patient->id, kes_record_archive_get_records (archive, KES_ARCHIVE_CONTACT), named);
  scan_records (store, patient->id, others, named);
  g_hash_table_iter_init (&iter, named);
  while (g_hash_table_iter_next (&iter, &other_id, &found_as))
    g_ptr_array_add (parties, third_party_new (KES_SAR_THIRD_PATIENT, other_id,
                                               /* TRANSLATORS: another patient's name as written in this record */
                                               g_strdup_printf (_("%s (another patient)"), (char *) found_as),
                                               g_strdup (_("Their name where it is written in this record")),
                                               found_as));
  return g_steal_pointer (&parties);
}

/* ---- Applying the decisions ---- */

/* @text with every case-insensitive occurrence of @name replaced. */
static char *
replace_name (const char *text,
              const char *name)
{
  g_autofree char *escaped = g_regex_escape_string (name, -1);
  g_autoptr(GRegex) regex = g_regex_new (escaped, G_REGEX_CASELESS, 0, NULL);

  return regex != NULL ? g_regex_replace_literal (regex, text, -1, 0, _(WITHHELD_NAME), 0, NULL) : g_strdup (text);
}

static void
redact_strings (JsonNode   *node,
                GPtrArray  *names)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &key, &member))
        redact_strings (member, names);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        redact_strings (json_array_get_element (array, i), names);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = g_strdup (json_node_get_string (node));

      for (guint i = 0; i < names->len; i++)
        {
          char *replaced = replace_name (text, g_ptr_array_index (names, i));

          g_free (text);
          text = replaced;
        }
      json_node_set_string (node, text);
    }
}

/* Each revision of @record with its data passed through the withholding. */
static void
redact_record (KesArchivedRecord *record,
               GPtrArray         *names,
               gboolean           victims)
{
  for (guint r = 0; r < record->revisions->len; r++)
    {
      KesRevision *old = g_ptr_array_index (record->revisions, r);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonGenerator) generator = NULL;
      g_autofree char *data = NULL;
      JsonObject *object = revision_object (old, parser);

      if (object == NULL)
        continue;
      if (victims && g_str_equal (record->kind_name, "legal-status"))
        for (guint i = 0; i < G_N_ELEMENTS (victim_members); i++)
          if (json_object_has_member (object, victim_members[i]))
            json_object_set_string_member (object, victim_members[i], _(WITHHELD_VICTIMS));
      if (victims && g_str_equal (record->kind_name, "discharge-condition") &&
          g_strcmp0 (json_object_get_string_member_with_default (object, "category", ""), "victims") == 0)
        json_object_set_string_member (object, "wording", _(WITHHELD_VICTIMS));
      redact_strings (json_parser_get_root (parser), names);
      generator = json_generator_new ();
      json_generator_set_root (generator, json_parser_get_root (parser));
      data = json_generator_to_data (generator, NULL);
      g_ptr_array_index (record->revisions, r) =
        kes_revision_new (kes_revision_get_record_id (old), kes_revision_get_revision (old),
                          kes_revision_get_change (old), kes_revision_get_reason (old),
                          kes_revision_get_author_id (old), kes_revision_get_author_name (old),
                          kes_revision_get_at (old), data);
      g_object_unref (old);
    }
}

gboolean
kes_report_sar_redact (KesRecordArchive  *archive,
                       GPtrArray         *parties,
                       GError           **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) carers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *others = kes_record_archive_get_records (archive, KES_ARCHIVE_OTHER);
  const KesArchiveKind kinds[] = { KES_ARCHIVE_CONTACT, KES_ARCHIVE_NOTE, KES_ARCHIVE_OTHER };
  gboolean victims = FALSE;

  for (guint i = 0; i < parties->len; i++)
    {
      KesSarThirdParty *party = g_ptr_array_index (parties, i);

      /* Every decision is the clinician's, with the reason on record. */
      if (party->reason == NULL || *g_strstrip (party->reason) == '\0')
        {
          g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                       _("%s: say why this is included or withheld; the reason goes in the manifest"), party->name);
          return FALSE;
        }
      if (party->include)
        continue;
      if (party->kind == KES_SAR_THIRD_CARER)
        g_hash_table_add (carers, party->id);
      victims = victims || party->kind == KES_SAR_THIRD_VICTIMS;
      if (party->found_as != NULL && *party->found_as != '\0')
        g_ptr_array_add (names, party->found_as);
    }

  /* A withheld carer's own records go. */
  for (guint i = others->len; i-- > 0;)
    {
      KesArchivedRecord *record = g_ptr_array_index (others, i);
      const char *carer = is_carer_kind (record->kind_name) ? carer_of (record, parser) : NULL;

      if (carer != NULL && g_hash_table_contains (carers, carer))
        g_ptr_array_remove_index (others, i);
    }
  if (names->len == 0 && !victims)
    return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GPtrArray *records = kes_record_archive_get_records (archive, kinds[k]);

      for (guint i = 0; i < records->len; i++)
        redact_record (g_ptr_array_index (records, i), names, victims);
    }
  return TRUE;
}

void
kes_report_sar_describe_decisions (GString   *manifest,
                                   GPtrArray *parties)
{
  g_string_append_printf (manifest, "\n%s\n\n", _("Third-party information"));
  if (parties == NULL || parties->len == 0)
    {
      g_string_append_printf (manifest, "%s\n", _("No other people were found in this record."));
      return;
    }
  for (guint i = 0; i < parties->len; i++)
    {
      KesSarThirdParty *party = g_ptr_array_index (parties, i);

      /* TRANSLATORS: "Withheld: Grace Okafor (carer) — The carer's details … Reason: …" */
      g_string_append_printf (manifest, _("%s: %s — %s. Reason: %s\n"),
                              party->include ? _("Included") : _("Withheld"), party->name, party->what,
                              party->reason != NULL ? party->reason : "");
    }
}
