/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-field-record.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* The service directory: teams, bases, office hours, general and urgent
 * numbers, out-of-hours crisis numbers by area, as used on crisis plans and
 * letters. Reference data, not clinical: kept current in place (every change
 * goes to the access log, and each entry counts its revisions) and edited by
 * staff with manage-directory.
 * National numbers come from data/services/national.tsv. */

#define KES_CODES_SERVICE_KIND "service-kind"

/* Fields: name, kind (service-kind), area ("" for every area), team_id,
 * address, office_hours, general_phone, urgent_phone, crisis_phone (out of
 * hours), email, notes. */
extern const KesRecordKind kes_service_kind;

KesFieldRecord *kes_service_new                 (void);

/* Services in use for @area: those of that area (case-insensitive) and
 * those for every area, by kind then name. @area NULL lists every service. */
GPtrArray      *kes_store_list_services         (KesStore        *store,
                                                 const char      *area,
                                                 GError         **error);
KesFieldRecord *kes_store_load_service          (KesStore        *store,
                                                 const char      *id,
                                                 GError         **error);
/* Adds (no id yet) or updates a service; needs manage-directory. At least
 * one phone number, and numbers written with digits, spaces and + ( ) -.
 * An update starts from the revision @service was loaded at
 * (kes_field_record_get_revision): if the entry has been changed since,
 * nothing is saved and KES_ERROR_CONFLICT names who changed it and when.
 * On success @service carries the new revision. */
gboolean        kes_store_save_service          (KesStore        *store,
                                                 KesFieldRecord  *service,
                                                 GError         **error);
/* The directory as an administrator edits it: entries whose name, area,
 * address, numbers or notes contain @text (case-insensitive; NULL or ""
 * for all), retired ones too when @include_retired (after those in use),
 * by kind then name. A retired entry comes back marked entered in error
 * (kes_field_record_get_state). */
GPtrArray      *kes_store_search_services       (KesStore        *store,
                                                 const char      *text,
                                                 gboolean         include_retired,
                                                 GError         **error);
/* Office hours as people write them, with the times as hours and minutes:
 * "Monday to Friday 09:00–17:00", "Mon–Fri 9:00 to 17:00, Sat 10:00-13:00",
 * "24 hours". Empty is allowed (not known). KES_ERROR_INVALID says what is
 * wrong, naming the field. kes_store_save_service() applies it. */
gboolean        kes_service_check_office_hours  (const char      *hours,
                                                 GError         **error);
/* Takes a service out of use (kept for the log); needs manage-directory.
 * Refused as a conflict, like a save, unless the entry is still at
 * @base_revision. */
gboolean        kes_store_withdraw_service      (KesStore        *store,
                                                 const char      *id,
                                                 gint64           base_revision,
                                                 GError         **error);
/* The areas named in the directory, sorted. */
GStrv           kes_store_list_service_areas    (KesStore        *store,
                                                 GError         **error);

/* Run by the migration that creates the directory: adds the national
 * numbers from the data file. */
gboolean        kes_store_seed_services         (KesStore        *store,
                                                 GError         **error);

G_END_DECLS
