/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-document.h"
#include "kes-permissions.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Shows a document as the PDF it will be: rendered with Poppler in a
 * worker thread, page by page, with page navigation, zoom, Save As… and
 * Print. Nothing is written to disk until the user saves. */
#define KES_TYPE_REPORT_PREVIEW (kes_report_preview_get_type ())
G_DECLARE_FINAL_TYPE (KesReportPreview, kes_report_preview, KES, REPORT_PREVIEW, AdwBin)

GtkWidget   *kes_report_preview_new          (void);
/* Renders @document (NULL clears the preview). */
void         kes_report_preview_set_document (KesReportPreview *self,
                                              KesDocument      *document);
KesDocument *kes_report_preview_get_document (KesReportPreview *self);
guint        kes_report_preview_get_n_pages  (KesReportPreview *self);
/* 0-based. */
guint        kes_report_preview_get_page     (KesReportPreview *self);
void         kes_report_preview_set_page     (KesReportPreview *self,
                                              guint             page);
double       kes_report_preview_get_zoom     (KesReportPreview *self);
void         kes_report_preview_set_zoom     (KesReportPreview *self,
                                              double            zoom);
/* The rendered PDF, or NULL while it is being made. */
GBytes      *kes_report_preview_get_pdf      (KesReportPreview *self);
/* Writes the rendered PDF to @path (temporary file and rename), in a
 * worker thread, then emits "saved" (path). With an audit store set, the
 * export permission is checked first and the export is logged. */
void         kes_report_preview_save_async   (KesReportPreview    *self,
                                              const char          *path,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     kes_report_preview_save_finish  (KesReportPreview    *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* Save and Print of a patient's document: core checks the export
 * permission of @store's actor for @patient_id before anything leaves the
 * program, and each save or print is written to the access log with @what
 * ("patient summary (PDF)": never clinical content). NULL @store: neither. */
void         kes_report_preview_set_audit    (KesReportPreview    *self,
                                              KesStore            *store,
                                              const char          *patient_id,
                                              const char          *what);
/* The permission Save and Print need (KES_PERMISSION_EXPORT unless set):
 * a carer's own documents need KES_PERMISSION_EXPORT_CARER_DOCUMENTS. */
void         kes_report_preview_set_permission (KesReportPreview  *self,
                                                KesPermission      permission);

G_END_DECLS
