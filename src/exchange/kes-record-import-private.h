/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-record-import.h"

G_BEGIN_DECLS

/* kes_record_import_archive() for a caller that holds one transaction for
 * a whole import (kes-record-database.c) and rolls all of it back on any
 * failure: no savepoint a patient or a record, and the permission checks
 * are the caller's. Adds to @summary. */
gboolean kes_record_import_apply_in_transaction (KesStore                *store,
                                                 KesRecordArchive        *archive,
                                                 KesRecordImportFlags     flags,
                                                 KesRecordImportSummary  *summary,
                                                 GError                 **error);

G_END_DECLS
