/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store-private.h"
#include "kes-verify-private.h"

G_BEGIN_DECLS

/* One run of `verify` (kes-store-verify.c), shared by its parts. Every part
 * reads inside the one read transaction the run holds, so a program writing
 * meanwhile can't make a part see half a save. */
typedef struct
{
  KesVerifyReport   *report;
  KesVerifyProgress  progress;
  gpointer           user_data;
  GCancellable      *cancellable;
  GHashTable        *keys;           /* key id -> KesInstallationKey, or NULL: not here */
  gboolean           keyed;          /* the schema keys the chain: a seal must exist */
  gint64             seal_seq;       /* the seal's entry, 0 when there is none */
  char              *database_id;    /* the seal's record id, NULL when none */
  gint64             head_seq;       /* the last entry's number */
  guint64            revision_count; /* for progress */
  guint64            record_count;
  gboolean           earlier_copy;   /* KES_VERIFY_EARLIER_COPY */
  gboolean           imports_per_patient; /* the schema has patient_import (0024) */
} KesVerifyRun;

/* Revisions imported as one import of a patient, against its entry
 * (kes-store-verify-imports.c). */
typedef struct _KesVerifyImports KesVerifyImports;
/* A problem found (@message is handed over), at access-log entry @seq
 * (G_MAXINT64: none to point at). */
typedef void (*KesVerifyImportProblem) (gint64    seq,
                                        char     *message,
                                        gpointer  user_data);

KesVerifyImports *kes_verify_imports_new  (void);
void              kes_verify_imports_free (KesVerifyImports *self);
/* A revision naming import @import_id, met in (record id, number) order. */
void              kes_verify_imports_add  (KesVerifyImports *self,
                                           gint64            import_id,
                                           const char       *record_id,
                                           gint64            number,
                                           const char       *revision_hash);
/* Every import against its entry, once the revisions have been added. */
gboolean          kes_store_verify_imports (KesStore               *self,
                                            KesVerifyImports       *imports,
                                            KesVerifyImportProblem  note,
                                            gpointer                user_data,
                                            GError                **error);

/* kes_store_verify_parts() without the permission check, for what core
 * checks on its own (a backup being written or restored). */
KesVerifyReport *kes_store_verify_run (KesStore            *self,
                                       KesVerifyParts       parts,
                                       const char * const  *anchor_files,
                                       KesVerifyProgress    progress,
                                       gpointer             user_data,
                                       GCancellable        *cancellable,
                                       GError             **error);

/* Fills in what every part needs to know (the keys cache, whether the
 * chain is keyed, where its seal is, how long it is); the run's report must
 * be set. kes_verify_run_end() frees what it made. */
gboolean kes_verify_run_start         (KesStore      *self,
                                       KesVerifyRun  *run,
                                       GError       **error);
void     kes_verify_run_end           (KesVerifyRun  *run);

/* The parts (each marks itself ran and counts what it checked). */
gboolean kes_store_verify_chain       (KesStore      *self,
                                       KesVerifyRun  *run,
                                       GError       **error);
/* The quick part: the last entry's own hash (and its key). */
gboolean kes_store_verify_tail        (KesStore      *self,
                                       KesVerifyRun  *run,
                                       GError       **error);
gboolean kes_store_verify_revisions   (KesStore      *self,
                                       KesVerifyRun  *run,
                                       GError       **error);
/* The record table's derived columns and every projection table
 * (kes-store-verify-projections.c). */
gboolean kes_store_verify_projections (KesStore      *self,
                                       KesVerifyRun  *run,
                                       GError       **error);
/* The append-only rules (kes-store-guards.c). */
gboolean kes_store_verify_guards      (KesStore      *self,
                                       KesVerifyRun  *run,
                                       GError       **error);
/* Every anchor found (kes-store-anchor.c), oldest first, against the chain;
 * @files: more anchors (files given on the command line). */
gboolean kes_store_verify_anchors     (KesStore            *self,
                                       KesVerifyRun        *run,
                                       const char * const  *files,
                                       gboolean             newest_only,
                                       GError             **error);

/* How many records the projections part rebuilds and compares at a time
 * (0: its default, 10,000). A record's rows may be derived from records
 * in another chunk (a patient's legal status), so tests run `verify` with
 * small chunks to cross many boundaries on a small file. */
void     kes_store_set_verify_chunk   (KesStore      *self,
                                       guint          records);

G_END_DECLS
