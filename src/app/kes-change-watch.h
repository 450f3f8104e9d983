/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kes-context.h"

G_BEGIN_DECLS

/* Keeps a page in step with the records it shows: it subscribes to its
 * context's "changed" (KesStore::changed, after commit) through a
 * GSignalGroup, asks the page whether a change concerns it, and has the
 * page refresh once, when idle, however many changes came together. A page
 * that is not on screen is only marked stale and refreshes when it is next
 * shown, so saves elsewhere (autosaves included) cost it nothing. A page
 * shown again after another program committed to the file (no signal says
 * so) refreshes too (kes_store_get_outside_version()). */

/* Whether the change concerns what @owner shows. @kind is NULL when too
 * many records changed to list (then everything does). */
typedef gboolean (*KesChangeFilter)  (GtkWidget  *owner,
                                      const char *kind,
                                      const char *record_id,
                                      const char *patient_id);
typedef void     (*KesChangeRefresh) (GtkWidget  *owner);

typedef struct _KesChangeWatch KesChangeWatch;

/* @owner is not referenced: free the watch in its dispose. */
KesChangeWatch *kes_change_watch_new          (GtkWidget        *owner,
                                               KesChangeFilter   filter,
                                               KesChangeRefresh  refresh);
void            kes_change_watch_free         (KesChangeWatch   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesChangeWatch, kes_change_watch_free)
void            kes_change_watch_set_context  (KesChangeWatch   *self,
                                               KesContext       *context);
typedef enum
{
  /* Refresh when idle if on screen, else when next shown (the default):
   * for what any save may change (Today). */
  KES_CHANGE_WATCH_WHEN_SHOWN,
  /* Refresh when idle, on screen or not: for a list that must be right
   * the moment it is shown again (the caseload after a register edit). */
  KES_CHANGE_WATCH_WHEN_IDLE,
  /* Refresh at once, on screen or not: for one patient's short lists and
   * header, which show a save the moment it returns. */
  KES_CHANGE_WATCH_AT_ONCE,
} KesChangeWatchMode;

void            kes_change_watch_set_mode     (KesChangeWatch     *self,
                                               KesChangeWatchMode  mode);
/* Whether a change came that the page has not shown yet. */
gboolean        kes_change_watch_is_stale     (KesChangeWatch   *self);
/* Whether a refresh is queued (the page is about to load again). */
gboolean        kes_change_watch_is_pending   (KesChangeWatch   *self);
/* The page refreshed by itself (a reload the user asked for). */
void            kes_change_watch_mark_fresh   (KesChangeWatch   *self);

/* Filters most pages need. */
gboolean        kes_change_is_kind            (const char       *kind,
                                               const char * const *kinds);

G_END_DECLS
