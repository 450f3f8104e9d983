/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The database seam: everything the store asks of a database engine, and
 * nothing more. The store and the feature queries call these; only the
 * engine's implementation (store/sqlite/kes-db-sqlite.c) calls the engine.
 * A second engine is a second implementation of this header plus the SQL
 * that differs, not a copy of the store.
 *
 * The calls keep the shape of a prepared-statement API (prepare, bind,
 * step, column, reset) because every query in Kestrel is a prepared
 * statement with bound parameters: no SQL is ever built from a value. */

typedef struct _KesDb     KesDb;
typedef struct _KesDbStmt KesDbStmt;

/* What opening, executing, binding or stepping came to. On KES_DB_ERROR,
 * kes_db_fault() and kes_db_errmsg() say what went wrong. */
typedef enum
{
  KES_DB_OK,
  KES_DB_ROW,   /* a step has a row to read */
  KES_DB_DONE,  /* a step has finished */
  KES_DB_ERROR,
} KesDbStatus;

/* The kind of the value in a column of the current row. */
typedef enum
{
  KES_DB_INTEGER = 1,
  KES_DB_FLOAT,
  KES_DB_TEXT,
  KES_DB_BLOB,
  KES_DB_NULL,
} KesDbType;

/* Whether a bound text or blob must be copied (it may change or be freed
 * before the statement is reset) or outlives the statement's use. */
typedef enum
{
  KES_DB_STATIC,
  KES_DB_COPY,
} KesDbLifetime;

typedef enum
{
  KES_DB_OPEN_READ_ONLY  = 1 << 0,
  KES_DB_OPEN_READ_WRITE = 1 << 1,
  KES_DB_OPEN_CREATE     = 1 << 2,
  KES_DB_OPEN_URI        = 1 << 3, /* the name is a file: URI with query parameters */
} KesDbOpenFlags;

/* What the last failure on a connection was, as the store tells people. */
typedef enum
{
  KES_DB_FAULT_NONE,
  KES_DB_FAULT_BUSY,      /* another connection holds the write lock */
  KES_DB_FAULT_CORRUPT,   /* damaged, or not a database at all */
  KES_DB_FAULT_UNIQUE,    /* a UNIQUE constraint refused the row */
  KES_DB_FAULT_OTHER,
} KesDbFault;

typedef void (*KesDbProgressFunc) (double   fraction,
                                   gpointer user_data);

/* ---- Connections ---- */

/* Once per process, before the first connection. */
void         kes_db_init              (void);
/* Opens @name. On KES_DB_ERROR *@db may still be set (with the reason in
 * kes_db_errmsg()) and must be closed. Connections report busy, corrupt and
 * unique faults precisely (extended result codes) from the start. */
KesDbStatus  kes_db_open              (const char      *name,
                                       KesDbOpenFlags   flags,
                                       KesDb          **db);
/* Closes @db (NULL is fine); statements still prepared keep it alive until
 * they are finalised. Returns KES_DB_ERROR if the close itself failed. */
KesDbStatus  kes_db_close             (KesDb           *db);
/* How long a write waits for another connection's lock. */
void         kes_db_busy_timeout      (KesDb           *db,
                                       int              milliseconds);
const char  *kes_db_errmsg            (KesDb           *db);
KesDbFault   kes_db_fault             (KesDb           *db);
/* Runs @sql (one or more statements, no parameters). On failure *@message,
 * when given, is the engine's message (free with g_free()). */
KesDbStatus  kes_db_exec              (KesDb           *db,
                                       const char      *sql,
                                       char           **message);
/* Rows changed by the last INSERT, UPDATE or DELETE. */
int          kes_db_changes           (KesDb           *db);
/* TRUE when no transaction is open on @db. */
gboolean     kes_db_get_autocommit    (KesDb           *db);
/* Makes the statement running on @db (from another thread) stop soon. */
void         kes_db_interrupt         (KesDb           *db);
/* While TRUE, @db refuses every write except to temporary tables: the
 * rebuild `verify` does in scratch tables can then touch nothing real. */
void         kes_db_refuse_main_writes (KesDb          *db,
                                        gboolean        refuse);
/* Copies every page of @source into @dest (an empty database), reporting
 * progress; a cancel stops it with G_IO_ERROR_CANCELLED. */
gboolean     kes_db_copy              (KesDb             *source,
                                       KesDb             *dest,
                                       KesDbProgressFunc  progress,
                                       gpointer           user_data,
                                       GCancellable      *cancellable,
                                       GError           **error);
/* @name as a quoted SQL identifier, for names read from the schema itself
 * (never for values: those are bound). */
char        *kes_db_quote_identifier  (const char      *name);

/* ---- Statements ---- */

/* Put at the start of a statement that reads a whole table growing with the
 * caseload on purpose (verify, a whole-database export, a database update):
 * the test suites refuse any other statement whose plan does
 * (kes-db-plan-check.c). */
#define KES_SQL_FULL_SCAN "/* full scan intended */ "

/* Prepares @sql; @keep marks a statement kept and reused for the life of
 * the connection (the store's statement cache). */
KesDbStatus  kes_db_prepare           (KesDb           *db,
                                       const char      *sql,
                                       gboolean         keep,
                                       KesDbStmt      **stmt);
void         kes_db_finalize          (KesDbStmt       *stmt);
KesDbStatus  kes_db_reset             (KesDbStmt       *stmt);
void         kes_db_clear_bindings    (KesDbStmt       *stmt);
KesDbStatus  kes_db_step              (KesDbStmt       *stmt);

/* Parameters are numbered from 1. @length -1: up to the terminating nul. */
KesDbStatus  kes_db_bind_text         (KesDbStmt       *stmt,
                                       int              index,
                                       const char      *text,
                                       int              length,
                                       KesDbLifetime    lifetime);
KesDbStatus  kes_db_bind_int          (KesDbStmt       *stmt,
                                       int              index,
                                       int              value);
KesDbStatus  kes_db_bind_int64        (KesDbStmt       *stmt,
                                       int              index,
                                       gint64           value);
KesDbStatus  kes_db_bind_double       (KesDbStmt       *stmt,
                                       int              index,
                                       double           value);
KesDbStatus  kes_db_bind_null         (KesDbStmt       *stmt,
                                       int              index);
KesDbStatus  kes_db_bind_blob         (KesDbStmt       *stmt,
                                       int              index,
                                       gconstpointer    data,
                                       gsize            size,
                                       KesDbLifetime    lifetime);
int          kes_db_bind_parameter_count (KesDbStmt    *stmt);
/* The number of the parameter named @name (":id"), 0 if none. */
int          kes_db_bind_parameter_index (KesDbStmt    *stmt,
                                          const char   *name);

/* Columns of the current row, numbered from 0. Text is UTF-8, valid until
 * the next step or reset; NULL for a NULL value. */
int          kes_db_column_count      (KesDbStmt       *stmt);
KesDbType    kes_db_column_type       (KesDbStmt       *stmt,
                                       int              column);
const char  *kes_db_column_text       (KesDbStmt       *stmt,
                                       int              column);
int          kes_db_column_int        (KesDbStmt       *stmt,
                                       int              column);
gint64       kes_db_column_int64      (KesDbStmt       *stmt,
                                       int              column);
double       kes_db_column_double     (KesDbStmt       *stmt,
                                       int              column);
gconstpointer kes_db_column_blob      (KesDbStmt       *stmt,
                                       int              column);
int          kes_db_column_bytes      (KesDbStmt       *stmt,
                                       int              column);

G_END_DECLS
