/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-moj.h"

G_BEGIN_DECLS

/* The top of an urgent report's form: what prompted it (the trigger chosen
 * when it was started), what happened, when, and what has been done, which
 * Part A needs before it is ready (kes_moj_report_check_trigger). The
 * editors are named "trigger_what", "trigger_when" and "trigger_action". */
GtkWidget *kes_moj_trigger_box_new   (KesMojRecord *report);
/* Copies what is typed into @report (a date typed DD/MM/YYYY is kept as
 * YYYY-MM-DD once it is one). */
void       kes_moj_trigger_box_apply (GtkWidget    *box,
                                      KesMojRecord *report);

G_END_DECLS
