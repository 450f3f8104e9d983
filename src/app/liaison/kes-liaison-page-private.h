/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "carers/kes-field-form.h"
#include "liaison/kes-liaison-page.h"

G_BEGIN_DECLS

/* Shared by kes-liaison-page.c (the screenings: list, detail, editing,
 * onward referral) and kes-liaison-page-activity.c (the activity report). */
struct _KesLiaisonPage
{
  GtkWidget       parent_instance;

  GtkListBox     *screenings_list;
  GtkLabel       *list_error;
  GtkStack       *detail_stack;
  GtkBox         *detail_box;
  GtkLabel       *editor_title;
  GtkBox         *editor_slot;
  GtkButton      *save_button;
  GtkButton      *new_button;
  GtkButton      *activity_button;

  KesStore       *store;
  char           *screening_id;
  KesFieldForm   *form;
  KesFieldRecord *editing;
  GtkDropDown    *team_dropdown;
  GtkLabel       *convert_error;
  GtkDropDown    *area_dropdown;
  GtkDropDown    *security_dropdown;
  GtkSwitch      *inpatient_switch;
  GtkEditable    *override_entry;
  GtkLabel       *referral_error;
  GtkEditable    *from_entry;
  GtkEditable    *to_entry;
  GtkBox         *activity_box;
  char           *activity_from;
  char           *activity_to;
  GtkFileChooserNative *chooser;
};

void       kes_liaison_page_clear_box           (GtkBox         *box);
/* A titled preferences group appended to @box. */
GtkWidget *kes_liaison_page_add_group           (GtkBox         *box,
                                                 const char     *title);

/* kes-liaison-page-activity.c: shows the activity report's period form
 * and counts in the detail pane. */
void       kes_liaison_page_activity_clicked_cb (KesLiaisonPage *self);

G_END_DECLS
