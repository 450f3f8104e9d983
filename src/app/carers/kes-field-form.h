/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-field-record.h"

G_BEGIN_DECLS

/* A form generated from a KesRecordKind: one row per field (entry, text
 * area, switch, drop-down, check list). Values go to and from a
 * KesFieldRecord; core validates and its message is shown above the rows,
 * with what was typed kept. */
#define KES_TYPE_FIELD_FORM (kes_field_form_get_type ())
G_DECLARE_FINAL_TYPE (KesFieldForm, kes_field_form, KES, FIELD_FORM, GtkWidget)

/* @hidden: keys not shown (set by the caller or the store), NULL-terminated. */
KesFieldForm *kes_field_form_new        (const KesRecordKind *kind,
                                         const char * const  *hidden);
void          kes_field_form_load       (KesFieldForm        *self,
                                         KesFieldRecord      *record);
/* Writes every shown field into @record. */
void          kes_field_form_store      (KesFieldForm        *self,
                                         KesFieldRecord      *record);
/* NULL hides the message. */
void          kes_field_form_set_error  (KesFieldForm        *self,
                                         const char          *message);
/* Shows the fields @keys (text, dates, choices; NULL-terminated) only
 * while the switch @switch_key is on; while it is off they are stored
 * empty, and what was typed in them stays in the form. */
void          kes_field_form_show_when  (KesFieldForm        *self,
                                         const char          *switch_key,
                                         const char * const  *keys);
/* The widget editing @key (for tests). */
GtkWidget    *kes_field_form_get_widget (KesFieldForm        *self,
                                         const char          *key);

G_END_DECLS
