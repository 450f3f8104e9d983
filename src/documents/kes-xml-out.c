/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-xml-out"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/xmlwriter.h>

#include "kes-report-error.h"
#include "kes-xml-out-private.h"

struct _KesXmlOut
{
  xmlBufferPtr     buffer;     /* NULL when writing to a sink */
  xmlTextWriterPtr writer;
  gboolean         failed;
  KesXmlOutSink    sink;
  gpointer         sink_data;
  GError          *sink_error; /* the sink's first failure */
};

#define X(s) ((const xmlChar *)(s))

static void
check (KesXmlOut *out,
       int        result)
{
  if (result < 0)
    out->failed = TRUE;
}

static void
start_document (KesXmlOut  *out,
                const char *root,
                const char *namespace_uri)
{
  check (out, xmlTextWriterSetIndent (out->writer, 1));
  check (out, xmlTextWriterSetIndentString (out->writer, X ("  ")));
  check (out, xmlTextWriterStartDocument (out->writer, "1.0", "UTF-8", NULL));
  check (out, xmlTextWriterStartElementNS (out->writer, NULL, X (root), X (namespace_uri)));
}

KesXmlOut *
kes_xml_out_new (const char *root,
                 const char *namespace_uri)
{
  KesXmlOut *out = g_new0 (KesXmlOut, 1);

  out->buffer = xmlBufferCreate ();
  out->writer = xmlNewTextWriterMemory (out->buffer, 0);
  g_assert (out->buffer != NULL && out->writer != NULL);
  start_document (out, root, namespace_uri);

  return out;
}

static int
sink_write_cb (void       *context,
               const char *buffer,
               int         length)
{
  KesXmlOut *out = context;

  /* Once the sink has failed, libxml2 is told so on every write and the
   * writer's calls fail, which check() notes. */
  if (out->sink_error != NULL
      || !out->sink (buffer, (gsize) length, out->sink_data, &out->sink_error))
    return -1;

  return length;
}

static int
sink_close_cb (void *context)
{
  return 0;
}

KesXmlOut *
kes_xml_out_new_for_sink (const char    *root,
                          const char    *namespace_uri,
                          KesXmlOutSink  sink,
                          gpointer       user_data)
{
  KesXmlOut *out = g_new0 (KesXmlOut, 1);
  xmlOutputBufferPtr output;

  g_return_val_if_fail (sink != NULL, NULL);

  out->sink = sink;
  out->sink_data = user_data;
  output = xmlOutputBufferCreateIO (sink_write_cb, sink_close_cb, out, NULL);
  g_assert (output != NULL);
  /* The writer owns the output buffer from here and closes it when freed. */
  out->writer = xmlNewTextWriter (output);
  g_assert (out->writer != NULL);
  start_document (out, root, namespace_uri);

  return out;
}

void
kes_xml_out_start (KesXmlOut  *out,
                   const char *name)
{
  check (out, xmlTextWriterStartElement (out->writer, X (name)));
}

void
kes_xml_out_end (KesXmlOut *out)
{
  check (out, xmlTextWriterEndElement (out->writer));
}

void
kes_xml_out_attribute (KesXmlOut  *out,
                       const char *name,
                       const char *value)
{
  if (value != NULL)
    check (out, xmlTextWriterWriteAttribute (out->writer, X (name), X (value)));
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
  if (text != NULL && text[0] != '\0')
    {
      check (out, xmlTextWriterWriteElement (out->writer, X (name), X (text)));
      return;
    }

  kes_xml_out_start (out, name);
  kes_xml_out_end (out);
}

void
kes_xml_out_text (KesXmlOut  *out,
                  const char *text)
{
  if (text != NULL)
    check (out, xmlTextWriterWriteString (out->writer, X (text)));
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

gboolean
kes_xml_out_close (KesXmlOut  *out,
                   GError    **error)
{
  g_return_val_if_fail (out->sink != NULL, FALSE);

  check (out, xmlTextWriterEndDocument (out->writer));
  check (out, xmlTextWriterFlush (out->writer));
  /* Freeing the writer closes its output: nothing reaches the sink after
   * this returns, so the caller may close what the sink writes to. */
  g_clear_pointer (&out->writer, xmlFreeTextWriter);

  return kes_xml_out_check (out, error);
}

GBytes *
kes_xml_out_finish (KesXmlOut  *out,
                    GError    **error)
{
  g_return_val_if_fail (out->buffer != NULL, NULL);

  check (out, xmlTextWriterEndDocument (out->writer));
  check (out, xmlTextWriterFlush (out->writer));

  if (!kes_xml_out_check (out, error))
    return NULL;

  return g_bytes_new (xmlBufferContent (out->buffer), xmlBufferLength (out->buffer));
}

void
kes_xml_out_free (KesXmlOut *out)
{
  if (out == NULL)
    return;

  g_clear_pointer (&out->writer, xmlFreeTextWriter);
  g_clear_pointer (&out->buffer, xmlBufferFree);
  g_clear_error (&out->sink_error);
  g_free (out);
}
