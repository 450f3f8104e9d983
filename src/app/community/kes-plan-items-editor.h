/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KES_TYPE_PLAN_ITEMS_EDITOR (kes_plan_items_editor_get_type ())
G_DECLARE_FINAL_TYPE (KesPlanItemsEditor, kes_plan_items_editor, KES, PLAN_ITEMS_EDITOR, GtkBox)

/* The lines of a structured care plan on the care plan form: one
 * KesPlanItemRow a need, an "Add a Need" button, each line removable.
 * Holds the lines as the care record does, a JSON array (kes-care-plan-items.h).
 * Emits "changed" as anything is typed, added or removed. */
KesPlanItemsEditor *kes_plan_items_editor_new       (const char         *heading);
void                kes_plan_items_editor_set_json  (KesPlanItemsEditor *self,
                                                     const char         *json);
/* The lines as typed, "" when there are none. */
char               *kes_plan_items_editor_dup_json  (KesPlanItemsEditor *self);
/* Marks the lines with an empty entry (after a refused save), or clears. */
void                kes_plan_items_editor_set_error (KesPlanItemsEditor *self,
                                                     gboolean            error);

G_END_DECLS
