/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Progress from a worker thread to the main loop. Core reports how far a
 * job has got from the thread it runs in (a KesProgressFunc); the relay
 * keeps only the latest figure and hands it to @func in the main loop, once
 * per idle, however often the worker reports. */
typedef struct _KesProgressRelay KesProgressRelay;

typedef void (*KesProgressRelayFunc) (double   fraction,
                                      gpointer user_data);

/* In the main thread. @func gets the figures until kes_progress_relay_stop(). */
KesProgressRelay *kes_progress_relay_new    (KesProgressRelayFunc  func,
                                             gpointer              user_data);
KesProgressRelay *kes_progress_relay_ref    (KesProgressRelay     *relay);
void              kes_progress_relay_unref  (KesProgressRelay     *relay);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesProgressRelay, kes_progress_relay_unref)

/* From any thread; @relay is the KesProgressRelay (a KesProgressFunc). */
void              kes_progress_relay_report (double                fraction,
                                             gpointer              relay);
/* In the main thread: nothing more reaches @func (its owner is going). */
void              kes_progress_relay_stop   (KesProgressRelay     *relay);

G_END_DECLS
