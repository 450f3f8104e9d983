/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-field-record.h"
#include "kes-record-kind.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Signposting: pointing a person (or whoever referred them) to another
 * service without referring them there. Recorded for a liaison and
 * diversion screening whose outcome is signposting and for a referral
 * that was declined or redirected, each a revisioned record of its own.
 *
 * Fields: source_id (the screening or the referral), service_id (an entry
 * of the service directory, or empty), organisation (where to: the
 * directory entry's name on the day, set by the store, or the name typed
 * when the place is not in the directory), signposted_on, signposted_by (a
 * member of staff), given (KES_CODES_SIGNPOSTING_GIVEN, one or more) and
 * details (free text; needed when "other" is given).
 *
 * A referral's signposting belongs to the referral's patient, so its
 * permissions follow the patient's team; a screening's belongs to no
 * patient until the screening becomes a record, like the screening. */
#define KES_CODES_SIGNPOSTING_GIVEN "signposting-given"
#define KES_SIGNPOSTING_GIVEN_OTHER "other"

extern const KesRecordKind kes_signposting_kind;

KesFieldRecord *kes_signposting_new          (void);
/* The record's own rules, needing nothing else: the date not after @today
 * (for an import, the day the revision was written), details when "other"
 * was given. Adds KesIssue errors to @issues. Pure. */
void            kes_signposting_check        (KesFieldRecord  *signposting,
                                              const GDate     *today,
                                              GPtrArray       *issues);

/* Checks the fields and the source: an active screening with the outcome
 * signposting, or an active referral that has been declined or
 * redirected; the date not in the future and not before the screening or
 * the referral; the place a directory entry in use (its name becomes
 * "organisation") or a name typed; "signposted by" a member of staff. A change keeps the source
 * it was made for, and starts from the revision it was loaded at. Needs
 * edit-clinical (for a referral's, over the referral's patient). A refusal
 * leaves @signposting as it was. */
gboolean        kes_store_save_signposting   (KesStore        *store,
                                              KesFieldRecord  *signposting,
                                              GError         **error);
/* The active signposting records of a screening or referral, oldest
 * first. Needs view-clinical (over the referral's patient). */
GPtrArray      *kes_store_list_signposting   (KesStore        *store,
                                              const char      *source_id,
                                              GError         **error);
/* Whether signposting can be recorded for @source_id now: TRUE, or FALSE
 * with the reason in plain words (for the page to say why there is no
 * form). Needs view-clinical. */
gboolean        kes_store_can_signpost       (KesStore        *store,
                                              const char      *source_id,
                                              GError         **error);

G_END_DECLS
