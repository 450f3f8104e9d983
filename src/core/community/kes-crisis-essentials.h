/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* The forensic essentials a crisis team needs beside the crisis plan,
 * taken from the record as it stands on the day (not typed again into the
 * plan): legal status with the MHCS reference and the responsible
 * clinician's and care coordinator's contacts; MAPPA, victim liaison and
 * the conditions of discharge in force; depot dates and the clozapine
 * break rules; each carer with what may be shared with them; and the
 * out-of-hours numbers from the service directory. The crisis plan view,
 * its PDF and its XML all show this one list. */

typedef struct
{
  char *label;
  char *value;
} KesEssentialLine;

typedef enum
{
  KES_ESSENTIALS_LEGAL,
  KES_ESSENTIALS_RISK,
  KES_ESSENTIALS_MEDICATION,
  KES_ESSENTIALS_CARERS,
  KES_ESSENTIALS_SERVICES,
  KES_ESSENTIALS_N_SECTIONS
} KesEssentialsSection;

typedef struct
{
  char      *taken_on;                            /* YYYY-MM-DD: the day it was read */
  GPtrArray *sections[KES_ESSENTIALS_N_SECTIONS]; /* KesEssentialLine, in order */
} KesCrisisEssentials;

/* Needs view-clinical for the patient; carers are listed with view-carers
 * (without it the section says so). Every section has at least one line:
 * one that says nothing is recorded when nothing is. */
KesCrisisEssentials *kes_store_crisis_essentials    (KesStore            *store,
                                                     const char          *patient_id,
                                                     GError             **error);
void                 kes_crisis_essentials_free     (KesCrisisEssentials *essentials);
/* The medication section alone (KesEssentialLine): each current
 * prescription (a depot with its last dose and next due date), the latest
 * clozapine blood result with the break rules, the latest lithium level
 * against its target range, and the latest physical health check. Shared
 * by the crisis plan and the patient summary. Needs view-clinical. */
GPtrArray           *kes_store_medication_lines     (KesStore            *store,
                                                     const char          *patient_id,
                                                     GError             **error);
/* Translated heading of a section: "Legal status and contacts" … */
const char          *kes_crisis_essentials_heading  (KesEssentialsSection section);
/* "Taken from the record on 21 Nov 2026". */
char                *kes_crisis_essentials_dup_note (KesCrisisEssentials *essentials);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesCrisisEssentials, kes_crisis_essentials_free)

G_END_DECLS
