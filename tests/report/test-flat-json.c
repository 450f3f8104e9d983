/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-flat-json"

#include "config.h"

#include <json-glib/json-glib.h>

#include "kes-flat-json-private.h"

/* The flat walker must read exactly what json-glib reads, or refuse (so
 * that the caller uses json-glib): a wrong reading would put different
 * text in an export than the record holds. */

/* Every member of @json as json-glib reads it, against the walker. */
static void
assert_same_as_json_glib (KesFlatJson *flat,
                          const char  *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;
  guint i = 0;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  g_assert_true (kes_flat_json_parse (flat, json));

  json_object_iter_init_ordered (&iter, json_node_get_object (json_parser_get_root (parser)));
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      const KesFlatMember *member = kes_flat_json_get_member (flat, i++);

      g_assert_cmpstr (member->key, ==, key);
      if (JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);

          g_assert_cmpint (member->kind, ==, KES_FLAT_LIST);
          g_assert_cmpuint (member->n_items, ==, json_array_get_length (array));
          for (guint n = 0; n < member->n_items; n++)
            g_assert_cmpstr (member->items[n], ==, json_array_get_string_element (array, n));
        }
      else if (json_node_get_value_type (value) == G_TYPE_INT64)
        {
          g_assert_cmpint (member->kind, ==, KES_FLAT_INTEGER);
          g_assert_cmpint (member->integer, ==, json_node_get_int (value));
        }
      else
        {
          g_assert_cmpint (member->kind, ==, KES_FLAT_TEXT);
          g_assert_cmpstr (member->text, ==, json_node_get_string (value));
        }
    }
  g_assert_cmpuint (i, ==, kes_flat_json_get_n_members (flat));
}

static void
test_reads_as_json_glib (void)
{
  static const char * const inputs[] = {
    "{}",
    " { \"a\" : \"b\" , \"n\" : -42 , \"l\" : [ \"x\" , \"\" ] } ",
    "{\"t\":\"quote \\\" backslash \\\\ slash \\/ \\b\\f\\n\\r\\t\"}",
    "{\"u\":\"\\u00e9 \\u20ac \\ud83d\\ude00 Zoë O’Brien — café\"}",
    "{\"empty\":[],\"zero\":0,\"big\":9223372036854775807,\"small\":-9223372036854775808}",
    "{\"register\":\"9434765919\",\"aliases\":[\"A\",\"B\\nC\"],\"notes\":\"\"}",
  };
  g_autoptr(KesFlatJson) flat = kes_flat_json_new ();

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    assert_same_as_json_glib (flat, inputs[i]);
}

/* Text json-glib itself wrote, from every character class that needs
 * escaping and many that do not, read back the same. */
static void
test_generated_text (void)
{
  g_autoptr(KesFlatJson) flat = kes_flat_json_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);
  static const gunichar pool[] = { 0x01, 0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x1f, ' ', '"', '/', '\\',
                                   'a', 'Z', 0x7f, 0xe9, 0x2019, 0x20ac, 0xfeff, 0x1f600 };

  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *json = NULL;
      guint length = g_rand_int_range (rand, 0, 24);

      for (guint c = 0; c < length; c++)
        g_string_append_unichar (text, pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))]);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, text->str);
      json_builder_set_member_name (builder, "list");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, text->str);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, g_rand_int (rand) - G_MAXINT32 / 2);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, round % 2 == 0);
      json = json_generator_to_data (generator, NULL);

      /* json-glib 1.6 writes U+001F unescaped, which JSON does not allow:
       * the walker refuses that, and the caller then uses json-glib. */
      if (strchr (text->str, 0x1f) != NULL)
        {
          g_assert_false (kes_flat_json_parse (flat, json));
          continue;
        }
      assert_same_as_json_glib (flat, json);
      g_assert_cmpstr (kes_flat_json_get_member (flat, 0)->text, ==, text->str);
    }
}

/* What is not a flat object, or is not plainly one, is left to json-glib. */
static void
test_refuses (void)
{
  static const char * const inputs[] = {
    "", "[]", "\"text\"", "{", "{\"a\"}", "{\"a\":}", "{\"a\":\"b\",}", "{\"a\":\"b\"} x",
    "{\"a\":true}", "{\"a\":null}", "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":01}", "{\"a\":-}",
    "{\"a\":{}}", "{\"a\":[1]}", "{\"a\":[[]]}", "{\"a\":\"b\",\"a\":\"c\"}",
    "{\"a\":\"\\u0000\"}", "{\"a\":\"\\ud83d\"}", "{\"a\":\"\\ude00\"}", "{\"a\":\"\\x41\"}",
    "{\"a\":\"tab\there\"}", "{\"a\":99999999999999999999}", "{\"a\":\"\xff\"}",
  };
  g_autoptr(KesFlatJson) flat = kes_flat_json_new ();

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    if (kes_flat_json_parse (flat, inputs[i]))
      g_error ("read as flat: %s", inputs[i]);
}

/* Every ASCII character, and text from the pool, quoted as json-glib's
 * generator quotes it. */
static void
test_string_like_json_glib (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1121);
  static const gunichar pool[] = { 0x01, 0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x1e, 0x1f, ' ', '"', '/',
                                   '\\', 'a', 0x7f, 0x80, 0xe9, 0x2019, 0x2028, 0xfeff, 0x1f600 };

  for (guint i = 0; i < 128 + 500; i++)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GString) ours = g_string_new (NULL);
      g_autofree char *theirs = NULL;

      if (i == 0)
        continue;
      if (i < 128)
        g_string_append_c (text, (char) i);
      else
        for (guint c = 0, n = g_rand_int_range (rand, 0, 16); c < n; c++)
          g_string_append_unichar (text, pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))]);

      json_node_set_string (node, text->str);
      json_generator_set_root (generator, node);
      theirs = json_generator_to_data (generator, NULL);
      kes_flat_json_append_string (ours, text->str);
      g_assert_cmpstr (ours->str, ==, theirs);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flat-json/reads-as-json-glib", test_reads_as_json_glib);
  g_test_add_func ("/flat-json/generated-text", test_generated_text);
  g_test_add_func ("/flat-json/refuses", test_refuses);
  g_test_add_func ("/flat-json/string-like-json-glib", test_string_like_json_glib);

  return g_test_run ();
}
