/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KES_ERROR (kes_error_quark ())

/* Every error core reports. Messages are written for the person at the
 * keyboard: they name the field or record and say what to do. */
typedef enum
{
  KES_ERROR_INVALID,        /* a field failed validation */
  KES_ERROR_CONFLICT,       /* a save against a stale revision */
  KES_ERROR_NOT_FOUND,      /* no such record */
  KES_ERROR_NEWER_SCHEMA,   /* the database was written by a newer Kestrel */
  KES_ERROR_CORRUPT,        /* integrity check failed */
  KES_ERROR_NO_ACTOR,       /* a change without a signed-in user */
  KES_ERROR_PERMISSION,     /* the signed-in user may not do this */
  KES_ERROR_ENTERED_IN_ERROR, /* the record was marked entered in error */
  KES_ERROR_DATABASE,       /* SQLite reported a failure */
  KES_ERROR_IO,             /* a file could not be read or written */
} KesError;

GQuark kes_error_quark (void);

G_END_DECLS
