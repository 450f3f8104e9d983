/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-xml-out"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/entities.h>
#include <libxml/tree.h>

#include "kes-report-error.h"
#include "kes-xml-out-private.h"

/* The layout is xmlTextWriter's with indenting on (libxml2 2.9, the
 * version Debian 12 ships): every start tag on its own line, indented two
 * spaces a level; an element with no content closed as <name/>; an
 * element with text written <name>text</name> on one line; the root's
 * xmlns after its attributes, since xmlTextWriter adds it when the start
 * tag is closed. Text and attribute values are escaped by libxml2's own
 * functions whenever they hold anything that may need it, so they cannot
 * differ from what the writer would have produced. */

#define INDENT      "  "
/* Handed to the sink in pieces of about this size. */
#define SINK_CHUNK  (64 * 1024)

struct _KesXmlOut
{
  GString       *buffer;         /* written and not yet handed to the sink */
  GString       *names;          /* the open elements' names, each NUL-terminated */
  GArray        *open;           /* gsize: where each open element's name starts */
  char          *namespace_uri;  /* the root's, until its start tag is closed */
  xmlBufferPtr   escaped;        /* an attribute value, escaped by libxml2 */
  xmlDocPtr      doc;            /* says UTF-8, as the writer's own document does */
  gboolean       start_tag_open; /* the innermost start tag still lacks its ">" */
  gboolean       indent_end;     /* its end tag goes on a line of its own */
  gboolean       failed;
  KesXmlOutSink  sink;
  gpointer       sink_data;
  GError        *sink_error;     /* the sink's first failure */
};

/* A whole-database export is millions of short pieces: copied in here
 * directly (GLib 2.74's g_string_append goes through the general insert). */
static void
write_len (KesXmlOut  *out,
           const char *data,
           gsize       length)
{
  GString *buffer = out->buffer;

  if (buffer->len + length >= buffer->allocated_len)
    {
      g_string_append_len (buffer, data, length);
      return;
    }
  memcpy (buffer->str + buffer->len, data, length);
  buffer->len += length;
  buffer->str[buffer->len] = '\0';
}

static void
write_str (KesXmlOut  *out,
           const char *text)
{
  write_len (out, text, strlen (text));
}

static void
write_indent (KesXmlOut *out,
              guint      level)
{
  for (guint i = 0; i < level; i++)
    write_len (out, INDENT, sizeof INDENT - 1);
}

/* Hands what is buffered to the sink once there is enough of it (or all
 * of it, when @all). After a failure nothing more is kept. */
static void
flush (KesXmlOut *out,
       gboolean   all)
{
  if (out->sink == NULL || (!all && out->buffer->len < SINK_CHUNK))
    return;

  if (out->sink_error == NULL && out->buffer->len > 0
      && !out->sink (out->buffer->str, out->buffer->len, out->sink_data, &out->sink_error))
    out->failed = TRUE;
  g_string_truncate (out->buffer, 0);
}

/* What xmlBufAttrSerializeTxtContent() leaves alone in a document whose
 * encoding is set: anything but control characters, the quote and the
 * three markup characters. */
static gboolean
attribute_is_plain (const char *value)
{
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    if (*p < 0x20 || *p == '"' || *p == '<' || *p == '>' || *p == '&')
      return FALSE;

  return TRUE;
}

static void
write_attribute_value (KesXmlOut  *out,
                       const char *value)
{
  if (attribute_is_plain (value))
    {
      write_str (out, value);
      return;
    }

  xmlBufferEmpty (out->escaped);
  xmlAttrSerializeTxtContent (out->escaped, out->doc, NULL, (const xmlChar *) value);
  write_len (out, (const char *) xmlBufferContent (out->escaped), xmlBufferLength (out->escaped));
}

static void
write_attribute (KesXmlOut  *out,
                 const char *name,
                 const char *value)
{
  write_str (out, " ");
  write_str (out, name);
  write_str (out, "=\"");
  write_attribute_value (out, value);
  write_str (out, "\"");
}

/* Ends the innermost start tag, as the writer does before any content. */
static void
close_start_tag (KesXmlOut *out,
                 gboolean   newline)
{
  if (!out->start_tag_open)
    return;

  if (out->namespace_uri != NULL)
    {
      write_attribute (out, "xmlns", out->namespace_uri);
      g_clear_pointer (&out->namespace_uri, g_free);
    }
  write_str (out, newline ? ">\n" : ">");
  out->start_tag_open = FALSE;
}

static void
start_document (KesXmlOut  *out,
                const char *root,
                const char *namespace_uri)
{
  out->buffer = g_string_sized_new (SINK_CHUNK + 4096);
  out->names = g_string_sized_new (256);
  out->open = g_array_new (FALSE, FALSE, sizeof (gsize));
  out->escaped = xmlBufferCreate ();
  out->doc = xmlNewDoc ((const xmlChar *) "1.0");
  g_assert (out->escaped != NULL && out->doc != NULL);
  /* As xmlTextWriterStartDocument() sets it: text beyond ASCII is then
   * written as it is, not as character references. */
  out->doc->encoding = xmlStrdup ((const xmlChar *) "UTF-8");

  write_str (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  kes_xml_out_start (out, root);
  out->namespace_uri = g_strdup (namespace_uri);
}

KesXmlOut *
kes_xml_out_new (const char *root,
                 const char *namespace_uri)
{
  KesXmlOut *out = g_new0 (KesXmlOut, 1);

  start_document (out, root, namespace_uri);

  return out;
}

KesXmlOut *
kes_xml_out_new_for_sink (const char    *root,
                          const char    *namespace_uri,
                          KesXmlOutSink  sink,
                          gpointer       user_data)
{
  KesXmlOut *out;

  g_return_val_if_fail (sink != NULL, NULL);

  out = g_new0 (KesXmlOut, 1);
  out->sink = sink;
  out->sink_data = user_data;
  start_document (out, root, namespace_uri);

  return out;
}

void
kes_xml_out_start (KesXmlOut  *out,
                   const char *name)
{
  gsize at = out->names->len;

  close_start_tag (out, TRUE);
  g_string_append_len (out->names, name, strlen (name) + 1);
  g_array_append_val (out->open, at);

  write_indent (out, out->open->len - 1);
  write_str (out, "<");
  write_str (out, name);
  out->start_tag_open = TRUE;
}

void
kes_xml_out_end (KesXmlOut *out)
{
  gsize at;

  if (out->open->len == 0)
    {
      out->failed = TRUE;
      return;
    }
  at = g_array_index (out->open, gsize, out->open->len - 1);

  if (out->start_tag_open)
    {
      /* Nothing inside: <name/>. */
      if (out->namespace_uri != NULL)
        {
          write_attribute (out, "xmlns", out->namespace_uri);
          g_clear_pointer (&out->namespace_uri, g_free);
        }
      write_str (out, "/>\n");
      out->start_tag_open = FALSE;
    }
  else
    {
      /* After elements the end tag has a line of its own; after text it
       * follows the text. */
      if (out->indent_end)
        write_indent (out, out->open->len - 1);
      write_str (out, "</");
      write_str (out, out->names->str + at);
      write_str (out, ">\n");
    }
  out->indent_end = TRUE;

  g_string_truncate (out->names, at);
  g_array_set_size (out->open, out->open->len - 1);
  flush (out, FALSE);
}

void
kes_xml_out_attribute (KesXmlOut  *out,
                       const char *name,
                       const char *value)
{
  if (value == NULL)
    return;

  /* An attribute after the start tag is closed is a mistake the writer
   * refuses too. */
  if (!out->start_tag_open)
    {
      out->failed = TRUE;
      return;
    }
  write_attribute (out, name, value);
}

void
kes_xml_out_attribute_int (KesXmlOut  *out,
                           const char *name,
                           gint64      value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  kes_xml_out_attribute (out, name, text);
}

/* An empty text is always written <name/>, so the same content always
 * gives the same bytes. */
void
kes_xml_out_element (KesXmlOut  *out,
                     const char *name,
                     const char *text)
{
  if (text != NULL)
    kes_xml_out_element_always (out, name, text);
}

void
kes_xml_out_element_always (KesXmlOut  *out,
                            const char *name,
                            const char *text)
{
  kes_xml_out_start (out, name);
  if (text != NULL && text[0] != '\0')
    kes_xml_out_text (out, text);
  kes_xml_out_end (out);
}

void
kes_xml_out_text (KesXmlOut  *out,
                  const char *text)
{
  if (text == NULL)
    return;
  if (out->open->len == 0)
    {
      out->failed = TRUE;
      return;
    }

  close_start_tag (out, FALSE);
  out->indent_end = FALSE;

  /* xmlEncodeSpecialChars() changes only these five; text without them is
   * written as it is. */
  if (strpbrk (text, "<>&\"\r") == NULL)
    write_str (out, text);
  else
    {
      xmlChar *escaped = xmlEncodeSpecialChars (NULL, (const xmlChar *) text);

      if (escaped == NULL)
        {
          out->failed = TRUE;
          return;
        }
      write_str (out, (const char *) escaped);
      xmlFree (escaped);
    }
}

gboolean
kes_xml_out_check (KesXmlOut  *out,
                   GError    **error)
{
  if (out->sink_error != NULL)
    {
      g_propagate_error (error, g_error_copy (out->sink_error));
      return FALSE;
    }
  if (out->failed)
    {
      g_set_error_literal (error, KES_REPORT_ERROR, KES_REPORT_ERROR_RENDER,
                           _("Could not write the XML: the text could not be encoded"));
      return FALSE;
    }

  return TRUE;
}

static void
end_document (KesXmlOut *out)
{
  while (out->open->len > 0)
    kes_xml_out_end (out);
}

gboolean
kes_xml_out_close (KesXmlOut  *out,
                   GError    **error)
{
  g_return_val_if_fail (out->sink != NULL, FALSE);

  end_document (out);
  /* Nothing reaches the sink after this returns, so the caller may close
   * what the sink writes to. */
  flush (out, TRUE);
  out->sink = NULL;

  return kes_xml_out_check (out, error);
}

GBytes *
kes_xml_out_finish (KesXmlOut  *out,
                    GError    **error)
{
  g_return_val_if_fail (out->sink == NULL, NULL);

  end_document (out);
  if (!kes_xml_out_check (out, error))
    return NULL;

  return g_bytes_new (out->buffer->str, out->buffer->len);
}

void
kes_xml_out_free (KesXmlOut *out)
{
  if (out == NULL)
    return;

  g_string_free (out->buffer, TRUE);
  g_string_free (out->names, TRUE);
  g_array_unref (out->open);
  g_free (out->namespace_uri);
  xmlBufferFree (out->escaped);
  xmlFreeDoc (out->doc);
  g_clear_error (&out->sink_error);
  g_free (out);
}
