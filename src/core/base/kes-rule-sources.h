/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where every clinical rule and code list Kestrel ships comes from.
 *
 * Rule files (the .ini files under rules/ and moj/) are groups of rules; each group is
 * one block with one source, given by provenance keys (source, issuer,
 * published, section, url, status, note, reviewed, review-by). Every other
 * key is a rule, with the id "FILE:GROUP.KEY" ("medication:lithium-toxic.toxic").
 * Code lists (the .tsv files under codes/) carry the same keys as "#@ key: value" lines; a
 * list is one block and one rule, "codes:NAME".
 *
 * The block's status says how far its values can be trusted:
 *   published   - checked against the cited source;
 *   unconfirmed - no public copy of the source could be read (note says what);
 *   local       - a Kestrel or local choice, not a published clinical rule. */

typedef enum
{
  KES_SOURCE_PUBLISHED,
  KES_SOURCE_UNCONFIRMED,
  KES_SOURCE_LOCAL,
} KesSourceStatus;

typedef struct
{
  char            *id;        /* "medication:clozapine-schedule", "codes:mappa-category" */
  char            *file;      /* "rules/medication.ini" */
  char            *title;     /* the source's title */
  char            *issuer;
  char            *published;
  char            *section;
  char            *url;
  char            *note;
  char            *reviewed;  /* YYYY-MM-DD */
  char            *review_by; /* YYYY-MM-DD */
  KesSourceStatus  status;
  char            *status_text; /* as written in the file */
  GPtrArray       *rule_ids;  /* char*: "medication:clozapine-schedule.weekly-until-week" */
  GPtrArray       *values;    /* char*, beside rule_ids; a code list's codes joined by ", " */
} KesRuleSource;

/* Every block of every rule file and code list in the core resource, in
 * file order. Never NULL: a file that can't be read is a block whose
 * problems say so. Free with g_ptr_array_unref. */
GPtrArray       *kes_rule_sources_load            (void);
/* The block with @id ("medication:lithium-target"), from a cached load;
 * NULL if there is none. */
const KesRuleSource *kes_rule_source_lookup       (const char            *id);

/* TRUE when the block's review-by date is before @today (or can't be read). */
gboolean         kes_rule_source_review_overdue   (const KesRuleSource   *source,
                                                   const GDate           *today);
/* What is missing or malformed in the block's provenance, in plain words;
 * an empty array when nothing is. */
GPtrArray       *kes_rule_source_problems         (const KesRuleSource   *source);

const char      *kes_rule_source_status_to_string (KesSourceStatus        status);
/* "Published source", "Not confirmed against its source", "Local choice". */
const char      *kes_rule_source_status_label     (KesSourceStatus        status);
/* One line naming the source for a screen or a PDF: "Title (Issuer, date), section". */
char            *kes_rule_source_citation         (const KesRuleSource   *source);

void             kes_rule_source_free             (KesRuleSource         *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesRuleSource, kes_rule_source_free)

G_END_DECLS
