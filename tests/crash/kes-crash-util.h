/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the crash tests share. */

/* Appends everything left to read on @fd (a killed child's pipe) to @text. */
void kes_crash_read_all (int      fd,
                         GString *text);

G_END_DECLS
