/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store.h"

G_BEGIN_DECLS

/* Contacts and notes in a patient's record, and searching the notes. */

/* ---- Contacts and notes ---- */
gboolean     kes_store_save_contact         (KesStore      *self,
                                             KesContact    *contact,
                                             KesChangeKind  change,
                                             const char    *reason,
                                             GError       **error);
/* Newest first; entered-in-error records included (marked) when @include_errors. */
GListModel  *kes_store_list_contacts        (KesStore      *self,
                                             const char    *patient_id,
                                             gboolean       include_errors,
                                             GError       **error);
/* Contacts in [from, to] (YYYY-MM-DD, inclusive, NULL for open-ended). */
guint        kes_store_count_contacts       (KesStore      *self,
                                             const char    *patient_id,
                                             const char    *from_date,
                                             const char    *to_date);
gboolean     kes_store_save_note            (KesStore      *self,
                                             KesNote       *note,
                                             KesChangeKind  change,
                                             const char    *reason,
                                             GError       **error);
GListModel  *kes_store_list_notes           (KesStore      *self,
                                             const char    *patient_id,
                                             gboolean       include_errors,
                                             GError       **error);

/* Full-text search over current notes (diacritics-insensitive; the last word
 * matches as a prefix; "quoted words" match as a phrase). Newest first, at
 * most @limit hits. */
GPtrArray   *kes_store_search_notes         (KesStore    *self,
                                             const char  *query,
                                             guint        limit,
                                             GError     **error);

G_END_DECLS
