/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-care-record.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Shared by the Medication and Care plan tabs: a preferences group whose
 * rows are replaced on each reload, and the form dialog that reloads the
 * tab (and the record header's alerts) after a save. */
typedef struct
{
  AdwPreferencesGroup *group;
  GPtrArray           *rows;
  GtkWidget           *empty_row;
} KesCareGroup;

void        kes_care_group_init      (KesCareGroup        *group,
                                      AdwPreferencesGroup *widget,
                                      const char          *empty_text);
void        kes_care_group_clear     (KesCareGroup        *group);
void        kes_care_group_finish    (KesCareGroup        *group);
void        kes_care_group_free_rows (KesCareGroup        *group);
AdwActionRow *kes_care_group_add_row (KesCareGroup        *group,
                                      const char          *title,
                                      const char          *subtitle);
/* A button in a group's header. */
GtkWidget  *kes_care_header_button   (AdwPreferencesGroup *group,
                                      const char          *label,
                                      const char          *description);
/* Opens the form for @record; @done runs with @view after a save. */
void        kes_care_open_form       (GtkWidget           *view,
                                      KesStore            *store,
                                      KesCareRecord       *record,
                                      const char          *title,
                                      GCallback            done);
/* A flat button at the end of @row that asks for a reason and marks
 * @record entered in error through core; @done runs with @view after. */
GtkWidget  *kes_care_row_add_mark_button (AdwActionRow     *row,
                                          GtkWidget        *view,
                                          KesStore         *store,
                                          KesCareRecord    *record,
                                          const char       *heading,
                                          GCallback         done);
/* Adds a row for @record and returns it for suffixes (then the
 * entered-in-error button, above, last); one entered in error is listed
 * dimmed, its title marked and the reason, who and when under it, and NULL
 * is returned. */
AdwActionRow *kes_care_group_add_record (KesCareGroup     *group,
                                         KesStore         *store,
                                         KesCareRecord    *record,
                                         const char       *title,
                                         const char       *subtitle);
/* The active records of @all (a new list). */
GListModel *kes_care_active_only     (GListModel          *all);
/* TRUE when the care vocabulary setting is "cmhf" (key worker). */
gboolean    kes_care_uses_cmhf       (void);
/* "21 Nov 2026", or "" for an empty value. */
char       *kes_care_date           (KesCareRecord       *record,
                                     const char          *key);
/* The label of a code field's value. */
const char *kes_care_code_label     (KesCareRecord       *record,
                                     const char          *key);

G_END_DECLS
