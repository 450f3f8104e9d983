/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-types.h"

G_BEGIN_DECLS

/* `verify`: whether the database's history can be trusted, in plain words.
 *
 * Each part says what it checked and how many, and the first problem it
 * found (by table, record id, column and access-log sequence number; never
 * a clinical value). A part that needs a key this computer does not have
 * says so ("cannot be verified without the installation key"): a database
 * is reported intact only when every part ran, found nothing, and needed
 * nothing it lacked. */

typedef enum
{
  KES_VERIFY_FILE,        /* SQLite's integrity and foreign key checks */
  KES_VERIFY_GUARDS,      /* the append-only rules on history and the access log */
  KES_VERIFY_RECORDS,     /* every record's history runs 1..N, N its revision */
  KES_VERIFY_ACCESS_LOG,  /* the chain: each entry follows on from the one before */
  KES_VERIFY_REVISIONS,   /* every revision against the hashes its entry recorded */
  KES_VERIFY_PROJECTIONS, /* display tables rebuilt from each record's latest revision */
  KES_VERIFY_ANCHORS,     /* signed heads kept outside the file agree with the chain */
  KES_VERIFY_N_PARTS
} KesVerifyPart;

typedef enum
{
  KES_VERIFY_PART_FILE        = 1 << KES_VERIFY_FILE,
  KES_VERIFY_PART_GUARDS      = 1 << KES_VERIFY_GUARDS,
  KES_VERIFY_PART_RECORDS     = 1 << KES_VERIFY_RECORDS,
  KES_VERIFY_PART_REVISIONS   = 1 << KES_VERIFY_REVISIONS,
  KES_VERIFY_PART_ACCESS_LOG  = 1 << KES_VERIFY_ACCESS_LOG,
  KES_VERIFY_PART_PROJECTIONS = 1 << KES_VERIFY_PROJECTIONS,
  KES_VERIFY_PART_ANCHORS     = 1 << KES_VERIFY_ANCHORS,
  /* What every backup is checked for after writing: the copy is whole and
   * its history and access log verify. */
  KES_VERIFY_COPY = KES_VERIFY_PART_FILE | KES_VERIFY_PART_GUARDS | KES_VERIFY_PART_RECORDS |
                    KES_VERIFY_PART_REVISIONS | KES_VERIFY_PART_ACCESS_LOG,
  KES_VERIFY_ALL = (1 << KES_VERIFY_N_PARTS) - 1,
  /* Not a part: the database is a copy from earlier (a backup about to be
   * restored), so anchors of entries past its end belong to history made
   * after it, not to a truncation. Anchors within it must still agree. */
  KES_VERIFY_EARLIER_COPY = 1 << 16,
} KesVerifyParts;

typedef struct _KesVerifyReport KesVerifyReport;

void             kes_verify_report_free          (KesVerifyReport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesVerifyReport, kes_verify_report_free)

/* Whether @part ran. */
gboolean         kes_verify_report_ran           (KesVerifyReport *self,
                                                  KesVerifyPart    part);
/* How many things @part checked (entries, revisions, rows, anchors …). */
guint64          kes_verify_report_get_checked   (KesVerifyReport *self,
                                                  KesVerifyPart    part);
/* How many problems @part found, and the first, in plain words (NULL when
 * none). */
guint            kes_verify_report_get_problems  (KesVerifyReport *self,
                                                  KesVerifyPart    part);
const char      *kes_verify_report_get_first     (KesVerifyReport *self,
                                                  KesVerifyPart    part);
/* What @part could not check without a key this computer lacks (NULL when
 * nothing): "cannot be verified without the installation key (id …)". */
const char      *kes_verify_report_get_unverified (KesVerifyReport *self,
                                                   KesVerifyPart    part);
/* Things worth knowing that are not problems (a restore that rolled history
 * back past an anchor), in plain words; may be empty. */
const char * const *kes_verify_report_get_notices (KesVerifyReport *self);
/* Some part found a problem (a key it lacked is not one). */
gboolean         kes_verify_report_has_problems  (KesVerifyReport *self);
/* No part found a problem or lacked a key. */
gboolean         kes_verify_report_is_intact     (KesVerifyReport *self);
/* Some part could not be verified for lack of a key (and found nothing
 * else wrong). */
gboolean         kes_verify_report_needs_key     (KesVerifyReport *self);
/* One part in plain words: "27,782 revisions; ok", "…; 2 problems, the
 * first: …", or NULL when it did not run. */
char            *kes_verify_report_part_text     (KesVerifyReport *self,
                                                  KesVerifyPart    part);
/* "ok: the database is intact", or what kind of failure. */
char            *kes_verify_report_verdict       (KesVerifyReport *self);
/* The report as lines of plain words: what was checked and how many of
 * each, the first problem in each part, then the verdict. */
char            *kes_verify_report_to_text       (KesVerifyReport *self);
/* The first problem of every part, in order (for callers that only want to
 * know what is wrong): an array of strings, empty when intact. */
GPtrArray       *kes_verify_report_list_problems (KesVerifyReport *self);
/* "Access log", "Display tables" …: a part's name for people. */
const char      *kes_verify_part_label           (KesVerifyPart    part);

/* How far a full check has got, as one fraction across its parts (each
 * weighted by the time it takes on a large database), and which part a
 * fraction falls in: for a single progress bar. */
double           kes_verify_progress_fraction    (KesVerifyPart    part,
                                                  guint64          done,
                                                  guint64          total);
KesVerifyPart    kes_verify_part_at              (double           fraction);

/* Progress: @done of @total steps of @part (totals are estimates). Called
 * on the thread that runs the check. */
typedef void (*KesVerifyProgress) (KesVerifyPart part,
                                   guint64       done,
                                   guint64       total,
                                   gpointer      user_data);

/* Checks @parts of @store's database. @anchor_files: anchors kept elsewhere
 * (anchor files, journal exports, plain backups), checked beside the ones
 * this installation keeps; NULL for none. Needs the view-audit permission.
 * Returns NULL only when the check itself could not run (@error set);
 * whatever it finds is in the report. Cancellable between steps. */
KesVerifyReport *kes_store_verify_parts          (KesStore            *store,
                                                  KesVerifyParts       parts,
                                                  const char * const  *anchor_files,
                                                  KesVerifyProgress    progress,
                                                  gpointer             user_data,
                                                  GCancellable        *cancellable,
                                                  GError             **error);

/* What the app runs when a database opens, in well under a second whatever
 * its size: the append-only rules, the key, the last entry's hash, and the
 * newest anchor this installation holds against the chain. */
KesVerifyReport *kes_store_verify_quick          (KesStore            *store,
                                                  GError             **error);

/* ---- Anchors (kes-anchor.h) ---- */

/* Anchors the access log's head: signed, to the anchor file and the system
 * journal, and with @into_database also into the database itself (a backup
 * then carries it). @reason: "backup", "sign-out" or "close". Without
 * @into_database nothing is written when the head has not moved since this
 * store last anchored it. */
gboolean         kes_store_anchor                (KesStore            *store,
                                                  const char          *reason,
                                                  gboolean             into_database,
                                                  GError             **error);

/* ---- The append-only rules ---- */

/* The rules that are missing or altered, for people ("audit_no_delete,
 * revision_no_update"), or "" when all are in place. While one is, the
 * store refuses every change to records (only access-log entries, such as
 * sign-ins and views, are still written). */
char            *kes_store_get_missing_guards    (KesStore            *store,
                                                  GError             **error);
/* Puts every missing or altered rule back as Kestrel wrote it and removes
 * triggers that do not belong on the log or the history. Needs an
 * administrator (the backup permission); logged as "guards-restored"
 * naming the rules. *@restored (may be NULL): what was put back, "" when
 * nothing was missing. */
gboolean         kes_store_restore_guards        (KesStore            *store,
                                                  char               **restored,
                                                  GError             **error);

G_END_DECLS
