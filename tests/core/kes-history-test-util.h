/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-installation-key.h"
#include "kes-store.h"
#include "kes-verify.h"

G_BEGIN_DECLS

/* Tampering with a database as someone with the file and the sqlite3 shell
 * would, and checking that `verify` names what was done. */

/* The demo database the tampering tests start from, made once per process
 * in a folder of its own: 30 demo patients, a note corrected with a reason,
 * a contact entered in error, a backup made (its anchor kept in the file)
 * and its head anchored as when a program closes. Closed. */
const char      *kes_history_test_template   (void);
/* The note that was corrected (revision 2, with a reason) and the contact
 * entered in error, in the template. */
const char      *kes_history_test_note_id    (void);
const char      *kes_history_test_contact_id (void);
/* A copy of the template as @dir/@name, with a copy of its anchor file as
 * @dir/anchors, which becomes $KESTREL_ANCHOR_FILE. */
char            *kes_history_test_copy       (const char  *dir,
                                              const char  *name);

/* Removes @dir and every file in it (databases included: call it once no
 * connection to them is open); kes_history_test_forget_template() removes
 * the template's. */
void             kes_history_test_remove_folder   (const char *dir);
void             kes_history_test_forget_template (void);

/* A test's own copy of the template (as @dir/copy.db, with its anchors). */
typedef struct
{
  char *dir;
  char *path;
} KesHistoryFixture;

void             kes_history_fixture_set_up    (KesHistoryFixture *fixture,
                                                gconstpointer      data);
void             kes_history_fixture_tear_down (KesHistoryFixture *fixture,
                                                gconstpointer      data);
/* kes_history_test_query() on the fixture's copy, @format printf-style. */
char            *kes_history_fixture_query     (KesHistoryFixture *fixture,
                                                const char        *format,
                                                ...) G_GNUC_PRINTF (2, 3);
/* An installation key of someone else's (an attacker's, or another
 * computer's): made in @dir/@name, this installation's key folder left as
 * it was. */
KesInstallationKey *kes_history_test_other_key (const char        *dir,
                                                const char        *name);

/* Runs @sql on the closed file @path through SQLite directly, after
 * dropping every append-only trigger; with @put_rules_back the triggers are
 * then created again exactly as they were, as a careful attacker would. */
void             kes_history_test_tamper     (const char  *path,
                                              const char  *sql,
                                              gboolean     put_rules_back);
/* The first column of the first row @sql returns, read from @path directly
 * (NULL when none). */
char            *kes_history_test_query      (const char  *path,
                                              const char  *sql);
/* Renumbers the access log of the closed file @path from 1 and hashes the
 * chain again as an attacker with the source code can: with @key (the
 * attacker's own installation key) or, without, with the unkeyed SHA-256 of
 * the entries from before the chain was keyed. With @keep_key_ids each
 * entry keeps the key id it had (only the hash is the attacker's); with
 * @last_seq > 0 only entries up to it are rewritten (not renumbered). */
void             kes_history_test_rehash     (const char         *path,
                                              KesInstallationKey *key,
                                              gboolean            keep_key_ids,
                                              gint64              last_seq);
/* Deletes a patient from the closed file @path as someone with the sqlite3
 * shell would: every record of theirs, its revisions and display rows, and
 * the access-log entries about them (the chain is left broken). */
void             kes_history_test_delete_patient (const char *path,
                                                  const char *patient_id);

/* Opens @path with the tester as the actor. */
KesStore        *kes_history_test_open       (const char  *path);
/* The full check, run as the tester. */
KesVerifyReport *kes_history_test_verify     (KesStore            *store,
                                              const char * const  *anchor_files);
/* @part found a problem whose first report holds every one of @fragments. */
void             kes_history_test_assert_found (KesVerifyReport     *report,
                                                KesVerifyPart        part,
                                                const char * const  *fragments);
/* @text holds every one of @fragments. */
void             kes_history_test_assert_says  (const char          *text,
                                                const char * const  *fragments);

G_END_DECLS
