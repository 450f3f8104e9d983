/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-record-import.h"

G_BEGIN_DECLS

/* Every rule a clinician meets in a form, applied to a case record before
 * any of it is written (kes-record-import-rules.c): each revision of the
 * register through kes_patient_validate() and in the form the store keeps,
 * contacts and notes through their own validation, every text within the
 * length table (kes-field-limits.h), an NHS number held by another patient
 * refused, and no revision dated after the moment of import, before the
 * revision it follows, before the patient's register was made or before
 * the patient was born. The message names the record, the revision, the
 * field and the problem; the caller adds where the record is in the file. */
gboolean kes_record_import_check_rules (KesStore          *store,
                                        KesRecordArchive  *archive,
                                        GError           **error);

/* kes-record-import-links.c: the rules between the file's records, as
 * the store applies them on a save: a carers' record names a carer (in the
 * file, or held here), one open link and one consent record a patient–carer
 * pair (with those held here when @merging), a share within the consent
 * revision it relied on, and signposting hung on a referral turned away or
 * a screening whose outcome was signposting, in the file, not dated before
 * it. Carers' records need edit-carers. */
gboolean kes_record_import_check_links (KesStore          *store,
                                        KesRecordArchive  *archive,
                                        gboolean           merging,
                                        GError           **error);

/* Sets @error to "Revision @number of @what: @problem" (a refusal of the
 * import naming the record) and returns FALSE. */
gboolean kes_record_import_refuse      (GError           **error,
                                        const char        *what,
                                        gint64             number,
                                        const char        *problem);

/* kes-record-import-kinds.c: the problems (KesIssue) a revision of
 * another kind of record has as its own form judges it (a referral's area
 * against @catchment, the areas of the database it goes into), NULL with @error
 * when its data can't be read. */
GPtrArray *kes_record_import_validate_other (const char          *kind,
                                             const char          *patient_id,
                                             const char          *json,
                                             const GDate         *on,
                                             const KesCatchment  *catchment,
                                             GError             **error);

G_END_DECLS
