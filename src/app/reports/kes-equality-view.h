/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_EQUALITY_VIEW (kes_equality_view_get_type ())
G_DECLARE_FINAL_TYPE (KesEqualityView, kes_equality_view, KES, EQUALITY_VIEW, GtkWidget)

/* The equality monitoring (PCREF) report in the Reports area, for those
 * core lets run it (export or view-audit: report writers, team managers,
 * administrators): choose a period, preview the PDF (Save As and Print
 * checked and logged by the preview), save CSV or XML (checked and logged
 * here). Everyone else sees core's refusal. */
GtkWidget *kes_equality_view_new        (void);
void       kes_equality_view_set_store  (KesEqualityView  *self,
                                         KesStore         *store);
/* What the period entries hold (dd/mm/yyyy or YYYY-MM-DD). */
void       kes_equality_view_set_period (KesEqualityView  *self,
                                         const char       *from,
                                         const char       *to);
/* Counts the report for the period in a worker on its own connection and
 * shows it in the preview when done; FALSE (and the message shown at once)
 * when a date is wrong, the period is backwards or core refuses. */
gboolean   kes_equality_view_show       (KesEqualityView  *self);
/* What Save CSV… and Save XML… do once a file is chosen: writes the
 * report as shown (no second count) as @format "csv" or "xml", after
 * checking the permission again; the export is written to the access log. */
gboolean   kes_equality_view_save       (KesEqualityView  *self,
                                         const char       *format,
                                         const char       *path,
                                         GError          **error);

G_END_DECLS
