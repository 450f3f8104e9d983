/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-json-events"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kes-json-events-private.h"

/* The in-place reader must give exactly what json-glib reads, or refuse
 * (so that the export uses json-glib): a wrong reading would put other
 * text in an export, or another member of staff, than the record holds. */

/* json-glib's reading of @node, as the events the reader should give. */
static void describe_object (GString *out, JsonObject *object, guint depth);

static void
describe_value (GString    *out,
                const char *name,
                JsonNode   *node,
                guint       depth)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, "%u %s ", depth, name != NULL ? name : "-");
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      g_string_append (out, "object\n");
      describe_object (out, json_node_get_object (node), depth + 1);
      g_string_append_printf (out, "%u end\n", depth);
      return;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append (out, "list\n");
        for (guint i = 0; i < json_array_get_length (array); i++)
          describe_value (out, NULL, json_array_get_element (array, i), depth + 1);
        g_string_append_printf (out, "%u end\n", depth);
      }
      return;

    case JSON_NODE_NULL:
      g_string_append (out, "null\n");
      return;

    case JSON_NODE_VALUE:
    default:
      break;
    }

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    g_string_append_printf (out, "text [%s]\n", json_node_get_string (node));
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    g_string_append_printf (out, "integer %" G_GINT64_FORMAT "\n", json_node_get_int (node));
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    g_string_append_printf (out, "boolean %d\n", json_node_get_boolean (node));
  else
    g_string_append_printf (out, "double %s\n",
                            g_ascii_dtostr (number, sizeof number, json_node_get_double (node)));
}

static void
describe_object (GString    *out,
                 JsonObject *object,
                 guint       depth)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    describe_value (out, key, value, depth);
}

static char *
describe_events (KesJsonEvents *events)
{
  GString *out = g_string_new (NULL);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i < kes_json_events_get_n (events); i++)
    {
      const KesJsonEvent *event = kes_json_events_get (events, i);

      if (event->kind == KES_JSON_END)
        {
          g_string_append_printf (out, "%u end\n", event->depth);
          continue;
        }
      g_string_append_printf (out, "%u %s ", event->depth, event->name != NULL ? event->name : "-");
      switch (event->kind)
        {
        case KES_JSON_OBJECT:  g_string_append (out, "object\n"); break;
        case KES_JSON_LIST:    g_string_append (out, "list\n"); break;
        case KES_JSON_NULL:    g_string_append (out, "null\n"); break;
        case KES_JSON_TEXT:    g_string_append_printf (out, "text [%s]\n", event->text); break;
        case KES_JSON_INTEGER:
          g_string_append_printf (out, "integer %" G_GINT64_FORMAT "\n", event->integer);
          break;
        case KES_JSON_BOOLEAN: g_string_append_printf (out, "boolean %d\n", event->boolean); break;
        case KES_JSON_DOUBLE:
          g_string_append_printf (out, "double %s\n",
                                  g_ascii_dtostr (number, sizeof number, event->number));
          break;
        case KES_JSON_END:
        default:
          g_assert_not_reached ();
        }
    }

  return g_string_free (out, FALSE);
}

static void
assert_same_as_json_glib (KesJsonEvents *events,
                          const char    *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) theirs = g_string_new (NULL);
  g_autofree char *ours = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  if (!kes_json_events_parse (events, json))
    g_error ("refused: %s", json);

  describe_object (theirs, json_node_get_object (json_parser_get_root (parser)), 0);
  ours = describe_events (events);
  g_assert_cmpstr (ours, ==, theirs->str);
}

static void
test_reads_as_json_glib (void)
{
  static const char * const inputs[] = {
    "{}",
    " { \"a\" : \"b\" , \"n\" : -42 , \"l\" : [ \"x\" , \"\" ] } ",
    "{\"t\":\"quote \\\" backslash \\\\ slash \\/ \\b\\f\\n\\r\\t\"}",
    "{\"u\":\"\\u00e9 \\u20ac \\ud83d\\ude00 Zoë O’Brien — café\"}",
    "{\"zero\":0,\"minus-zero\":-0,\"big\":9223372036854775807,\"small\":-9223372036854775808}",
    "{\"d\":1.5,\"e\":-0.25,\"f\":0.1,\"g\":3.0,\"h\":-0.0,\"i\":2.718281828459045235360287}",
    "{\"yes\":true,\"no\":false,\"nothing\":null}",
    "{\"o\":{},\"l\":[],\"nested\":{\"a\":[1,{\"b\":[true,null,\"x\"]},[]],\"c\":{\"d\":{}}}}",
    "{\"same\":{\"a\":1},\"other\":{\"a\":2},\"list\":[{\"a\":1},{\"a\":2}]}",
    "{\"score\":{\"items\":[{\"code\":\"H1\",\"value\":2}],\"total\":2},\"by\":"
    "\"0d9a3b1e-4c6f-4a8e-9b2d-7f1e3c5a6b8d\"}",
  };
  g_autoptr(KesJsonEvents) events = kes_json_events_new ();

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    assert_same_as_json_glib (events, inputs[i]);
}

/* Random trees json-glib wrote (every kind of value, text from every
 * character class that needs escaping), read back the same. */
static void
build_value (JsonBuilder *builder,
             GRand       *rand,
             guint        depth)
{
  static const gunichar pool[] = { 0x01, 0x08, 0x09, 0x0a, 0x0c, 0x0d, ' ', '"', '/', '\\',
                                   'a', 'Z', 0x7f, 0xe9, 0x2019, 0x20ac, 0xfeff, 0x1f600 };
  int kind = g_rand_int_range (rand, 0, depth < 4 ? 8 : 6);

  switch (kind)
    {
    case 0:
      {
        g_autoptr(GString) text = g_string_new (NULL);

        for (guint c = 0, n = g_rand_int_range (rand, 0, 12); c < n; c++)
          g_string_append_unichar (text, pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))]);
        json_builder_add_string_value (builder, text->str);
      }
      break;
    case 1:
      json_builder_add_int_value (builder, (gint64) g_rand_int (rand) * g_rand_int_range (rand, -9999, 9999));
      break;
    case 2:
      json_builder_add_double_value (builder, g_rand_double_range (rand, -1e6, 1e6));
      break;
    case 3:
      json_builder_add_boolean_value (builder, g_rand_boolean (rand));
      break;
    case 4:
      json_builder_add_null_value (builder);
      break;
    case 5:
      json_builder_add_double_value (builder, g_rand_int_range (rand, -50, 50) / 4.0);
      break;
    case 6:
      json_builder_begin_array (builder);
      for (guint i = 0, n = g_rand_int_range (rand, 0, 4); i < n; i++)
        build_value (builder, rand, depth + 1);
      json_builder_end_array (builder);
      break;
    default:
      json_builder_begin_object (builder);
      for (guint i = 0, n = g_rand_int_range (rand, 0, 5); i < n; i++)
        {
          g_autofree char *name = g_strdup_printf ("m%u", i);

          json_builder_set_member_name (builder, name);
          build_value (builder, rand, depth + 1);
        }
      json_builder_end_object (builder);
      break;
    }
}

static void
test_generated (void)
{
  g_autoptr(KesJsonEvents) events = kes_json_events_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  guint read = 0;

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json = NULL;

      json_builder_begin_object (builder);
      for (guint i = 0, n = g_rand_int_range (rand, 0, 6); i < n; i++)
        {
          g_autofree char *name = g_strdup_printf ("field_%u", i);

          json_builder_set_member_name (builder, name);
          build_value (builder, rand, 0);
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, round % 3 == 0);
      json = json_generator_to_data (generator, NULL);

      /* A double json-glib writes with an exponent is refused, and the
       * caller uses json-glib; everything else must read the same. */
      if (!kes_json_events_parse (events, json))
        {
          g_assert_true (strchr (json, 'e') != NULL);
          continue;
        }
      assert_same_as_json_glib (events, json);
      read++;
    }
  /* Nearly all of them were read in place, not left to json-glib. */
  g_assert_cmpuint (read, >, 1900);
}

/* What the reader is not sure of is left to json-glib. */
static void
test_refuses (void)
{
  static const char * const inputs[] = {
    "", "[]", "\"text\"", "1", "{", "{\"a\"}", "{\"a\":}", "{\"a\":\"b\",}", "{\"a\":\"b\"} x",
    "{\"a\":1e3}", "{\"a\":1.5E3}", "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}",
    "{\"a\":+1}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\":{\"b\"}}",
    "{\"a\":\"b\",\"a\":\"c\"}", "{\"o\":{\"a\":1,\"a\":2}}", "{\"a\":{},\"a\":[]}",
    "{\"a\":\"\\u0000\"}", "{\"a\":\"\\ud83d\"}", "{\"a\":\"\\ude00\"}", "{\"a\":\"\\x41\"}",
    "{\"a\":\"tab\there\"}", "{\"a\":9223372036854775808}", "{\"a\":99999999999999999999}", "{\"a\":\"\xff\"}",
  };
  g_autoptr(KesJsonEvents) events = kes_json_events_new ();
  g_autoptr(GString) deep = g_string_new ("{\"a\":");
  g_autoptr(GString) wide = g_string_new ("{");

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    if (kes_json_events_parse (events, inputs[i]))
      g_error ("read in place: %s", inputs[i]);

  /* Nesting past the reader's depth, and an object too large to check
   * its keys cheaply. */
  for (guint i = 0; i < 40; i++)
    g_string_append (deep, "[");
  for (guint i = 0; i < 40; i++)
    g_string_append (deep, "]");
  g_string_append (deep, "}");
  g_assert_false (kes_json_events_parse (events, deep->str));

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (wide, "%s\"k%u\":%u", i > 0 ? "," : "", i, i);
  g_string_append (wide, "}");
  g_assert_false (kes_json_events_parse (events, wide->str));

  /* After a refusal the reader reads the next one whole. */
  assert_same_as_json_glib (events, "{\"a\":[1,{\"b\":null}]}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-events/reads-as-json-glib", test_reads_as_json_glib);
  g_test_add_func ("/json-events/generated", test_generated);
  g_test_add_func ("/json-events/refuses", test_refuses);

  return g_test_run ();
}
