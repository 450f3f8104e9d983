/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-risk-assessment.h"
#include "kes-tool-definition.h"

G_BEGIN_DECLS

typedef void (*KesRiskRatingsChanged) (gpointer user_data);

/* Appends to @box one labelled control per rating slot of @item (a group
 * of toggle buttons for a short scale, a drop-down for a long one), each
 * writing into @assessment and then calling @changed. A slot that depends
 * on another (HCR-20 V3 relevance on presence) is insensitive while it
 * does not apply, says why, and loses its rating when the slot it depends
 * on moves to a point that does not allow it. Toggle buttons are named
 * "rating:<item>:<slot>:<point>" for tests. */
void  kes_risk_ratings_append        (GtkBox                *box,
                                      KesRiskAssessment     *assessment,
                                      const KesToolItem     *item,
                                      KesRiskRatingsChanged  changed,
                                      gpointer               user_data);

/* Fills @dropdown with the points of @scale after a "none" item. */
void  kes_risk_scale_dropdown_fill   (GtkDropDown           *dropdown,
                                      const KesToolScale    *scale,
                                      const char            *none_label);

G_END_DECLS
