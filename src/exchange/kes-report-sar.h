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

/* Other people in the record, for the redaction step. */
typedef enum
{
  KES_SAR_THIRD_CARER,   /* a carer linked to the patient: their own records */
  KES_SAR_THIRD_VICTIMS, /* what the legal status and conditions say about victims */
  KES_SAR_THIRD_PATIENT, /* another patient named in what was written */
} KesSarThirdKind;

typedef struct
{
  KesSarThirdKind  kind;
  char            *id;        /* the carer's record, "victims", or the other patient's id */
  char            *name;      /* "Grace Okafor (carer)" */
  char            *what;      /* what withholding takes out, in words */
  char            *found_as;  /* a name as written in the record, replaced when withheld, or NULL */
  gboolean         include;   /* the decision: TRUE to include */
  char            *reason;    /* why, in the clinician's words (required) */
} KesSarThirdParty;

void         kes_sar_third_party_free          (KesSarThirdParty *party);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesSarThirdParty, kes_sar_third_party_free)

/* The other people in @patient_id's record, for a clinician to include or
 * withhold before a subject access export (KesSarThirdParty, withheld and
 * without a reason to start with). Needs the export permission. */
GPtrArray   *kes_report_subject_access_third_parties (KesStore   *store,
                                                      const char *patient_id,
                                                      GError    **error);

/* Everything held about a patient, for reading: the register and its
 * history, every contact and note (entered-in-error ones included, marked)
 * with theirs, and the staff named. */
KesDocument *kes_report_subject_access        (KesStore      *store,
                                               const char    *patient_id,
                                               GError       **error);

/* Writes into @folder (made if missing): the document as PDF and as XML,
 * the case record as XML with every revision, the two schemas, and last a
 * manifest listing each file with its size and SHA-256, what was included,
 * and each third party with the decision and its reason. @decisions are
 * the clinician's (KesSarThirdParty from
 * kes_report_subject_access_third_parties, each with a reason); a third
 * party found that they do not cover, or every one when @decisions is
 * NULL (an export from the command line), is withheld and says so. Every
 * file is written beside its name and renamed into place. Needs the export
 * permission; the export is written to the access log. */
gboolean     kes_report_subject_access_export (KesStore      *store,
                                               const char    *patient_id,
                                               const char    *folder,
                                               GPtrArray     *decisions,
                                               GCancellable  *cancellable,
                                               GError       **error);

G_END_DECLS
