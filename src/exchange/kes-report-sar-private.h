/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-document.h"
#include "kes-record-archive.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* A kind of kes_store_record_kinds() in words ("Care plans"). */
const char *kes_report_sar_kind_label (const char  *kind);
/* "Other records": each kind under a heading, each record with its
 * history (KesArchivedRecord of KES_ARCHIVE_OTHER, in case-record order). */
void         kes_report_sar_add_others  (KesDocument *document,
                                         KesStore    *store,
                                         GPtrArray   *others);

/* ---- The redaction step (kes-report-sar-redaction.c) ---- */
/* Other people found in @archive (KesSarThirdParty, withheld, no reason). */
GPtrArray   *kes_report_sar_third_parties      (KesStore          *store,
                                                KesRecordArchive  *archive,
                                                GError           **error);
/* Applies @parties' decisions to @archive; refused when one has no reason. */
gboolean     kes_report_sar_redact             (KesRecordArchive  *archive,
                                                GPtrArray         *parties,
                                                GError           **error);
/* The manifest's "Third-party information": each decision and its reason. */
void         kes_report_sar_describe_decisions (GString           *manifest,
                                                GPtrArray         *parties);

G_END_DECLS
