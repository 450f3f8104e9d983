/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The redaction step of a subject access export: @parties (KesSarThirdParty
 * of kes_report_subject_access_third_parties) listed, each to include or
 * withhold (withheld to start with) with a reason, which the manifest
 * records. Going on needs a reason for every one. @callback gets the
 * decisions (the same array, filled in; take a reference to keep it), or
 * NULL when cancelled. The dialog takes @parties. */
typedef void (*KesSarRedactionCallback) (GPtrArray *decisions,
                                         gpointer   user_data);

GtkWidget *kes_sar_redaction_ask (GtkWindow               *parent,
                                  GPtrArray               *parties,
                                  KesSarRedactionCallback  callback,
                                  gpointer                 user_data);

G_END_DECLS
