/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "carers/kes-patient-carers-view.h"
#include "community/kes-care-plan-view.h"
#include "community/kes-medication-view.h"
#include "kes-change-watch.h"
#include "moj/kes-moj-view.h"
#include "patient/kes-contacts-view.h"
#include "patient/kes-history-view.h"
#include "patient/kes-notes-view.h"
#include "patient/kes-patient-page.h"
#include "patient/kes-record-overview.h"
#include "referrals/kes-referral-tab.h"
#include "risk/kes-risk-view.h"

G_BEGIN_DECLS

/* Shared by the kes-patient-*.c files of the record page only. */

struct _KesPatientPage
{
  AdwBin            parent_instance;

  KesContext       *context;
  KesStore         *store;          /* the context's */
  KesChangeWatch   *watch;          /* this patient's records saved anywhere */
  KesPatient       *patient;        /* as stored; a blank one for a new record */
  char             *snapshot_json;  /* the form's values when editing began */
  gboolean          is_new;
  gboolean          editing;

  GtkScrolledWindow *header_scroller; /* capped by KesRecordColumnLayout */
  GtkLabel         *name_label;
  GtkLabel         *details_label;
  GtkLabel         *legal_label;
  GtkLabel         *review_label;
  KesRecordOverview *record_overview;
  GtkWidget        *edit_button;
  GtkWidget        *cancel_button;
  GtkWidget        *save_button;
  GtkWidget        *export_button;
  GtkWidget        *alerts_box;
  GtkLabel         *alerts_label;
  AdwViewStack     *view_stack;
  GtkWidget        *switcher;
  AdwViewStackPage *contacts_page;
  AdwViewStackPage *notes_page;
  AdwViewStackPage *history_page;
  KesPatientForm   *form;
  KesContactsView  *contacts_view;
  KesNotesView     *notes_view;
  KesHistoryView   *history_view;
  KesCarePlanView  *care_plan_view;
  AdwViewStackPage *care_plan_page;
  KesMedicationView *medication_view;
  AdwViewStackPage *medication_page;
  KesMojView       *moj_view;
  AdwViewStackPage *moj_page;
  KesRiskView      *risk_view;
  AdwViewStackPage *risk_page;
  KesPatientCarersView *carers_view;
  AdwViewStackPage *carers_page;
  KesReferralTab   *referral_tab;
  AdwViewStackPage *referral_page;
};

/* ---- kes-patient-header.c ---- */
void kes_patient_page_update_header   (KesPatientPage *self);
/* The Overview tab, read again; hidden while the register is edited. */
void kes_patient_page_update_overview (KesPatientPage *self);

/* ---- kes-patient-visit.c: the visit in the access log ---- */
void kes_patient_page_begin_visit     (KesPatientPage *self);
void kes_patient_page_end_visit       (KesPatientPage *self);
void kes_patient_page_tab_shown_cb    (KesPatientPage *self);

/* ---- kes-patient-tabs.c ---- */
/* Gives the tab switcher its whole width (labels never cut). */
void kes_patient_page_fit_tabs        (KesPatientPage *self);

G_END_DECLS
