/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-record-archive.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* What the rules between a case record's records work on
 * (kes-record-import-links.c, kes-record-import-care-links.c). */
typedef struct
{
  KesStore          *store;
  KesRecordArchive  *archive;
  const char        *patient_id;
  gboolean           merging;
  GHashTable        *by_id;  /* id -> KesArchivedRecord, every record of the file */
  GHashTable        *definitions;  /* "tool version #n" -> KesToolDefinition, as found */
  GHashTable        *keys;   /* what may be held once ("carer-link <carer>", "dose <prescription> <day>") */
} KesImportLinks;

KesRevision *kes_import_links_last_revision (KesArchivedRecord  *record);
/* The revision of @record in effect at @at (an ISO time): the last one
 * written at or before it, or NULL when the record did not exist yet. A
 * time is to the second, so an "entered in error" written in the same
 * second as @at may have come after it and is not taken as in effect. */
KesRevision *kes_import_links_revision_at   (KesArchivedRecord  *record,
                                             const char         *at);
/* The record @id of the file, of kind @kind_name, in force when @revision
 * was written: its revision then, or NULL. */
KesRevision *kes_import_links_in_force      (KesImportLinks     *links,
                                             const char         *id,
                                             const char         *kind_name,
                                             KesRevision        *revision);
/* "Revision N of <kind> <id>: @problem"; returns FALSE. */
gboolean     kes_import_links_refuse        (GError            **error,
                                             KesArchivedRecord  *record,
                                             KesRevision        *revision,
                                             const char         *problem);

/* Care in the community and MoJ records: depot doses, crisis plan
 * sharing, clozapine courses and blood results, urgent reports about an
 * incident (kes-record-import-care-links.c). */
gboolean     kes_import_links_check_clinical (KesImportLinks     *links,
                                              KesArchivedRecord  *record,
                                              GError            **error);

/* Structured risk assessments (kes-record-import-risk.c). */
gboolean     kes_import_links_check_risk     (KesImportLinks     *links,
                                              KesArchivedRecord  *record,
                                              GError            **error);

G_END_DECLS
