/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-document.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* What a subject access export folder holds. */
#define KES_SAR_PDF_NAME      "subject-access.pdf"
#define KES_SAR_XML_NAME      "subject-access.xml"
#define KES_SAR_RECORD_NAME   "case-record.xml"
#define KES_SAR_MANIFEST_NAME "manifest.txt"
#define KES_SAR_LETTERS_NAME  "letters" /* a folder: letters attached to referrals */

/* Everything held about a patient, for reading: the register and its
 * history, every contact and note (entered-in-error ones included, marked)
 * with theirs, and the staff named. */
KesDocument *kes_report_subject_access        (KesStore      *store,
                                               const char    *patient_id,
                                               GError       **error);

/* Writes into @folder (made if missing): the document as PDF and as XML,
 * the case record as XML with every revision, the two schemas, and last a
 * manifest listing each file with its size and SHA-256 and what was
 * included. Every file is written beside its name and renamed into place.
 * Needs the export permission; the export is written to the access log. */
gboolean     kes_report_subject_access_export (KesStore      *store,
                                               const char    *patient_id,
                                               const char    *folder,
                                               GCancellable  *cancellable,
                                               GError       **error);

G_END_DECLS
