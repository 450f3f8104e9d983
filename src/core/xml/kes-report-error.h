/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KES_REPORT_ERROR (kes_report_error_quark ())

/* Errors from writing documents and reading XML. Messages are written for
 * the person at the keyboard: they say what is wrong and, where it helps,
 * on which line of the file. */
typedef enum
{
  KES_REPORT_ERROR_WRITE,      /* a file could not be written */
  KES_REPORT_ERROR_READ,       /* a file could not be read */
  KES_REPORT_ERROR_RENDER,     /* cairo or Pango failed */
  KES_REPORT_ERROR_NOT_XML,    /* not well-formed XML, truncated, or not UTF-8 */
  KES_REPORT_ERROR_UNSAFE,     /* a DOCTYPE, entity or other construct Kestrel refuses */
  KES_REPORT_ERROR_TOO_LARGE,  /* a size or depth limit was exceeded */
  KES_REPORT_ERROR_INVALID,    /* the XML does not match its schema */
  KES_REPORT_ERROR_NO_SCHEMA,  /* an unknown schema name */
  KES_REPORT_ERROR_EXISTS,     /* the record being imported is already held */
} KesReportError;

GQuark kes_report_error_quark (void);

G_END_DECLS
