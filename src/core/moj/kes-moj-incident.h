/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-moj.h"

G_BEGIN_DECLS

/* Incidents and recalls (KES_MOJ_INCIDENT) and the urgent report written
 * about one (issue 21). The report names its incident in "incident_id";
 * the store checks the link on save (an active incident of the same
 * patient). */
#define KES_MOJ_INCIDENT_LINK "incident_id"

/* Starts @report (an urgent report, not yet saved) from @incident: what
 * prompted it (the incident's kind), when, what happened and what has been
 * done, and the link. Pure. */
void          kes_moj_report_link_incident (KesMojRecord *report,
                                            KesMojRecord *incident);
/* The urgent report linked to @incident among @reports (KesMojRecord*), or
 * NULL; a report entered in error does not count. */
KesMojRecord *kes_moj_incident_find_report (KesMojRecord *incident,
                                            GPtrArray    *reports);

/* The link's rules, given what the record it names says (the store reads
 * it from the database, an import from the file): only an urgent report
 * names an incident, and it is an incident in force of the same patient
 * (@incident_patient_id: that incident's patient, NULL when the id names
 * no incident in force). A report naming none passes. */
gboolean      kes_moj_report_check_incident_link (KesMojRecord  *report,
                                                  const char    *incident_patient_id,
                                                  GError       **error);

G_END_DECLS
