/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-record-archive.h"
#include "kes-store-histories.h"
#include "kes-xml-out-private.h"

G_BEGIN_DECLS

struct _KesRecordArchive
{
  char              *exported_at;
  GPtrArray         *teams;    /* KesTeam, by id */
  GPtrArray         *staff;    /* KesStaff, by id */
  KesArchivedRecord *patient;
  GPtrArray         *contacts; /* KesArchivedRecord */
  GPtrArray         *notes;    /* KesArchivedRecord */
  GPtrArray         *others;   /* KesArchivedRecord, KES_ARCHIVE_OTHER */
  /* An archive made only to be written (kes_record_export_archive_for_xml)
   * holds the register, contacts and notes as the store's rows instead of
   * @patient, @contacts and @notes. */
  KesHistoryRows    *histories;
  /* ... and the other records' revisions: then @others hold no revisions
   * of their own, and @other_ranges (RowRange, one for each of @others)
   * says which of @other_rows are theirs. */
  KesHistoryRows    *other_rows;
  GArray            *other_ranges;
};

typedef struct
{
  guint first;
  guint n;
} RowRange;

/* Hands @rows (the register first, kes_store_read_patient_histories()) to
 * the archive in place of its patient, contacts and notes. */
void                kes_record_archive_take_history_rows (KesRecordArchive *self,
                                                          KesHistoryRows   *rows);
/* Hands @rows (kes_store_read_patient_record_revisions()) to the archive,
 * whose other records are then added with kes_record_archive_add_other_rows()
 * only. */
void                kes_record_archive_take_other_rows   (KesRecordArchive *self,
                                                          KesHistoryRows   *rows);
/* An other record whose revisions are @n of the archive's other rows from
 * @first on. */
void                kes_record_archive_add_other_rows    (KesRecordArchive *self,
                                                          const char       *kind_name,
                                                          const char       *id,
                                                          const char       *patient_id,
                                                          guint             first,
                                                          guint             n);

/* How a revision's JSON member is written in XML. */
typedef enum
{
  KES_FIELD_TEXT,
  KES_FIELD_INTEGER,
  KES_FIELD_LIST,
} KesFieldType;

typedef struct
{
  const char   *key;      /* JSON, "family_name" */
  const char   *element;  /* XML, "family-name" */
  KesFieldType  type;
} KesFieldSpec;

/* The fields a kind of record has, in the order Kestrel stores them. */
const KesFieldSpec *kes_archive_field_specs   (KesArchiveKind  kind,
                                               guint          *n_specs);
const KesFieldSpec *kes_archive_find_field    (KesArchiveKind  kind,
                                               const char     *name,
                                               gboolean        by_element);
const char         *kes_archive_record_element (KesArchiveKind kind);

/* Writes the archive as a <record> element inside whatever @out has open
 * (a whole database's <case-records>). */
gboolean            kes_record_archive_write_element (KesRecordArchive  *self,
                                                      KesXmlOut         *out,
                                                      GError           **error);

/* At a <record> start of a reader with the record schema set: reads the
 * case record to its end, with the checks kes_record_archive_read_file()
 * makes, leaving the reader on the record's end. */
KesRecordArchive   *kes_record_archive_read_element  (KesXmlReader      *reader,
                                                      GError           **error);

/* How many archives are held at once: the whole-database import is meant
 * to hold one patient at a time whatever the file's size, and its tests
 * check that here. */
void                kes_record_archive_reset_peak    (void);
guint               kes_record_archive_get_peak      (void);

G_END_DECLS
