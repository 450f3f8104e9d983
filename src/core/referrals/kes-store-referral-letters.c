/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-referrals"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-store-import-private.h"
#include "kes-store-moj-private.h"
#include "kes-store-private.h"
#include "kes-store-records-private.h"
#include "kes-store-referrals-private.h"
#include "kes-store-referrals.h"
#include "kes-uuid.h"
#include "kes-validate.h"


/* A referral's letters: attachments in `referral_document` (the file and
 * its text), listed, loaded and searched. */

void
kes_referral_document_free (KesReferralDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->id);
  g_free (document->referral_id);
  g_free (document->file_name);
  g_free (document->added_at);
  g_free (document->added_by_name);
  g_free (document->snippet);
  g_free (document);
}

static char *
referral_patient (KesStore    *self,
                  const char  *referral_id,
                  GError     **error)
{
  KesDbStmt *stmt;
  char *patient_id = NULL;

  if (!kes_store_check_referral_record (self, referral_id, "referral", error))
    return NULL;
  stmt = kes_store_prepare (self, "SELECT patient_id FROM record WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, referral_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    patient_id = g_strdup (kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  return patient_id;
}

char *
kes_store_add_referral_document (KesStore    *self,
                                 const char  *referral_id,
                                 const char  *file_name,
                                 GBytes      *content,
                                 guint        page_count,
                                 const char  *text,
                                 GError     **error)
{
  g_autofree char *patient_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = kes_clock_now_iso ();
  g_autofree char *sha = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *base = NULL;
  const guint8 *data;
  gsize size;
  KesDbStmt *stmt;
  KesStaff *actor;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (referral_id != NULL && content != NULL, NULL);

  /* The permission first without the patient, so that whether the
   * referral exists tells no one without it anything. */
  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, NULL, error) ||
      (patient_id = referral_patient (self, referral_id, error)) == NULL ||
      !kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, patient_id, error))
    return NULL;
  data = g_bytes_get_data (content, &size);
  if (size < 5 || memcmp (data, "%PDF-", 5) != 0)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("“%s” is not a PDF file: attach letters as PDF"), file_name != NULL ? file_name : "");
      return NULL;
    }
  actor = kes_store_get_actor (self);

  base = g_path_get_basename (file_name != NULL && *file_name != '\0' ? file_name : "letter.pdf");
  id = kes_uuid_new ();
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  if (!kes_store_savepoint (self, error))
    return NULL;
  stmt = kes_store_prepare (self,
    "INSERT INTO referral_document (id, referral_id, patient_id, file_name, added_at, added_by, "
    "page_count, size, sha256, content, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    error);
  if (stmt == NULL)
    {
      kes_store_rollback_to (self);
      return NULL;
    }
  kes_db_bind_text (stmt, 1, id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, referral_id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 3, patient_id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 4, base, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 5, now, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 6, kes_staff_get_id (actor), -1, KES_DB_COPY);
  kes_db_bind_int (stmt, 7, (int) page_count);
  kes_db_bind_int64 (stmt, 8, (gint64) size);
  kes_db_bind_text (stmt, 9, sha, -1, KES_DB_COPY);
  kes_db_bind_blob (stmt, 10, data, size, KES_DB_COPY);
  kes_db_bind_text (stmt, 11, text != NULL ? text : "", -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not store the letter"));
      kes_db_reset (stmt);
      kes_store_rollback_to (self);
      return NULL;
    }
  kes_db_reset (stmt);
  summary = g_strdup_printf ("referral letter %s, %u pages, sha256 %s", id, page_count, sha);
  if (!kes_store_audit (self, KES_AUDIT_CREATE, referral_id, patient_id, summary, error) ||
      !kes_store_release (self, error))
    {
      if (self->savepoint_depth > 0)
        kes_store_rollback_to (self);
      return NULL;
    }
  return g_steal_pointer (&id);
}

static KesReferralDocument *
document_from_row (KesDbStmt *stmt)
{
  KesReferralDocument *document = g_new0 (KesReferralDocument, 1);

  /* Columns: id, referral_id, file_name, added_at, display_name, page_count, size. */
  document->id = g_strdup (kes_store_column_text (stmt, 0));
  document->referral_id = g_strdup (kes_store_column_text (stmt, 1));
  document->file_name = g_strdup (kes_store_column_text (stmt, 2));
  document->added_at = g_strdup (kes_store_column_text (stmt, 3));
  document->added_by_name = g_strdup (kes_store_column_text (stmt, 4));
  document->page_count = (guint) kes_db_column_int (stmt, 5);
  document->size = kes_db_column_int64 (stmt, 6);
  return document;
}

GPtrArray *
kes_store_list_referral_documents (KesStore    *self,
                                   const char  *referral_id,
                                   GError     **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_referral_document_free);
  g_autofree char *patient_id = NULL;
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if ((patient_id = referral_patient (self, referral_id, error)) == NULL ||
      !kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;
  stmt = kes_store_prepare (self,
    "SELECT d.id, d.referral_id, d.file_name, d.added_at, s.display_name, d.page_count, d.size "
    "FROM referral_document d JOIN staff s ON s.id = d.added_by "
    "WHERE d.referral_id = ?1 ORDER BY d.added_at, d.rowid", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, referral_id, -1, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    g_ptr_array_add (documents, document_from_row (stmt));
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the referral’s letters"));
      return NULL;
    }
  return g_steal_pointer (&documents);
}

GBytes *
kes_store_load_referral_document (KesStore    *self,
                                  const char  *document_id,
                                  GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *patient_id = NULL;
  g_autofree char *referral_id = NULL;
  KesDbStmt *stmt;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  stmt = kes_store_prepare (self,
    "SELECT patient_id, referral_id, content FROM referral_document WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, document_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    {
      patient_id = g_strdup (kes_store_column_text (stmt, 0));
      referral_id = g_strdup (kes_store_column_text (stmt, 1));
      bytes = g_bytes_new (kes_db_column_blob (stmt, 2), kes_db_column_bytes (stmt, 2));
    }
  kes_db_reset (stmt);
  if (bytes == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No referral letter has the id %s"), document_id);
      return NULL;
    }
  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error) ||
      !kes_store_audit_view (self, referral_id, patient_id, "referral letter", error))
    return NULL;
  return g_steal_pointer (&bytes);
}

/* Every word must match, quoted so FTS5 operators stay inert; the last is a prefix. */
static char *
match_query (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  GString *query = g_string_new (NULL);
  guint last = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      last = i;
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append_c (query, '"');
      if (i == last)
        g_string_append_c (query, '*');
    }
  return g_string_free (query, FALSE);
}

GPtrArray *
kes_store_search_referral_documents (KesStore    *self,
                                     const char  *text,
                                     guint        limit,
                                     GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_referral_document_free);
  g_autofree char *match = NULL;
  g_autoptr(GPtrArray) patients = g_ptr_array_new_with_free_func (g_free);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, NULL, error))
    return NULL;
  match = match_query (text);
  if (*match == '\0')
    return g_steal_pointer (&hits);
  stmt = kes_store_prepare (self,
    "SELECT d.id, d.referral_id, d.file_name, d.added_at, s.display_name, d.page_count, d.size, "
    "snippet (referral_document_fts, 1, '«', '»', '…', 16), d.patient_id "
    "FROM referral_document_fts JOIN referral_document d ON d.rowid = referral_document_fts.rowid "
    "JOIN staff s ON s.id = d.added_by JOIN record r ON r.id = d.referral_id "
    "WHERE referral_document_fts MATCH ?1 AND r.state = 'active' "
    "ORDER BY referral_document_fts.rowid DESC LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, match, -1, KES_DB_COPY);
  kes_db_bind_int (stmt, 2, (int) limit);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesReferralDocument *document = document_from_row (stmt);

      document->snippet = g_strdup (kes_store_column_text (stmt, 7));
      g_ptr_array_add (hits, document);
      g_ptr_array_add (patients, g_strdup (kes_store_column_text (stmt, 8)));
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not search the referral letters"));
      return NULL;
    }
  for (guint i = hits->len; i > 0; i--)
    if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patients->pdata[i - 1], NULL))
      g_ptr_array_remove_index (hits, i - 1);
  {
    g_autofree char *summary = g_strdup_printf ("referral letters: %u hits", hits->len);
    if (!kes_store_audit (self, KES_AUDIT_SEARCH, NULL, NULL, summary, error))
      return NULL;
  }
  return g_steal_pointer (&hits);
}
