/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "patient/kes-patient-page.h"

G_BEGIN_DECLS

/* The patient record's Export menu. Installs on the patient page:
 *   patient.export-summary  the patient summary in a preview window (Save As…, Print)
 *   patient.export-sar      a subject access export into a folder the user picks
 *   patient.export-record   the case record as XML into a file the user picks
 * Every export is built in a worker thread on its own store; core checks the
 * export permission and writes the access log. */
void       kes_patient_export_class_init (GtkWidgetClass *widget_class);

/* Whether the page's actor may export its patient (core decides) and the
 * page has a saved record to export (@available); sets the actions' enabled
 * state and shows @button only when they may. */
gboolean   kes_patient_export_update     (KesPatientPage *page,
                                          gboolean        available,
                                          GtkWidget      *button);

/* What the actions do once a file or folder is chosen (the tests call these
 * in place of the file chooser). The subject access export goes into a new
 * folder inside @parent_folder; the case record is written to @path. */
/* Export Subject Access…: the other people in the record to include or
 * withhold (kes-sar-redaction), then where to write, then the export. */
void       kes_patient_export_sar_review (KesPatientPage *page);
/* Writes the export into a new folder in @parent_folder with the
 * clinician's @decisions about third parties (NULL withholds each, saying
 * no one reviewed it). */
void       kes_patient_export_sar_to     (KesPatientPage *page,
                                          const char     *parent_folder,
                                          GPtrArray      *decisions);
void       kes_patient_export_record_to  (KesPatientPage *page,
                                          const char     *path);

G_END_DECLS
