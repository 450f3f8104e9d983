/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-document.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Shared by the report builders (store → KesDocument). */

/* A document about @patient: identity on every page, the signed-in member
 * of staff as author, created now (kes_clock). */
KesDocument *kes_report_new_document      (KesStore    *store,
                                           KesPatient  *patient,
                                           const char  *type_id,
                                           const char  *title);
/* @value, or "Not recorded" when it is empty. */
const char  *kes_report_or_not_recorded   (const char  *value);
/* "Section 37 with section 41 restrictions" for a code in a code list; the
 * code itself when the list lacks it; NULL for an empty code. */
char        *kes_report_code_label        (const char  *list_name,
                                           const char  *code);
/* "Alice Adeyemi, Care coordinator" for a staff id; NULL when empty. */
char        *kes_report_staff_name        (KesStore    *store,
                                           const char  *staff_id);
/* "21 Nov 2026" and "21 Nov 2026 09:00", "" for empty input. */
char        *kes_report_date              (const char  *iso_date);
char        *kes_report_time              (const char  *iso_time);
/* A label for any field key of a patient, contact or note. */
const char  *kes_report_field_label       (const char  *key);
/* A table of @revisions (KesRevision, oldest first): when, who, what kind
 * of change and why, and what changed. */
void         kes_report_add_history       (KesDocument *document,
                                           KesStore    *store,
                                           const char  *kind,
                                           GPtrArray   *revisions);

G_END_DECLS
