/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-document.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Shows @document in a preview window with Save As… and Print. The export
 * permission was checked when the document was built
 * (kes_report_risk_assessment). */
void kes_risk_export_preview (GtkWidget   *parent,
                              KesStore    *store,
                              const char  *patient_id,
                              KesDocument *document);
/* Asks where to save and writes @document as schema-checked XML; the export
 * is written to the access log. */
void kes_risk_export_xml     (GtkWidget   *parent,
                              KesStore    *store,
                              const char  *patient_id,
                              KesDocument *document);
/* Asks for a definition file and imports it (administrators): a file that
 * does not validate changes nothing and the error names its line. Calls
 * @done with the parent when something was imported. */
void kes_risk_import_definition (GtkWidget *parent,
                                 KesStore  *store,
                                 GCallback  done);

G_END_DECLS
