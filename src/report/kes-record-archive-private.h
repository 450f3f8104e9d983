/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-record-archive.h"

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
};

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

G_END_DECLS
