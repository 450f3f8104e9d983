/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store.h"

G_BEGIN_DECLS

/* The patient register and the caseload's rows. */

/* ---- Patients ---- */
/* What only the store can see wrong with @patient before it is saved, as
 * issues under their fields: an NHS number another active patient holds
 * (named, so the user can check they have the right person). Save refuses
 * the same; a form calls this beside kes_patient_validate() so the message
 * appears under the field. */
GPtrArray   *kes_store_check_patient        (KesStore      *self,
                                             KesPatient    *patient,
                                             GError       **error);
/* Validates and normalises @patient, then writes it: a new record when it
 * has no id, else a new revision on top of its revision. A stale revision
 * fails with KES_ERROR_CONFLICT naming who changed it and when; @patient is
 * then left as the caller had it. On success @patient carries its id and new
 * revision. @change is KES_CHANGE_EDIT or KES_CHANGE_CORRECTION (reason
 * required) for an existing record. */
gboolean     kes_store_save_patient         (KesStore      *self,
                                             KesPatient    *patient,
                                             KesChangeKind  change,
                                             const char    *reason,
                                             GError       **error);
/* Whether an active patient other than @except_id (may be NULL) has the
 * NHS number @nhs_digits (10 digits), in *@held: one person, one register
 * entry. *@holder_name is their display name when the actor may read their
 * register entry, NULL otherwise (a number typed or imported in one team
 * must not tell it who another team sees). The one check behind the
 * patient form (kes_store_check_patient), a save and an import. Needs
 * edit-identity (whoever writes the register). */
gboolean     kes_store_find_nhs_number_holder (KesStore    *self,
                                               const char  *nhs_digits,
                                               const char  *except_id,
                                               gboolean    *held,
                                               char       **holder_name,
                                               GError     **error);
KesPatient  *kes_store_load_patient         (KesStore      *self,
                                             const char    *id,
                                             GError       **error);
/* The id of an active patient other than @except_id called @given
 * @family (case-insensitive), or NULL: for finding other people named in
 * a record's text. Needs view-clinical; NULL with @error set when refused. */
char        *kes_store_find_patient_named   (KesStore      *self,
                                             const char    *given,
                                             const char    *family,
                                             const char    *except_id,
                                             GError       **error);
/* Accepts a UUID, an NHS number (any spacing) or an MHCS reference. */
KesPatient  *kes_store_find_patient         (KesStore      *self,
                                             const char    *key,
                                             GError       **error);
/* Only the record id for such a key, whatever the patient's team, to ask
 * for emergency access to it (kes_store_break_glass); needs break-glass. */
char        *kes_store_lookup_patient_id    (KesStore      *self,
                                             const char    *key,
                                             GError       **error);
guint        kes_store_count_patients       (KesStore      *self);

/* ---- Caseload rows (compact, for the caseload list) ---- */
/* Every active patient, in no particular order (the model sorts). */
GPtrArray   *kes_store_load_caseload_rows   (KesStore    *self,
                                             GError     **error);

G_END_DECLS
