/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-uuid"

#include "config.h"

#include "kes-uuid.h"

/* Keys are text UUIDs so records can move between databases; random
 * (version 4) ones scattered every insert over every B-tree that holds an
 * id, so a large database spent its time reading index pages back from
 * disk. Time-ordered ids append instead. Nothing in Kestrel reads the time
 * back out of an id: it only orders them. */

static GMutex lock;
static guint64 last_ms;
static guint counter; /* 12 bits: the "rand_a" field, used as a counter */

char *
kes_uuid_new (void)
{
  guint64 now_ms = (guint64) g_get_real_time () / 1000;
  guint64 ms;
  guint sequence;
  guint32 r1 = g_random_int ();
  guint32 r2 = g_random_int ();

  g_mutex_lock (&lock);
  if (now_ms > last_ms)
    {
      last_ms = now_ms;
      /* Start low in the range, leaving room to count within the millisecond. */
      counter = g_random_int_range (0, 0x400);
    }
  else if (++counter > 0xfff)
    {
      /* More than the counter holds in one millisecond (or the clock went
       * back): borrow the next millisecond rather than repeat an id. */
      last_ms++;
      counter = 0;
    }
  ms = last_ms & G_GUINT64_CONSTANT (0xffffffffffff);
  sequence = counter;
  g_mutex_unlock (&lock);

  /* time_high-time_mid-version+counter-variant+random-random */
  return g_strdup_printf ("%08x-%04x-7%03x-%04x-%04x%08x",
                          (guint32) (ms >> 16), (guint) (ms & 0xffff), sequence,
                          0x8000 | (r1 & 0x3fff), (r1 >> 16) & 0xffff, r2);
}
