/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "kes-crash-util.h"

void
kes_crash_read_all (int      fd,
                    GString *text)
{
  char buffer[4096];

  for (;;)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n > 0)
        g_string_append_len (text, buffer, n);
      else if (n < 0 && errno == EINTR)
        continue;
      else
        break;
    }
}
