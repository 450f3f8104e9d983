/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "moj/kes-moj-report-form.h"

G_BEGIN_DECLS

/* Shared by kes-moj-report-form.c (saving, signing, preview, XML,
 * submission) and kes-moj-report-form-parts.c (building the parts). */
struct _KesMojReportForm
{
  AdwWindow       parent_instance;

  KesStore       *store;
  KesMojRecord   *report;
  KesMojTemplate *template;
  GHashTable     *editors;      /* field id -> editor widget */
  GHashTable     *marks;        /* field id -> "From the record" label */
  GHashTable     *part_states;  /* part id -> GtkLabel */
  GtkWidget      *submit_button;
  GtkWidget      *trigger_box;  /* an urgent report's "What prompted this report", or NULL */
  GtkWidget      *problems_label; /* why a part is not ready, above the parts */
  char           *refused_part;   /* the part refused as not ready, while it is */
  GPtrArray      *marked;         /* the fields marked with its problems */
};

/* Copies what is typed into the report and refreshes the marks. */
void       kes_moj_report_form_editor_changed_cb      (KesMojReportForm   *self);
/* "Mark Ready for Review" and "Sign Part N" (the button says which part). */
void       kes_moj_report_form_part_button_clicked_cb (GtkButton          *button,
                                                       KesMojReportForm   *self);

/* kes-moj-report-form-parts.c: a part of the template, its sections and
 * one editor per field (registered in self->editors and self->marks). */
GtkWidget *kes_moj_report_form_make_part              (KesMojReportForm   *self,
                                                       KesMojTemplatePart *part);

/* kes-moj-report-form-problems.c: "Mark Ready for Review" refused, shown
 * on the fields; the number of problems (0: the part can be marked). */
guint      kes_moj_report_form_show_part_problems     (KesMojReportForm   *self,
                                                       const char         *part_id);
/* The problems shown follow what is typed. */
void       kes_moj_report_form_refresh_problems       (KesMojReportForm   *self);

G_END_DECLS
