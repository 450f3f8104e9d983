/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "kes-installation-key.h"
#include "kes-types.h"

G_BEGIN_DECLS

/* The hashes that make history tamper-evident, in one place: every writer
 * (a clinician's save, the demo's batches, an import) and `verify` compute
 * them with these functions, so they can never drift apart. Pure: callable
 * from any thread. Hashes are 64 lowercase hex digits. */

#define KES_HASH_HEX_CHARS 64

/* ---- A revision ---- */

/* Everything a revision says about who, when, what and in which state. */
typedef struct
{
  const char    *record_id;
  const char    *kind;        /* record.kind */
  const char    *patient_id;  /* record.patient_id: NULL for a patient, a carer … */
  gint64         number;      /* 1, 2, … */
  const char    *author_id;
  const char    *at;          /* ISO 8601 UTC */
  KesChangeKind  change;
  const char    *reason;      /* NULL (or "") when none */
  const char    *data_sha256; /* kes_revision_data_hash() of its JSON */
} KesRevisionFields;

/* SHA-256 of a revision's JSON. */
char           *kes_revision_data_hash  (const char              *data_json);
/* The state a record is in after a revision of @change. */
KesRecordState  kes_revision_state_after (KesChangeKind           change);
/* The revision hash: SHA-256 over the record id, kind, patient, number,
 * author, time, change kind, reason, state and the data's hash. */
void            kes_revision_hash       (const KesRevisionFields *fields,
                                         char                     hash[KES_HASH_HEX_CHARS + 1]);

/* ---- An access-log entry ---- */

/* An entry's fields as stored in `audit` (strings borrowed, NULL for SQL
 * NULL). */
typedef struct
{
  gint64      seq;
  const char *at;
  const char *actor_id;
  const char *action;
  const char *record_id;
  const char *patient_id;
  gint64      revision;        /* 0: none */
  const char *data_hash;       /* a revision's data (kes_revision_data_hash) */
  const char *revision_hash;   /* keyed entries: kes_revision_hash() */
  const char *revision_author; /* keyed entries: the revision's author when not actor_id */
  const char *revision_at;     /* keyed entries: the revision's time when not at */
  const char *summary;
  const char *key_id;          /* NULL: an entry from before the chain was keyed */
  const char *prev_hash;
} KesAuditFields;

/* The entry's hash: with @key (whose id must be fields->key_id), keyed
 * BLAKE2b-256 over every field including the key id; without, the SHA-256
 * of the unkeyed chain entries were written with before it was keyed
 * (entries whose key_id is NULL). Either way the previous entry's hash is
 * hashed last, so an altered, inserted or removed entry breaks the chain. */
void            kes_audit_entry_hash    (const KesAuditFields    *fields,
                                         KesInstallationKey      *key,
                                         char                     hash[KES_HASH_HEX_CHARS + 1]);

/* ---- The seal over history written before the chain was keyed ---- */

/* A running digest over the revision hashes of every revision whose entry
 * is in the unkeyed part of the chain, in (record id, number) order. */
typedef struct _KesSealDigest KesSealDigest;

KesSealDigest  *kes_seal_digest_new     (void);
void            kes_seal_digest_add     (KesSealDigest           *self,
                                         const char              *revision_hash);
/* Frees @self; returns the hex digest. */
char           *kes_seal_digest_finish  (KesSealDigest           *self);

/* ---- One import of a patient's case record ---- */

/* A running digest over the revision hashes of every revision one import
 * brought, in (record id, number) order, closed with the patient and the
 * source the import names: what its access-log entry holds as
 * revision_hash (migration 0024). */
typedef struct _KesImportDigest KesImportDigest;

KesImportDigest *kes_import_digest_new  (void);
void             kes_import_digest_add  (KesImportDigest         *self,
                                         const char              *revision_hash);
/* Frees @self; returns the hex digest. */
char            *kes_import_digest_finish (KesImportDigest       *self,
                                           const char            *patient_id,
                                           const char            *source);
void             kes_import_digest_free (KesImportDigest         *self);

G_END_DECLS
