/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* What every page and view of the app needs, in one object owned by the
 * application: the store (the database, and through it who is signed in),
 * the settings and the clock. Widgets take it as their "context" property
 * instead of being handed each piece through setters.
 *
 * The context re-emits its store's "changed" as its own "changed" (same
 * arguments: kind, record id, patient id; see kes-store.h), so that a page
 * subscribes once and keeps its subscription when the database is swapped
 * (a restored backup, File → Open). */
#define KES_TYPE_CONTEXT (kes_context_get_type ())
G_DECLARE_FINAL_TYPE (KesContext, kes_context, KES, CONTEXT, GObject)

/* @settings may be NULL (the schema is not installed: tests). */
KesContext *kes_context_new          (KesStore   *store,
                                      GSettings  *settings);
/* The open database, or NULL before one is open. */
KesStore   *kes_context_get_store    (KesContext *self);
void        kes_context_set_store    (KesContext *self,
                                      KesStore   *store);
GSettings  *kes_context_get_settings (KesContext *self);
/* The person signed in to the store, or NULL. */
KesStaff   *kes_context_get_actor    (KesContext *self);
/* The clock (kes-clock.h): today's date and now, as core sees them. */
GDate      *kes_context_dup_today    (KesContext *self);
char       *kes_context_dup_now_iso  (KesContext *self);

G_END_DECLS
