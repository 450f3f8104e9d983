/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_ACCESS_LOG (kes_access_log_get_type ())
G_DECLARE_FINAL_TYPE (KesAccessLog, kes_access_log, KES, ACCESS_LOG, AdwBin)

/* The access log for those with view-audit: every entry, or one patient's
 * ("who has looked at this record"), newest first, filtered by dates,
 * action and user (and patient, in the global log), a page at a time in a
 * worker thread with "Load More", exported as CSV (the export is logged). */
GtkWidget *kes_access_log_new       (void);
/* @patient_id NULL for the whole log. Loads the first page. @store NULL
 * lets go of the database shown before and empties the log. */
void       kes_access_log_set_store (KesAccessLog *self,
                                     KesStore     *store,
                                     const char   *patient_id);
void       kes_access_log_reload    (KesAccessLog *self);
/* Entries shown now. */
guint      kes_access_log_get_n_shown (KesAccessLog *self);
/* Writes the entries shown to @file as CSV and logs the export. */
gboolean   kes_access_log_export    (KesAccessLog *self,
                                     GFile        *file,
                                     GError      **error);

/* "Signed in", "Account change" …: an access-log action as shown. */
const char *kes_access_log_action_label (const char *action);

G_END_DECLS
