/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preloaded into backup-writer by test-backup-crash (LD_PRELOAD): every
 * link(), which is how a finished backup or restored database takes its
 * name after its access-log entry is written, first waits
 * KES_SLOW_NAMING_US microseconds. That holds the moment between the entry
 * and the name open long enough for a SIGKILL to land in it. Test-only. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>

int
link (const char *from,
      const char *to)
{
  int (*real_link) (const char *, const char *);
  const char *wait = getenv ("KES_SLOW_NAMING_US");

  *(void **) (&real_link) = dlsym (RTLD_NEXT, "link");
  if (wait != NULL)
    usleep ((useconds_t) atoi (wait));
  return real_link (from, to);
}
