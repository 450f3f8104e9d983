/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-xml-input-scan"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-report-error.h"
#include "kes-xml-input-scan.h"

void
kes_xml_scan_limits_init (KesXmlScanLimits *limits)
{
  limits->max_attributes = KES_XML_SCAN_MAX_ATTRIBUTES;
  limits->max_total_attributes = KES_XML_SCAN_MAX_TOTAL_ATTRIBUTES;
  limits->max_char_refs = KES_XML_SCAN_MAX_CHAR_REFS;
  limits->max_total_char_refs = KES_XML_SCAN_MAX_TOTAL_CHAR_REFS;
  limits->max_blank_run = KES_XML_SCAN_MAX_BLANK_RUN;
}

void
kes_xml_scan_init (KesXmlScan             *scan,
                   const KesXmlScanLimits *limits)
{
  memset (scan, 0, sizeof *scan);
  if (limits != NULL)
    scan->limits = *limits;
  else
    kes_xml_scan_limits_init (&scan->limits);
  scan->state = KES_XML_SCAN_TEXT;
  scan->line = 1;
}

static gboolean
refuse (KesXmlScan  *scan,
        GError     **error,
        const char  *problem)
{
  g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_TOO_LARGE,
               /* Translators: a line number, then what is wrong on that line */
               _("Line %u: %s"), scan->line, problem);
  return FALSE;
}

/* "&#" seen: one more character reference in the text or value read. */
static gboolean
count_char_ref (KesXmlScan  *scan,
                GError     **error)
{
  if (++scan->char_refs > scan->limits.max_char_refs)
    {
      g_autofree char *problem =
        g_strdup_printf (_("a text holds more than %u character references (“&#…;”), more "
                           "than Kestrel will read."), scan->limits.max_char_refs);
      return refuse (scan, error, problem);
    }
  if (++scan->total_char_refs > scan->limits.max_total_char_refs)
    {
      g_autofree char *problem =
        g_strdup_printf (_("the file holds more than %" G_GUINT64_FORMAT " character references "
                           "(“&#…;”), more than Kestrel will read."),
                         scan->limits.max_total_char_refs);
      return refuse (scan, error, problem);
    }

  return TRUE;
}

static gboolean
count_attribute (KesXmlScan  *scan,
                 GError     **error)
{
  if (++scan->attributes > scan->limits.max_attributes)
    {
      g_autofree char *problem =
        g_strdup_printf (_("an element has more than %u attributes, more than Kestrel will "
                           "read."), scan->limits.max_attributes);
      return refuse (scan, error, problem);
    }
  if (++scan->total_attributes > scan->limits.max_total_attributes)
    {
      g_autofree char *problem =
        g_strdup_printf (_("the file has more than %" G_GUINT64_FORMAT " attributes, more than "
                           "Kestrel will read."), scan->limits.max_total_attributes);
      return refuse (scan, error, problem);
    }

  return TRUE;
}

static gboolean
scan_text (KesXmlScan  *scan,
           guchar       c,
           GError     **error)
{
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
    {
      if (++scan->blank_run > scan->limits.max_blank_run)
        {
          g_autofree char *size = g_format_size (scan->limits.max_blank_run);
          g_autofree char *problem =
            /* Translators: %s is a size, "1.0 MB" */
            g_strdup_printf (_("the file has more than %s of blank space in a row, more than "
                               "Kestrel will read."), size);
          return refuse (scan, error, problem);
        }
      return TRUE;
    }
  scan->blank_run = 0;

  if (c == '<')
    scan->state = KES_XML_SCAN_LT;
  else if (c == '#' && scan->previous == '&')
    return count_char_ref (scan, error);

  return TRUE;
}

static void
scan_lt (KesXmlScan *scan,
         guchar      c)
{
  scan->char_refs = 0;
  scan->attributes = 0;
  scan->end_tag = c == '/';
  scan->other_length = 0;
  if (c == '!' || c == '?')
    {
      scan->state = KES_XML_SCAN_OTHER;
      scan->other_kind = c;
    }
  else
    scan->state = KES_XML_SCAN_TAG;
}

/* Comments end at "-->", CDATA at "]]>", processing instructions at "?>",
 * anything else begun with "<!" at ">". */
static void
scan_other (KesXmlScan *scan,
            guchar      c)
{
  gboolean ends = FALSE;

  if (scan->other_kind == '!' && scan->other_length == 0 && (c == '-' || c == '['))
    scan->other_kind = c;

  if (c == '>')
    switch (scan->other_kind)
      {
      case '-': ends = scan->other_length >= 4 && scan->tail[0] == '-' && scan->tail[1] == '-'; break;
      case '[': ends = scan->other_length >= 9 && scan->tail[0] == ']' && scan->tail[1] == ']'; break;
      case '?': ends = scan->tail[1] == '?'; break;
      default:  ends = TRUE; break;
      }

  scan->tail[0] = scan->tail[1];
  scan->tail[1] = c;
  scan->other_length++;
  if (ends)
    {
      scan->state = KES_XML_SCAN_TEXT;
      scan->blank_run = 0;
    }
}

gboolean
kes_xml_scan_feed (KesXmlScan    *scan,
                   const guchar  *data,
                   gsize          length,
                   GError       **error)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = data[i];
      gboolean ok = TRUE;

      if (c == '\n')
        scan->line++;

      switch (scan->state)
        {
        case KES_XML_SCAN_TEXT:
          ok = scan_text (scan, c, error);
          break;
        case KES_XML_SCAN_LT:
          scan_lt (scan, c);
          break;
        case KES_XML_SCAN_TAG:
          if (c == '"' || c == '\'')
            {
              scan->state = KES_XML_SCAN_VALUE;
              scan->quote = c;
              scan->char_refs = 0;
            }
          else if (c == '=' && !scan->end_tag)
            ok = count_attribute (scan, error);
          else if (c == '>')
            {
              scan->state = KES_XML_SCAN_TEXT;
              scan->blank_run = 0;
            }
          break;
        case KES_XML_SCAN_VALUE:
          if (c == scan->quote)
            scan->state = KES_XML_SCAN_TAG;
          else if (c == '#' && scan->previous == '&')
            ok = count_char_ref (scan, error);
          break;
        case KES_XML_SCAN_OTHER:
          scan_other (scan, c);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
      scan->previous = c;
    }

  return TRUE;
}
