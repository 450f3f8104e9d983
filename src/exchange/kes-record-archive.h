/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-records.h"
#include "kes-xml-reader.h"

G_BEGIN_DECLS

#define KES_RECORD_XML_NAMESPACE "urn:kestrel:record:1"
/* Version 2 added <records>; a version 1 file is still read. */
#define KES_RECORD_XML_VERSION   2

typedef enum
{
  KES_ARCHIVE_PATIENT,
  KES_ARCHIVE_CONTACT,
  KES_ARCHIVE_NOTE,
  KES_ARCHIVE_OTHER, /* any of kes_store_record_kinds(): referrals, risk, MoJ, carers … */
} KesArchiveKind;

/* One record and its whole history. */
typedef struct
{
  KesArchiveKind  kind;
  char           *id;
  GPtrArray      *revisions;  /* of KesRevision, oldest first */
  char           *kind_name;  /* the store's kind: "patient", "referral", "carer-link" … */
  char           *patient_id; /* KES_ARCHIVE_OTHER: the owning patient, or NULL */
} KesArchivedRecord;

/* A patient's whole record as a case-record XML file carries it
 * (urn:kestrel:record:1, data/schemas/kestrel-record-1.xsd): the register,
 * every contact and note, every other record (format version 2: referrals,
 * risk assessments, MoJ records, care in the community, carers, screenings),
 * every revision of each, and the staff and teams they refer to. Export builds one from the store and writes it; import
 * reads one and applies it. */
typedef struct _KesRecordArchive KesRecordArchive;

KesRecordArchive   *kes_record_archive_new              (const char          *exported_at);
void                kes_record_archive_free             (KesRecordArchive    *self);

const char         *kes_record_archive_get_exported_at  (KesRecordArchive    *self);
/* Kept sorted by id. */
void                kes_record_archive_add_team         (KesRecordArchive    *self,
                                                         KesTeam             *team);
void                kes_record_archive_add_staff        (KesRecordArchive    *self,
                                                         KesStaff            *staff);
GPtrArray          *kes_record_archive_get_teams        (KesRecordArchive    *self);
GPtrArray          *kes_record_archive_get_staff        (KesRecordArchive    *self);
KesStaff           *kes_record_archive_find_staff       (KesRecordArchive    *self,
                                                         const char          *id);

/* Takes @revisions. The patient comes first; contacts and notes in the
 * order added. */
KesArchivedRecord  *kes_record_archive_add_record       (KesRecordArchive    *self,
                                                         KesArchiveKind       kind,
                                                         const char          *id,
                                                         GPtrArray           *revisions);
/* Takes @revisions. @kind_name is one of kes_store_record_kinds();
 * @patient_id the owning patient or NULL. Kept in the order added. */
KesArchivedRecord  *kes_record_archive_add_other        (KesRecordArchive    *self,
                                                         const char          *kind_name,
                                                         const char          *id,
                                                         const char          *patient_id,
                                                         GPtrArray           *revisions);
KesArchivedRecord  *kes_record_archive_get_patient      (KesRecordArchive    *self);
GPtrArray          *kes_record_archive_get_records      (KesRecordArchive    *self,
                                                         KesArchiveKind       kind);

/* Writes the XML; fails when a revision holds a field the format does not
 * know, naming the record and field. */
GBytes             *kes_record_archive_to_xml           (KesRecordArchive    *self,
                                                         GError             **error);
/* Reads untrusted XML with the safe reader, validating it against the
 * schema as it streams, and checks what the schema cannot: revisions
 * numbered 1, 2, 3… starting with "create", nothing after "entered in
 * error", and register data a patient can be loaded from. */
KesRecordArchive   *kes_record_archive_read_bytes       (GBytes              *xml,
                                                         const KesXmlLimits  *limits,
                                                         GError             **error);
KesRecordArchive   *kes_record_archive_read_file        (const char          *path,
                                                         const KesXmlLimits  *limits,
                                                         GError             **error);

const char         *kes_archive_kind_to_string          (KesArchiveKind       kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesRecordArchive, kes_record_archive_free)

G_END_DECLS
