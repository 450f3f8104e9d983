/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-record-archive.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* A patient's whole record from the store: every revision of the register,
 * of every contact and of every note (entered-in-error ones included), the
 * staff who wrote them or are named in the register, and the teams. The
 * export time comes from kes_clock, so a fixed clock gives fixed bytes. */
KesRecordArchive *kes_record_export_archive (KesStore     *store,
                                             const char   *patient_id,
                                             GError      **error);
/* The archive as case-record XML, checked against the schema. Needs the
 * export permission; every export is written to the access log. */
GBytes           *kes_record_export_bytes   (KesStore     *store,
                                             const char   *patient_id,
                                             GError      **error);
/* Writes a temporary file beside @path and renames it into place. */
gboolean          kes_record_export_file    (KesStore     *store,
                                             const char   *patient_id,
                                             const char   *path,
                                             GError      **error);

G_END_DECLS
