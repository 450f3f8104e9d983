/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-care-plan-items.h"

G_BEGIN_DECLS

#define KES_TYPE_PLAN_ITEM_ROW (kes_plan_item_row_get_type ())
G_DECLARE_FINAL_TYPE (KesPlanItemRow, kes_plan_item_row, KES, PLAN_ITEM_ROW, GtkBox)

/* One line of a structured care plan being written: the need, what will be
 * done, who does it and by when, as typed (core checks them on save).
 * Emits "changed" as any is typed and "remove" when its Remove button is
 * pressed. */
KesPlanItemRow *kes_plan_item_row_new        (void);
/* Numbers the line ("Need 2") and its test handles (plan-item-need-2…). */
void            kes_plan_item_row_set_number (KesPlanItemRow    *self,
                                              guint              number);
/* Fills the entries; the date is shown as it is typed, DD/MM/YYYY. */
void            kes_plan_item_row_set_item   (KesPlanItemRow    *self,
                                              const KesPlanItem *item);
KesPlanItem    *kes_plan_item_row_dup_item   (KesPlanItemRow    *self);
/* Marks the line as holding a problem (or clears the mark). */
void            kes_plan_item_row_set_error  (KesPlanItemRow    *self,
                                              gboolean           error);

G_END_DECLS
