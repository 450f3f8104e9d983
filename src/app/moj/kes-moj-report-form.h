/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-report-moj.h"

G_BEGIN_DECLS

/* The Ministry of Justice report form, generated from the template the
 * report is pinned to: each part with its headings and fields, prefilled
 * values marked "From the record" (editable; the mark goes when the value
 * is changed), each part's state with Mark Ready and Sign, and Save,
 * Preview (PDF through the report engine) and Submit. Rules are core's:
 * the form shows what core allows and says why when it refuses. Emits
 * "changed" after anything is saved. */
#define KES_TYPE_MOJ_REPORT_FORM (kes_moj_report_form_get_type ())
G_DECLARE_FINAL_TYPE (KesMojReportForm, kes_moj_report_form, KES, MOJ_REPORT_FORM, AdwWindow)

KesMojReportForm *kes_moj_report_form_new          (GtkWindow         *parent,
                                                    KesStore          *store,
                                                    KesMojRecord      *report,
                                                    GError           **error);
KesMojRecord     *kes_moj_report_form_get_report   (KesMojReportForm  *self);
/* The editor of a field (GtkEntry, GtkTextView or GtkDropDown), or NULL;
 * a compliance table's cells by their value ids
 * (kes_moj_compliance_key). */
GtkWidget        *kes_moj_report_form_get_editor   (KesMojReportForm  *self,
                                                    const char        *field_id);
/* Whether the field's "From the record" mark shows. */
gboolean          kes_moj_report_form_is_marked    (KesMojReportForm  *self,
                                                    const char        *field_id);
/* The part's state as shown ("Draft", "Signed", "Altered after signing"…). */
const char       *kes_moj_report_form_get_part_state_text (KesMojReportForm *self,
                                                           const char       *part_id);
gboolean          kes_moj_report_form_save         (KesMojReportForm  *self,
                                                    GError           **error);
/* Saves, then marks ready / signs as the signed-in user, with the
 * @password they typed again (the part's Sign button asks for it). */
gboolean          kes_moj_report_form_ready_part   (KesMojReportForm  *self,
                                                    const char        *part_id,
                                                    GError           **error);
gboolean          kes_moj_report_form_sign_part    (KesMojReportForm  *self,
                                                    const char        *part_id,
                                                    const char        *password,
                                                    GError           **error);
KesDocument      *kes_moj_report_form_build_document (KesMojReportForm *self,
                                                      GError          **error);
/* Writes the report as schema-checked XML to @path (Save XML… asks where)
 * and records the export in the access log. */
gboolean          kes_moj_report_form_save_xml     (KesMojReportForm  *self,
                                                    const char        *path,
                                                    GError           **error);

G_END_DECLS
