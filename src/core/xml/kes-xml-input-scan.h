/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Counts, as the bytes of untrusted XML arrive and before the parser sees
 * them, what would make libxml2 slow or big however small the file:
 * attributes on one element (its duplicate check is quadratic), attributes
 * in the whole file, character references ("&#…;", each appended to its
 * text one at a time) in one text or attribute value and in the file, and
 * runs of blank space between elements (held whole in memory). One pass,
 * constant work a byte, a few integers of state: the first limit crossed
 * stops the reading with a message naming it. */
typedef struct
{
  guint    max_attributes;        /* on one element */
  guint64  max_total_attributes;  /* in the whole input */
  guint    max_char_refs;         /* in one text or attribute value */
  guint64  max_total_char_refs;   /* in the whole input */
  gsize    max_blank_run;         /* blank space in a row, outside any value */
} KesXmlScanLimits;

#define KES_XML_SCAN_MAX_ATTRIBUTES        64
#define KES_XML_SCAN_MAX_TOTAL_ATTRIBUTES  G_GUINT64_CONSTANT (4000000)
#define KES_XML_SCAN_MAX_CHAR_REFS         65536
#define KES_XML_SCAN_MAX_TOTAL_CHAR_REFS   G_GUINT64_CONSTANT (1000000)
#define KES_XML_SCAN_MAX_BLANK_RUN         ((gsize) 1024 * 1024)

typedef enum
{
  KES_XML_SCAN_TEXT,
  KES_XML_SCAN_LT,          /* "<" */
  KES_XML_SCAN_TAG,         /* inside a start or end tag, outside a value */
  KES_XML_SCAN_VALUE,       /* inside a quoted attribute value */
  KES_XML_SCAN_OTHER,       /* a comment, CDATA, PI or declaration: up to its ">" */
} KesXmlScanState;

typedef struct
{
  KesXmlScanLimits  limits;
  KesXmlScanState   state;
  guchar            quote;          /* KES_XML_SCAN_VALUE: ' or " */
  gboolean          end_tag;
  guchar            previous;       /* the byte before, for "&#" */
  guint             attributes;     /* on the element being read */
  guint64           total_attributes;
  guint             char_refs;      /* in the text or value being read */
  guint64           total_char_refs;
  gsize             blank_run;
  guint             line;
  /* KES_XML_SCAN_OTHER: the last bytes, to find "-->", "]]>" and "?>" */
  guchar            tail[2];
  guchar            other_kind;     /* '-' comment, '[' CDATA, '?' PI, '!' other */
  guint             other_length;
} KesXmlScan;

void     kes_xml_scan_limits_init (KesXmlScanLimits  *limits);
void     kes_xml_scan_init        (KesXmlScan        *scan,
                                   const KesXmlScanLimits *limits);
/* FALSE, with a KES_REPORT_ERROR_TOO_LARGE naming the limit and the line,
 * at the first byte over a limit. */
gboolean kes_xml_scan_feed        (KesXmlScan        *scan,
                                   const guchar      *data,
                                   gsize              length,
                                   GError           **error);

G_END_DECLS
