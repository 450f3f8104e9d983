/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "carers/kes-carers-page.h"
#include "kes-field-form.h"
#include "kes-field-record.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Shared by kes-carers-page.c (the list, the carer's details, consent and
 * the editor) and kes-carers-page-assessments.c (the carer's assessments,
 * their sign-off and signature, involvement). */
struct _KesCarersPage
{
  GtkWidget       parent_instance;

  GtkListBox     *carers_list;
  GtkLabel       *list_error;
  GtkStack       *detail_stack;
  GtkBox         *detail_box;
  GtkLabel       *editor_title;
  GtkBox         *editor_slot;
  GtkButton      *save_button;
  GtkButton      *add_button;

  KesStore       *store;
  char           *carer_id;       /* the carer shown */

  /* The form being edited. */
  KesFieldForm   *form;
  KesFieldRecord *editing;
  GtkEditable    *patient_entry;  /* linking: which patient */
  GtkDropDown    *staff_dropdown; /* carer: named contact */
  gboolean        signature_asked; /* a signature unlike the carer's name: saved as typed */
};

/* A code's label in @list, or the code itself when the list lacks it. */
const char *kes_carers_page_code_label       (const char    *list,
                                              const char    *code);
/* "3 Dec 2026", or "not set" for an empty date. */
char       *kes_carers_page_display_date     (const char    *iso);
/* A preferences group appended to the detail box. */
GtkWidget  *kes_carers_page_add_group        (KesCarersPage *self,
                                              const char    *title,
                                              const char    *description);
/* A plain-text row appended to @group (no subtitle when @subtitle is empty). */
GtkWidget  *kes_carers_page_add_row          (GtkWidget     *group,
                                              const char    *title,
                                              const char    *subtitle);
/* The carer's assessments and involvement (kes-carers-page-assessments.c). */
void        kes_carers_page_show_assessments (KesCarersPage *self);

G_END_DECLS
