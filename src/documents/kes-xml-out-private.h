/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Kestrel's XML output: UTF-8, indented by two spaces, one default
 * namespace, and one failure flag checked at the end instead of a return
 * value on every call. It writes exactly the bytes libxml2's xmlTextWriter
 * writes for the same calls (indent on, "  ") — files exported before and
 * after it are identical, which test-xml-out checks against xmlTextWriter
 * itself — but straight into one buffer, since the writer's own bookkeeping
 * (a list node and copied name per element) was most of a whole-database
 * export's cost. */
typedef struct _KesXmlOut KesXmlOut;

KesXmlOut *kes_xml_out_new          (const char *root,
                                     const char *namespace_uri);

/* Receives the XML as it is written, in pieces; returns FALSE (with @error
 * set) to stop the writing. */
typedef gboolean (*KesXmlOutSink) (const char  *data,
                                   gsize        length,
                                   gpointer     user_data,
                                   GError     **error);

/* Like kes_xml_out_new(), but the XML goes to @sink as it is written
 * instead of being kept in memory: for exports too large to hold. End it
 * with kes_xml_out_close(), not kes_xml_out_finish(). */
KesXmlOut *kes_xml_out_new_for_sink (const char    *root,
                                     const char    *namespace_uri,
                                     KesXmlOutSink  sink,
                                     gpointer       user_data);
void       kes_xml_out_start        (KesXmlOut  *out,
                                     const char *name);
void       kes_xml_out_end          (KesXmlOut  *out);
void       kes_xml_out_attribute    (KesXmlOut  *out,
                                     const char *name,
                                     const char *value);
void       kes_xml_out_attribute_int (KesXmlOut *out,
                                     const char *name,
                                     gint64      value);
/* <name>text</name>; nothing when @text is NULL; <name/> when it is "". */
void       kes_xml_out_element      (KesXmlOut  *out,
                                     const char *name,
                                     const char *text);
/* <name>text</name>, and <name/> when @text is NULL or "". */
void       kes_xml_out_element_always (KesXmlOut *out,
                                     const char *name,
                                     const char *text);
void       kes_xml_out_text         (KesXmlOut  *out,
                                     const char *text);
/* Closes every open element and returns the bytes. */
GBytes    *kes_xml_out_finish       (KesXmlOut  *out,
                                     GError    **error);
/* For a writer made with kes_xml_out_new_for_sink(): closes every open
 * element and hands the last bytes to the sink. */
gboolean   kes_xml_out_close        (KesXmlOut  *out,
                                     GError    **error);
/* Whether everything so far was written; on FALSE, @error says why. */
gboolean   kes_xml_out_check        (KesXmlOut  *out,
                                     GError    **error);
void       kes_xml_out_free         (KesXmlOut  *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesXmlOut, kes_xml_out_free)

G_END_DECLS
