/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Looks at everything before the root element of untrusted XML, as the
 * bytes arrive and before the parser sees them: only a UTF-8 XML
 * declaration, comments, processing instructions and whitespace may come
 * first. A DOCTYPE (and with it any entity declaration) is refused here,
 * so nothing in one is ever parsed. */
typedef enum
{
  KES_XML_PROLOG_START,
  KES_XML_PROLOG_BETWEEN,
  KES_XML_PROLOG_LT,
  KES_XML_PROLOG_PI,
  KES_XML_PROLOG_PI_QUESTION,
  KES_XML_PROLOG_BANG,
  KES_XML_PROLOG_COMMENT_OPEN,
  KES_XML_PROLOG_COMMENT,
  KES_XML_PROLOG_COMMENT_DASH,
  KES_XML_PROLOG_COMMENT_DASH_DASH,
  KES_XML_PROLOG_DONE,
} KesXmlPrologState;

typedef struct
{
  KesXmlPrologState  state;
  guint              bom;
  gboolean           seen_markup;
  GString           *declaration; /* the XML declaration while it is read */
} KesXmlProlog;

void     kes_xml_prolog_init     (KesXmlProlog  *prolog);
void     kes_xml_prolog_clear    (KesXmlProlog  *prolog);
/* FALSE, with a KES_REPORT_ERROR, as soon as the input is refused. */
gboolean kes_xml_prolog_feed     (KesXmlProlog  *prolog,
                                  const guchar  *data,
                                  gsize          length,
                                  GError       **error);
/* The root element has started. */
gboolean kes_xml_prolog_is_done  (KesXmlProlog  *prolog);
/* Nothing but whitespace (or a byte order mark) so far. */
gboolean kes_xml_prolog_is_empty (KesXmlProlog  *prolog);

G_END_DECLS
