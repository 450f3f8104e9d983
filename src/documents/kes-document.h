/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The marking every document carries unless told otherwise (Government
 * Security Classifications: patient data is OFFICIAL-SENSITIVE). */
#define KES_DOCUMENT_DEFAULT_MARKING "OFFICIAL-SENSITIVE"

/* The block kinds a document is made of, in the order the XML schema lists
 * them. */
typedef enum
{
  KES_BLOCK_HEADING,       /* level 1–3; a bookmark in the PDF */
  KES_BLOCK_PARAGRAPH,     /* wrapping text; "\n" starts a new line */
  KES_BLOCK_KEY_VALUES,    /* two columns: label, value */
  KES_BLOCK_TABLE,         /* header row and rows; relative column widths */
  KES_BLOCK_LIST,          /* bullet list */
  KES_BLOCK_SIGNATURE,     /* attestation: statement, name, role, date, line to sign on */
  KES_BLOCK_NOT_COMPLETED, /* a section deliberately left empty, and why */
  KES_BLOCK_PAGE_BREAK,
} KesBlockKind;

/* A block belongs to its document; the pointers handed out by the add
 * functions stay valid for the document's lifetime. */
typedef struct _KesBlock KesBlock;

/* A report built once from the record and rendered to PDF and to XML.
 * Renderers only read it; they never go back to the store. Every text is
 * kept as valid UTF-8 without control characters (bad input is repaired on
 * the way in), so both renderers can take it as it is. */
#define KES_TYPE_DOCUMENT (kes_document_get_type ())
G_DECLARE_FINAL_TYPE (KesDocument, kes_document, KES, DOCUMENT, GObject)

/* @type_id names the kind of document, e.g. "patient-summary" (lower case,
 * digits and hyphens; anything else is turned into hyphens). */
KesDocument    *kes_document_new                  (const char         *type_id,
                                                   const char         *title);

const char     *kes_document_get_type_id          (KesDocument        *self);
const char     *kes_document_get_title            (KesDocument        *self);
void            kes_document_set_title            (KesDocument        *self,
                                                   const char         *title);
const char     *kes_document_get_subtitle         (KesDocument        *self);
void            kes_document_set_subtitle         (KesDocument        *self,
                                                   const char         *subtitle);
const char     *kes_document_get_author           (KesDocument        *self);
void            kes_document_set_author           (KesDocument        *self,
                                                   const char         *author);
const char     *kes_document_get_subject          (KesDocument        *self);
void            kes_document_set_subject          (KesDocument        *self,
                                                   const char         *subject);
/* ISO 8601 UTC, "2026-11-21T09:00:00Z". Written into the PDF and XML as the
 * creation time, so the same document and time give the same bytes. */
const char     *kes_document_get_created_at       (KesDocument        *self);
gboolean        kes_document_set_created_at       (KesDocument        *self,
                                                   const char         *iso_time);
const char     *kes_document_get_marking          (KesDocument        *self);
void            kes_document_set_marking          (KesDocument        *self,
                                                   const char         *marking);

/* Whom the document is about, shown on every page. @nhs_number is ten digits
 * (spaces are dropped); @birth_date is YYYY-MM-DD. Any may be NULL. */
void            kes_document_set_patient          (KesDocument        *self,
                                                   const char         *name,
                                                   const char         *nhs_number,
                                                   const char         *birth_date);
const char     *kes_document_get_patient_name     (KesDocument        *self);
const char     *kes_document_get_patient_nhs_number (KesDocument      *self);
const char     *kes_document_get_patient_birth_date (KesDocument      *self);
gboolean        kes_document_has_patient          (KesDocument        *self);

/* The name a saved copy is offered under: what it is, whom it is about and
 * the day, "Patient summary – SMITH, Alex – 2026-11-21.pdf", so a folder of
 * saved documents reads at a glance. Characters that file systems or
 * shells trip on (/ \ : * ? " < > |) become "-". @patient_name may be NULL
 * (a team report); @extension ("pdf") may be NULL for a folder. */
char           *kes_file_name_suggest             (const char         *what,
                                                   const char         *patient_name,
                                                   const char         *extension);
/* kes_file_name_suggest() for @self: its title and its patient. */
char           *kes_document_suggest_file_name    (KesDocument        *self,
                                                   const char         *extension);

/* ---- Building ---- */
const KesBlock *kes_document_add_heading          (KesDocument        *self,
                                                   guint               level,
                                                   const char         *text);
const KesBlock *kes_document_add_paragraph        (KesDocument        *self,
                                                   const char         *text);
/* @pairs: label, value, label, value, …, NULL (may be NULL for an empty
 * table to fill with kes_block_add_key_value()). */
KesBlock       *kes_document_add_key_values       (KesDocument        *self,
                                                   const char * const *pairs);
/* A NULL or empty value is kept as an empty value. */
void            kes_block_add_key_value           (KesBlock           *block,
                                                   const char         *label,
                                                   const char         *value);
/* @headers: NULL-terminated column titles. @widths: one relative width a
 * column (e.g. {1, 1, 3}), or NULL for equal columns. */
KesBlock       *kes_document_add_table            (KesDocument        *self,
                                                   const char * const *headers,
                                                   const double       *widths);
/* @cells: NULL-terminated; missing cells are empty, extra cells are an error. */
void            kes_block_add_row                 (KesBlock           *block,
                                                   const char * const *cells);
void            kes_block_add_row_cells           (KesBlock           *block,
                                                   const char         *first_cell,
                                                   ...) G_GNUC_NULL_TERMINATED;
KesBlock       *kes_document_add_list             (KesDocument        *self,
                                                   const char * const *items);
void            kes_block_add_item                (KesBlock           *block,
                                                   const char         *item);
/* @statement (may be NULL) is what the signer attests to; @date is
 * YYYY-MM-DD or NULL to leave a space to write it in. */
const KesBlock *kes_document_add_signature        (KesDocument        *self,
                                                   const char         *statement,
                                                   const char         *name,
                                                   const char         *role,
                                                   const char         *date);
/* @reason may be NULL. */
const KesBlock *kes_document_add_not_completed    (KesDocument        *self,
                                                   const char         *section,
                                                   const char         *reason);
const KesBlock *kes_document_add_page_break       (KesDocument        *self);

/* ---- Reading (for renderers) ---- */
guint           kes_document_get_n_blocks         (KesDocument        *self);
const KesBlock *kes_document_get_block            (KesDocument        *self,
                                                   guint               position);

KesBlockKind    kes_block_get_kind                (const KesBlock     *block);
/* Heading level, 1–3; 0 for other blocks. */
guint           kes_block_get_level               (const KesBlock     *block);
/* Heading and paragraph text; the section of a not-completed marker; the
 * signer's name. */
const char     *kes_block_get_text                (const KesBlock     *block);
/* The reason of a not-completed marker; the statement of a signature. */
const char     *kes_block_get_detail              (const KesBlock     *block);
/* Signature only: role and date (YYYY-MM-DD), either may be NULL. */
const char     *kes_block_get_role                (const KesBlock     *block);
const char     *kes_block_get_date                (const KesBlock     *block);
/* Tables: the columns. Key–value tables have two untitled columns, lists one. */
guint           kes_block_get_n_columns           (const KesBlock     *block);
const char     *kes_block_get_header              (const KesBlock     *block,
                                                   guint               column);
double          kes_block_get_width               (const KesBlock     *block,
                                                   guint               column);
/* Rows of tables and key–value tables; items of lists. */
guint           kes_block_get_n_rows              (const KesBlock     *block);
const char     *kes_block_get_cell                (const KesBlock     *block,
                                                   guint               row,
                                                   guint               column);

/* Helpers both renderers share. */
const char     *kes_block_kind_to_string          (KesBlockKind        kind);
/* "9434765919" -> "943 476 5919"; other input is returned as it is. */
char           *kes_document_format_nhs_number    (const char         *digits);

G_END_DECLS
