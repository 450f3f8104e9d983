/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-audit"

#include "config.h"

#include "kes-audit.h"

struct _KesAuditEntry
{
  GObject  parent_instance;
  gint64   seq;
  char    *at;
  char    *actor_id;
  char    *actor_name;
  char    *action;
  char    *record_id;
  char    *patient_id;
  gint64   revision;
  char    *summary;
  char    *patient_name;
};

G_DEFINE_FINAL_TYPE (KesAuditEntry, kes_audit_entry, G_TYPE_OBJECT)

static void
kes_audit_entry_finalize (GObject *object)
{
  KesAuditEntry *self = (KesAuditEntry *) object;

  g_free (self->at);
  g_free (self->actor_id);
  g_free (self->actor_name);
  g_free (self->action);
  g_free (self->record_id);
  g_free (self->patient_id);
  g_free (self->summary);
  g_free (self->patient_name);
  G_OBJECT_CLASS (kes_audit_entry_parent_class)->finalize (object);
}

static void
kes_audit_entry_class_init (KesAuditEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_audit_entry_finalize;
}

static void
kes_audit_entry_init (KesAuditEntry *self)
{
}

static char *
dup_or_null (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

KesAuditEntry *
kes_audit_entry_new (gint64      seq,
                     const char *at,
                     const char *actor_id,
                     const char *actor_name,
                     const char *action,
                     const char *record_id,
                     const char *patient_id,
                     gint64      revision,
                     const char *summary)
{
  KesAuditEntry *self = g_object_new (KES_TYPE_AUDIT_ENTRY, NULL);

  self->seq = seq;
  self->at = g_strdup (at);
  self->actor_id = dup_or_null (actor_id);
  self->actor_name = g_strdup (actor_name != NULL ? actor_name : "");
  self->action = g_strdup (action);
  self->record_id = dup_or_null (record_id);
  self->patient_id = dup_or_null (patient_id);
  self->revision = revision;
  self->summary = g_strdup (summary != NULL ? summary : "");
  return self;
}

gint64
kes_audit_entry_get_seq (KesAuditEntry *self)
{
  g_return_val_if_fail (KES_IS_AUDIT_ENTRY (self), 0);
  return self->seq;
}

const char *
kes_audit_entry_get_at (KesAuditEntry *self)
{
  g_return_val_if_fail (KES_IS_AUDIT_ENTRY (self), NULL);
  return self->at;
}

const char *
kes_audit_entry_get_actor_id (KesAuditEntry *self)
{
  g_return_val_if_fail (KES_IS_AUDIT_ENTRY (self), NULL);
  return self->actor_id;
}

const char *
kes_audit_entry_get_actor_name (KesAuditEntry *self)
{
  g_return_val_if_fail (KES_IS_AUDIT_ENTRY (self), NULL);
  return self->actor_name;
}

const char *
kes_audit_entry_get_action (KesAuditEntry *self)
{
  g_return_val_if_fail (KES_IS_AUDIT_ENTRY (self), NULL);
  return self->action;
}

const char *
kes_audit_entry_get_record_id (KesAuditEntry *self)
{
  g_return_val_if_fail (KES_IS_AUDIT_ENTRY (self), NULL);
  return self->record_id;
}

const char *
kes_audit_entry_get_patient_id (KesAuditEntry *self)
{
  g_return_val_if_fail (KES_IS_AUDIT_ENTRY (self), NULL);
  return self->patient_id;
}

gint64
kes_audit_entry_get_revision (KesAuditEntry *self)
{
  g_return_val_if_fail (KES_IS_AUDIT_ENTRY (self), 0);
  return self->revision;
}

const char *
kes_audit_entry_get_summary (KesAuditEntry *self)
{
  g_return_val_if_fail (KES_IS_AUDIT_ENTRY (self), NULL);
  return self->summary;
}

const char *
kes_audit_entry_get_patient_name (KesAuditEntry *self)
{
  g_return_val_if_fail (KES_IS_AUDIT_ENTRY (self), NULL);

  return self->patient_name;
}

void
kes_audit_entry_set_patient_name (KesAuditEntry *self,
                                  const char    *patient_name)
{
  g_return_if_fail (KES_IS_AUDIT_ENTRY (self));

  g_free (self->patient_name);
  self->patient_name = g_strdup (patient_name);
}
