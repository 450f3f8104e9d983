/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-document.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* How many of the most recent contacts a summary lists. */
#define KES_REPORT_SUMMARY_CONTACTS 10

/* A patient summary: demographics, legal status, team and clinicians,
 * diagnoses, alerts and recent contacts, labelled from the code lists. */
KesDocument *kes_report_patient_summary (KesStore    *store,
                                         const char  *patient_id,
                                         GError     **error);

G_END_DECLS
