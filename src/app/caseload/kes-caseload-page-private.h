/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "caseload/kes-caseload-page.h"
#include "kes-change-watch.h"

G_BEGIN_DECLS

/* Shared by kes-caseload-page.c and kes-caseload-columns.c only. */

typedef enum
{
  COLUMN_NAME,
  COLUMN_NHS_NUMBER,
  COLUMN_BIRTH_DATE,
  COLUMN_MHCS,
  COLUMN_TEAM,
  COLUMN_COORDINATOR,
  COLUMN_LEGAL_STATUS,
  N_COLUMNS
} Column;

struct _KesCaseloadPage
{
  AdwBin              parent_instance;

  KesContext         *context;
  KesStore           *store;        /* the context's */
  KesChangeWatch     *rows_watch;   /* a patient, legal status or coordinator saved */
  KesChangeWatch     *notes_watch;  /* a note saved while notes are searched */
  KesCaseloadModel   *model;
  GtkSingleSelection *selection;
  GCancellable       *load_cancellable;
  GCancellable       *search_cancellable;
  char               *scope_actor_id; /* whose caseload the default scope was chosen for */
  gboolean            loading;
  gboolean            loaded;
  gboolean            syncing_sort;
  int                 probe_hit;

  GtkSearchEntry     *search_entry;
  GtkToggleButton    *notes_toggle;
  GtkWidget          *filter_box;
  GtkToggleButton    *mine_toggle;
  GtkDropDown        *team_dropdown;
  GtkDropDown        *coordinator_dropdown;
  GtkLabel           *count_label;
  GtkWidget          *sort_label;
  GtkDropDown        *sort_dropdown;
  GtkToggleButton    *descending_toggle;
  GtkStack           *view_stack;
  GtkSpinner         *spinner;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *nhs_column;
  GtkColumnViewColumn *birth_column;
  GtkColumnViewColumn *mhcs_column;
  GtkColumnViewColumn *team_column;
  GtkColumnViewColumn *coordinator_column;
  GtkColumnViewColumn *legal_column;
  GtkListBox         *notes_list;
  AdwStatusPage      *notes_status;
  AdwStatusPage      *error_status;
};

/* ---- kes-caseload-columns.c ---- */
void kes_caseload_page_setup_columns          (KesCaseloadPage *self);
void kes_caseload_page_apply_sort             (KesCaseloadPage *self,
                                               KesCaseloadSort  sort,
                                               gboolean         descending);
void kes_caseload_page_sort_choice_changed_cb (KesCaseloadPage *self);

G_END_DECLS
