/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-document.h"
#include "kes-record-archive.h"

G_BEGIN_DECLS

/* A kind of kes_store_record_kinds() in words ("Care plans"). */
const char *kes_report_sar_kind_label (const char  *kind);
/* "Other records": each kind under a heading, each record with its
 * history (KesArchivedRecord of KES_ARCHIVE_OTHER, in case-record order). */
void        kes_report_sar_add_others (KesDocument *document,
                                       GPtrArray   *others);

G_END_DECLS
