/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-xml-prolog"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-report-error.h"
#include "kes-xml-prolog-private.h"

#define MAX_DECLARATION 512

void
kes_xml_prolog_init (KesXmlProlog *prolog)
{
  memset (prolog, 0, sizeof *prolog);
  prolog->state = KES_XML_PROLOG_START;
}

void
kes_xml_prolog_clear (KesXmlProlog *prolog)
{
  if (prolog->declaration != NULL)
    g_string_free (g_steal_pointer (&prolog->declaration), TRUE);
}

gboolean
kes_xml_prolog_is_done (KesXmlProlog *prolog)
{
  return prolog->state == KES_XML_PROLOG_DONE;
}

gboolean
kes_xml_prolog_is_empty (KesXmlProlog *prolog)
{
  return !prolog->seen_markup
      && (prolog->state == KES_XML_PROLOG_START || prolog->state == KES_XML_PROLOG_BETWEEN);
}

static gboolean
is_name_start (guchar c)
{
  return g_ascii_isalpha (c) || c == '_' || c == ':' || c >= 0x80;
}

static gboolean
refuse (GError     **error,
        int          code,
        const char  *message)
{
  g_set_error_literal (error, KES_REPORT_ERROR, code, message);

  return FALSE;
}

/* XML 1.0's EncName: [A-Za-z] ([A-Za-z0-9._] | '-')*, and short. */
static gboolean
is_encoding_name (const char *name)
{
  if (!g_ascii_isalpha (name[0]) || strlen (name) > 40)
    return FALSE;
  for (const char *c = name + 1; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '.' && *c != '_' && *c != '-')
      return FALSE;
  return TRUE;
}

/* The encoding named in "<?xml version="1.0" encoding="…"?>", if any, must
 * be UTF-8: the parser would otherwise convert from it. */
static gboolean
check_declaration (KesXmlProlog  *prolog,
                   GError       **error)
{
  const char *text = prolog->declaration->str;
  const char *at;
  g_autofree char *encoding = NULL;

  if (!g_str_has_prefix (text, "xml") || !g_ascii_isspace (text[3]))
    return TRUE;

  at = strstr (text, "encoding");
  if (at == NULL)
    return TRUE;

  at += strlen ("encoding");
  while (g_ascii_isspace (*at) || *at == '=')
    at++;
  if (*at == '"' || *at == '\'')
    {
      const char *end = strchr (at + 1, *at);

      if (end != NULL)
        encoding = g_strndup (at + 1, end - at - 1);
    }

  if (encoding != NULL && !is_encoding_name (encoding))
    {
      /* Not a name XML allows: it may not even be text, so it is not quoted
       * (a message must itself be UTF-8). */
      g_set_error_literal (error, KES_REPORT_ERROR, KES_REPORT_ERROR_NOT_XML,
                           _("The file’s XML declaration names an encoding that is not a valid "
                             "encoding name. Kestrel reads XML in UTF-8 only."));
      return FALSE;
    }
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "UTF-8") != 0)
    {
      g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_NOT_XML,
                   /* Translators: %s is a character encoding, "ISO-8859-1" */
                   _("The file is in the %s encoding. Kestrel reads XML in UTF-8 only."),
                   encoding);
      return FALSE;
    }

  return TRUE;
}

gboolean
kes_xml_prolog_feed (KesXmlProlog  *prolog,
                     const guchar  *data,
                     gsize          length,
                     GError       **error)
{
  for (gsize i = 0; i < length && prolog->state != KES_XML_PROLOG_DONE; i++)
    {
      guchar c = data[i];

      if (prolog->state == KES_XML_PROLOG_START)
        {
          if (prolog->bom < 3 && c == (guchar)"\xef\xbb\xbf"[prolog->bom])
            {
              prolog->bom++;
              continue;
            }
          if (prolog->bom == 0 && (c == 0xfe || c == 0xff || c == 0x00))
            return refuse (error, KES_REPORT_ERROR_NOT_XML,
                           _("The file is not UTF-8 text. Kestrel reads XML in UTF-8 only."));
          prolog->state = KES_XML_PROLOG_BETWEEN;
        }

      switch (prolog->state)
        {
        case KES_XML_PROLOG_BETWEEN:
          if (c == '<')
            prolog->state = KES_XML_PROLOG_LT;
          else if (!g_ascii_isspace (c))
            return refuse (error, KES_REPORT_ERROR_NOT_XML,
                           _("This is not an XML file: it does not start with “<”."));
          break;

        case KES_XML_PROLOG_LT:
          if (c == '?')
            {
              /* Only the very first thing in the file can be the declaration. */
              if (!prolog->seen_markup)
                prolog->declaration = g_string_new (NULL);
              prolog->state = KES_XML_PROLOG_PI;
            }
          else if (c == '!')
            prolog->state = KES_XML_PROLOG_BANG;
          else if (is_name_start (c))
            prolog->state = KES_XML_PROLOG_DONE;
          else
            return refuse (error, KES_REPORT_ERROR_NOT_XML,
                           _("This is not an XML file: “<” is not followed by an element name."));
          prolog->seen_markup = TRUE;
          break;

        case KES_XML_PROLOG_PI:
        case KES_XML_PROLOG_PI_QUESTION:
          if (prolog->state == KES_XML_PROLOG_PI_QUESTION && c == '>')
            {
              prolog->state = KES_XML_PROLOG_BETWEEN;
              if (prolog->declaration != NULL)
                {
                  gboolean ok = check_declaration (prolog, error);

                  g_string_free (g_steal_pointer (&prolog->declaration), TRUE);
                  if (!ok)
                    return FALSE;
                }
              break;
            }

          prolog->state = c == '?' ? KES_XML_PROLOG_PI_QUESTION : KES_XML_PROLOG_PI;
          if (prolog->declaration != NULL)
            {
              if (prolog->declaration->len >= MAX_DECLARATION)
                return refuse (error, KES_REPORT_ERROR_NOT_XML,
                               _("This is not an XML file: its declaration never ends."));
              g_string_append_c (prolog->declaration, c);
            }
          break;

        case KES_XML_PROLOG_BANG:
          if (c != '-')
            return refuse (error, KES_REPORT_ERROR_UNSAFE,
                           _("The file contains a document type declaration (DOCTYPE). Kestrel "
                             "refuses these because they can define entities that read other "
                             "files or expand without limit."));
          prolog->state = KES_XML_PROLOG_COMMENT_OPEN;
          break;

        case KES_XML_PROLOG_COMMENT_OPEN:
          if (c != '-')
            return refuse (error, KES_REPORT_ERROR_NOT_XML,
                           _("This is not an XML file: a comment is not opened with “<!--”."));
          prolog->state = KES_XML_PROLOG_COMMENT;
          break;

        case KES_XML_PROLOG_COMMENT:
          if (c == '-')
            prolog->state = KES_XML_PROLOG_COMMENT_DASH;
          break;

        case KES_XML_PROLOG_COMMENT_DASH:
          prolog->state = c == '-' ? KES_XML_PROLOG_COMMENT_DASH_DASH : KES_XML_PROLOG_COMMENT;
          break;

        case KES_XML_PROLOG_COMMENT_DASH_DASH:
          prolog->state = c == '>' ? KES_XML_PROLOG_BETWEEN : KES_XML_PROLOG_COMMENT;
          break;

        case KES_XML_PROLOG_START:
        case KES_XML_PROLOG_DONE:
        default:
          g_assert_not_reached ();
        }
    }

  return TRUE;
}
