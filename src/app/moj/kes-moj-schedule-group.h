/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-moj.h"

G_BEGIN_DECLS

/* The "Report Schedule" group of the Legal & MoJ tab: every routine report
 * due since the conditional discharge in @status, sent, late (with the
 * late notice's reason) or due (kes_moj_schedule_list). @reports and
 * @late_notices are the patient's records. NULL when @status is not a
 * conditional discharge in force. */
GtkWidget *kes_moj_schedule_group_new (KesMojRecord *status,
                                       GListModel   *reports,
                                       GListModel   *late_notices);

G_END_DECLS
