/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new record id: an RFC 9562 version 7 UUID ("0193…-…-7…-…-…"), a 48-bit
 * Unix time in milliseconds followed by random bits. Ids from one process
 * are strictly increasing (a counter orders those made within the same
 * millisecond), so new rows land at the end of every index keyed by id
 * instead of on a random page. Thread-safe. */
char *kes_uuid_new (void);

G_END_DECLS
