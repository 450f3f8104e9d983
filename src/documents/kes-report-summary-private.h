/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-document.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Adds the "Medication monitoring" section to the patient summary (left out
 * when nothing is recorded or due, or when the actor may not read clinical
 * records); FALSE with @error when the store can't be read. */
gboolean kes_report_summary_add_monitoring (KesDocument  *document,
                                            KesStore     *store,
                                            KesPatient   *patient,
                                            GError      **error);

G_END_DECLS
