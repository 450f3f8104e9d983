/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kes-risk-assessment.h"
#include "kes-tool-definition.h"

G_BEGIN_DECLS

#define KES_TYPE_RISK_FIELD (kes_risk_field_get_type ())
G_DECLARE_DERIVABLE_TYPE (KesRiskField, kes_risk_field, KES, RISK_FIELD, GtkWidget)

/* One field of a risk tool definition (a <field> or <judgement>): its
 * label, its hint, one input and, under it, what is wrong with what was
 * typed. Each field type of data/tools/ is a subclass; the risk form
 * builds them with kes_risk_field_new_for() (kes-risk-fields.h) and
 * stores what they emit.
 *
 * A value is the text stored in the assessment: a point's code, an
 * ISO date, free text, or entry ids separated by spaces. "changed" is
 * emitted when the user edits the input, never by set_value(). The input
 * is named after the field's id (tests find it by that name) and is
 * labelled by the field's label for assistive technology. */
struct _KesRiskFieldClass
{
  GtkWidgetClass parent_class;

  /* The value the input shows now (NULL: nothing chosen). */
  char     *(*dup_value) (KesRiskField  *self);
  void      (*set_value) (KesRiskField  *self,
                          const char    *value);
  /* FALSE with a plain message when what was typed cannot be stored as
   * this type; NULL means every value is acceptable. */
  gboolean  (*check)     (KesRiskField  *self,
                          GError       **error);
};

const char *kes_risk_field_get_field_id  (KesRiskField        *self);
const char *kes_risk_field_get_label     (KesRiskField        *self);
char       *kes_risk_field_dup_value     (KesRiskField        *self);
void        kes_risk_field_set_value     (KesRiskField        *self,
                                          const char          *value);
/* Checks what was typed, shows the problem under the field (or hides the
 * last one) and marks the input invalid for assistive technology. */
gboolean    kes_risk_field_check         (KesRiskField        *self,
                                          GError             **error);
GtkWidget  *kes_risk_field_get_input     (KesRiskField        *self);
/* Shows @message (what the completion check found missing) under the
 * field as a problem, until the input next changes; NULL hides it. */
void        kes_risk_field_show_problem  (KesRiskField        *self,
                                          const char          *message);

/* For subclasses. A new @type (a subclass) with @field's id, label and
 * hint. */
gpointer    kes_risk_field_object_new    (GType                type,
                                          const KesToolField  *field);
/* @shown is what goes into the field (the input, or a
 * frame around it); @input is what takes the focus and is named. */
void        kes_risk_field_set_input     (KesRiskField        *self,
                                          GtkWidget           *shown,
                                          GtkWidget           *input);
/* Call when the user changed the input: checks it and emits "changed". */
void        kes_risk_field_input_changed (KesRiskField        *self);

G_END_DECLS
