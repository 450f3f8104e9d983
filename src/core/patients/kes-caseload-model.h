/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-store-patients.h"
#include "kes-types.h"

G_BEGIN_DECLS

/* One line of the caseload: what the list shows, nothing more. */
#define KES_TYPE_CASELOAD_ROW (kes_caseload_row_get_type ())
G_DECLARE_FINAL_TYPE (KesCaseloadRow, kes_caseload_row, KES, CASELOAD_ROW, GObject)

KesCaseloadRow *kes_caseload_row_new                  (const char     *patient_id,
                                                       const char     *display_name,
                                                       const char     *sort_name,
                                                       const char     *nhs_number,
                                                       const char     *mhcs_reference,
                                                       const char     *birth_date,
                                                       const char     *team_id,
                                                       const char     *team_name,
                                                       const char     *coordinator_id,
                                                       const char     *coordinator_name,
                                                       const char     *legal_status);
const char     *kes_caseload_row_get_patient_id       (KesCaseloadRow *self);
const char     *kes_caseload_row_get_display_name     (KesCaseloadRow *self);
const char     *kes_caseload_row_get_sort_name        (KesCaseloadRow *self);
const char     *kes_caseload_row_get_nhs_number       (KesCaseloadRow *self);
const char     *kes_caseload_row_get_mhcs_reference   (KesCaseloadRow *self);
const char     *kes_caseload_row_get_birth_date       (KesCaseloadRow *self);
const char     *kes_caseload_row_get_team_id          (KesCaseloadRow *self);
const char     *kes_caseload_row_get_team_name        (KesCaseloadRow *self);
const char     *kes_caseload_row_get_coordinator_id   (KesCaseloadRow *self);
const char     *kes_caseload_row_get_coordinator_name (KesCaseloadRow *self);
const char     *kes_caseload_row_get_legal_status     (KesCaseloadRow *self);

typedef enum
{
  KES_CASELOAD_SORT_NAME,
  KES_CASELOAD_SORT_NHS_NUMBER,
  KES_CASELOAD_SORT_BIRTH_DATE,
  KES_CASELOAD_SORT_TEAM,
  KES_CASELOAD_SORT_COORDINATOR,
  KES_CASELOAD_SORT_LEGAL_STATUS,
} KesCaseloadSort;

/* A GListModel of KesCaseloadRow: all rows held compactly in memory, filtered
 * and sorted in place so that typing in the search box costs one pass over
 * the rows, not a query. */
#define KES_TYPE_CASELOAD_MODEL (kes_caseload_model_get_type ())
G_DECLARE_FINAL_TYPE (KesCaseloadModel, kes_caseload_model, KES, CASELOAD_MODEL, GObject)

KesCaseloadModel *kes_caseload_model_new              (void);
/* Takes the rows (e.g. from kes_store_load_caseload_rows()). */
void              kes_caseload_model_set_rows         (KesCaseloadModel *self,
                                                       GPtrArray        *rows);
guint             kes_caseload_model_get_n_total      (KesCaseloadModel *self);
/* Matches words against name, NHS number (any spacing) and MHCS reference,
 * case- and accent-insensitively. NULL or "" shows everyone. */
void              kes_caseload_model_set_search       (KesCaseloadModel *self,
                                                       const char       *text);
void              kes_caseload_model_set_team         (KesCaseloadModel *self,
                                                       const char       *team_id);
void              kes_caseload_model_set_coordinator  (KesCaseloadModel *self,
                                                       const char       *staff_id);
/* How many of @rows (KesCaseloadRow) have @staff_id as care coordinator:
 * the caseload opens on "My caseload" for someone who coordinates anyone. */
guint             kes_caseload_rows_count_coordinated (GPtrArray      *rows,
                                                       const char     *staff_id);
void              kes_caseload_model_set_sort         (KesCaseloadModel *self,
                                                       KesCaseloadSort   sort,
                                                       gboolean          descending);

G_END_DECLS
