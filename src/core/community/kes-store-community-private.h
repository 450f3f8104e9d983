/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-care-record.h"
#include "kes-store-due-private.h"

G_BEGIN_DECLS

/* What a save writes for @record (a validated copy, as the store keeps it,
 * and its JSON in @json), or NULL with the problems as an error; nothing
 * is read from the store. Pure: callable from any thread. */
KesCareRecord *kes_store_care_record_prepare (KesCareRecord  *record,
                                              const GDate    *today,
                                              char          **json,
                                              GError        **error);
/* Writes the projection row of a record whose revision was just written. */
gboolean       kes_store_project_care_record (KesStore       *self,
                                              KesCareRecord  *record,
                                              GError        **error);

/* A record from a row of "r.id, r.revision, r.state, v.data, author name,
 * r.updated_at, patient id"; NULL when its data can't be read. */
KesCareRecord *kes_store_care_record_from_row (KesDbStmt     *stmt,
                                               const char    *kind);

/* ---- Shared by the care providers of Today (kes-store-community-due.c) ---- */

/* Every provider's query selects the patient's columns first, in this order.
 * A unary "+" on a category keeps SQLite from reaching for the category
 * index, so that for one team it starts from that team's patients. */
#define KES_CARE_PATIENT_COLUMNS "p.id, p.family_name, p.given_name, p.preferred_name, p.team_id"
#define KES_CARE_PATIENT_JOIN \
  "JOIN patient p ON p.id = x.patient_id JOIN record pr ON pr.id = p.id AND pr.state = 'active' "
#define KES_CARE_N_PATIENT_COLUMNS 5

typedef struct
{
  char *id;
  char *name;
  char *team_id;
} KesCarePatientRow;

void          kes_care_patient_row_read  (KesDbStmt         *stmt,
                                          KesCarePatientRow *row);
void          kes_care_patient_row_clear (KesCarePatientRow *row);
/* NULL for an SQL NULL, the text otherwise. */
const char   *kes_care_column_or_null    (KesDbStmt         *stmt,
                                          int                column);
/* Adds an item when @due falls inside the window of @soon_days, or always
 * when @top_priority. */
void          kes_care_add_due_item      (GPtrArray         *items,
                                          const char        *kind,
                                          gboolean           top_priority,
                                          const GDate       *due,
                                          const GDate       *today,
                                          guint              soon_days,
                                          KesCarePatientRow *patient,
                                          const char        *title,
                                          const char        *detail,
                                          const char        *target,
                                          const char        *record_id);
/* Resets @stmt and turns a step result other than KES_DB_DONE into @error. */
gboolean      kes_care_finish_query      (KesStore          *store,
                                          KesDbStmt         *stmt,
                                          int                rc,
                                          GError           **error);
/* As kes_store_prepare_for_team(), but for one patient when @patient_id
 * is given ("AND p.id = :patient"). */
KesDbStmt *kes_care_prepare_scoped    (KesStore          *store,
                                          const char        *sql_format,
                                          const char        *team_id,
                                          const char        *patient_id,
                                          GError           **error);

/* Today providers for care in the community (kes-store-community-due.c,
 * kes-store-medication-due.c). */
gboolean kes_store_due_depots          (KesStore     *store,
                                        const GDate  *today,
                                        const char   *team_id,
                                        GPtrArray    *items,
                                        GError      **error);
gboolean kes_store_due_clozapine       (KesStore     *store,
                                        const GDate  *today,
                                        const char   *team_id,
                                        GPtrArray    *items,
                                        GError      **error);
gboolean kes_store_due_lithium         (KesStore     *store,
                                        const GDate  *today,
                                        const char   *team_id,
                                        GPtrArray    *items,
                                        GError      **error);
gboolean kes_store_due_depot_observation (KesStore     *store,
                                         const GDate  *today,
                                         const char   *team_id,
                                         GPtrArray    *items,
                                         GError      **error);
gboolean kes_store_due_physical_health (KesStore     *store,
                                        const GDate  *today,
                                        const char   *team_id,
                                        GPtrArray    *items,
                                        GError      **error);
/* Each physical health check as its own item, due or not yet (for one
 * patient's record). */
gboolean kes_store_physical_monitoring (KesStore     *store,
                                        const char   *patient_id,
                                        const GDate  *today,
                                        GPtrArray    *items,
                                        GError      **error);
gboolean kes_store_due_cpa_reviews     (KesStore     *store,
                                        const GDate  *today,
                                        const char   *team_id,
                                        GPtrArray    *items,
                                        GError      **error);
/* No care plan; a plan's own review date (kes-store-care-plan-due.c). */
gboolean kes_store_due_care_plans      (KesStore     *store,
                                        const GDate  *today,
                                        const char   *team_id,
                                        GPtrArray    *items,
                                        GError      **error);

G_END_DECLS
