/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-xml-input-scan.h"

G_BEGIN_DECLS

/* Limits on untrusted XML. */
typedef struct
{
  guint64 max_bytes;      /* the whole input; default 512 MiB */
  gsize   max_text_bytes; /* one text node or attribute value; default 10 MB */
  guint   max_depth;      /* elements nested inside the root; default 64 */
  KesXmlScanLimits scan;  /* attributes, character references, blank space
                           * (kes-xml-input-scan.h), counted before parsing */
} KesXmlLimits;

#define KES_XML_DEFAULT_MAX_BYTES      (G_GUINT64_CONSTANT (512) * 1024 * 1024)
#define KES_XML_DEFAULT_MAX_TEXT_BYTES ((gsize)10 * 1000 * 1000)
#define KES_XML_DEFAULT_MAX_DEPTH      64

void kes_xml_limits_init (KesXmlLimits *limits);

typedef enum
{
  KES_XML_NODE_START, /* an element opens; an empty element gives START only */
  KES_XML_NODE_END,   /* an element closes */
  KES_XML_NODE_TEXT,  /* character data (text, CDATA, whitespace) */
} KesXmlNodeKind;

/* A streaming reader for XML that did not come from Kestrel itself. Memory
 * stays bounded by the limits whatever the input size. It refuses: a
 * DOCTYPE (so no entity declarations, hence no XXE and no entity expansion
 * bombs), external resources of any kind (no network, no DTD or XInclude
 * loading, a deny-all entity loader while it runs), input that is not
 * UTF-8, and anything over the limits. With a schema set, the input is
 * validated as it streams and the first problem stops the reading. Errors
 * are KES_REPORT_ERROR, with the line number in the message. */
typedef struct _KesXmlReader KesXmlReader;

KesXmlReader   *kes_xml_reader_new_for_data      (GBytes              *data,
                                                  const KesXmlLimits  *limits,
                                                  GError             **error);
KesXmlReader   *kes_xml_reader_new_for_path      (const char          *path,
                                                  const KesXmlLimits  *limits,
                                                  GError             **error);
void            kes_xml_reader_free              (KesXmlReader        *self);

/* Before the first read: validate against a schema (see kes-xml-schema.h). */
gboolean        kes_xml_reader_set_schema        (KesXmlReader        *self,
                                                  const char          *schema_name,
                                                  GError             **error);

/* Moves to the next node. Returns FALSE at the end of the document (error
 * unset) or on a problem (error set). Comments and processing instructions
 * are skipped. */
gboolean        kes_xml_reader_next              (KesXmlReader        *self,
                                                  GError             **error);
KesXmlNodeKind  kes_xml_reader_get_kind          (KesXmlReader        *self);
/* Local name of the element. */
const char     *kes_xml_reader_get_name          (KesXmlReader        *self);
const char     *kes_xml_reader_get_namespace     (KesXmlReader        *self);
/* 0 for the root element. */
guint           kes_xml_reader_get_depth         (KesXmlReader        *self);
guint           kes_xml_reader_get_line          (KesXmlReader        *self);
gboolean        kes_xml_reader_is_empty_element  (KesXmlReader        *self);
/* An attribute of the current element, or NULL. */
char           *kes_xml_reader_dup_attribute     (KesXmlReader        *self,
                                                  const char          *name);
/* The current text node's characters. */
const char     *kes_xml_reader_get_text          (KesXmlReader        *self);

/* At a START node: the text inside the element, reading up to and including
 * its END. An element inside it is an error. */
char           *kes_xml_reader_read_text         (KesXmlReader        *self,
                                                  GError             **error);
/* At a START node: moves past the element's END, whatever is inside. */
gboolean        kes_xml_reader_skip              (KesXmlReader        *self,
                                                  GError             **error);
/* Reads the rest of the input (checking it, and validating it when a schema
 * is set). */
gboolean        kes_xml_reader_finish            (KesXmlReader        *self,
                                                  GError             **error);

/* Builds an error naming the current line: "Line 12: …". */
void            kes_xml_reader_set_error         (KesXmlReader        *self,
                                                  GError             **error,
                                                  int                  code,
                                                  const char          *format,
                                                  ...) G_GNUC_PRINTF (4, 5);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesXmlReader, kes_xml_reader_free)

G_END_DECLS
