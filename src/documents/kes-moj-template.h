/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-tool-definition.h"

G_BEGIN_DECLS

/* Ministry of Justice report templates: structured-form definitions
 * (urn:kestrel:tooldef:1, loaded by kes-tool-definition) shipped in
 * data/templates. Each definition section with a "signer" is a part signed
 * on its own by that supervisor; its items are the part's headings; each
 * field may name the record value it is prefilled from. This is the view of
 * such a definition the report code works with. Immutable once loaded. */

typedef enum
{
  KES_MOJ_TEMPLATE_TEXT,
  KES_MOJ_TEMPLATE_LONG_TEXT,
  KES_MOJ_TEMPLATE_DATE,
  KES_MOJ_TEMPLATE_CHOICE,
  /* A compliance table: a "ref" field prefilled from "conditions.in_force"
   * naming a group of one choice field (the rating, on its scale) and one
   * text field (the evidence); one row per condition of discharge in force
   * during the period (kes_moj_report_add_compliance_table). */
  KES_MOJ_TEMPLATE_CONDITIONS,
} KesMojTemplateFieldType;

typedef struct
{
  char                    *id;       /* "B.contacts_count" */
  char                    *label;
  char                    *hint;     /* or NULL */
  KesMojTemplateFieldType  type;
  char                    *prefill;  /* a kes_store_moj_prefill_values key, or NULL */
  const KesToolScale      *scale;    /* CHOICE: the choices; CONDITIONS: the ratings */
  char                    *rating_label;    /* CONDITIONS: column titles, or NULL */
  char                    *evidence_label;
  char                    *evidence_hint;   /* or NULL */
} KesMojTemplateField;

typedef struct
{
  char      *id;
  char      *title;
  GPtrArray *fields;  /* KesMojTemplateField */
} KesMojTemplateSection;

typedef struct
{
  char      *id;         /* "A" */
  char      *title;
  char      *signer;     /* KES_MOJ_SIGNER_SOCIAL or KES_MOJ_SIGNER_CLINICAL */
  char      *statement;  /* what the signer attests */
  GPtrArray *sections;   /* KesMojTemplateSection */
} KesMojTemplatePart;

typedef struct _KesMojTemplate KesMojTemplate;

/* Loads the definition (safely, validated against the tool XSD) and checks
 * what makes it a report template: every section is a part with a signer
 * Kestrel knows, every field id starts with its part and a dot, every
 * prefill source is one core offers. */
KesMojTemplate            *kes_moj_template_new_from_bytes (GBytes          *xml,
                                                            GError         **error);
KesMojTemplate            *kes_moj_template_ref            (KesMojTemplate  *self);
void                       kes_moj_template_unref          (KesMojTemplate  *self);
const char                *kes_moj_template_get_id         (KesMojTemplate  *self);
const char                *kes_moj_template_get_version    (KesMojTemplate  *self);
const char                *kes_moj_template_get_title      (KesMojTemplate  *self);
const char                *kes_moj_template_get_source     (KesMojTemplate  *self);
/* NULL when the template's wording is confirmed against the MoJ form
 * (data/moj/template-sources.ini, status published); otherwise the words a
 * draft on it must show: "Wording not confirmed against the current MoJ
 * form", and why. A template with no provenance counts as unconfirmed. */
char                      *kes_moj_template_wording_notice (KesMojTemplate  *self);
KesToolDefinition         *kes_moj_template_get_definition (KesMojTemplate  *self);
GPtrArray                 *kes_moj_template_get_parts      (KesMojTemplate  *self);
const KesMojTemplatePart  *kes_moj_template_find_part      (KesMojTemplate  *self,
                                                            const char      *part_id);
const KesMojTemplateField *kes_moj_template_find_field     (KesMojTemplate  *self,
                                                            const char      *field_id);

/* The shipped templates (data/templates in the core resource), newest
 * version first for each id. */
GPtrArray                 *kes_moj_template_list_shipped   (GError         **error);
/* The current template for new reports: the newest shipped version. */
KesMojTemplate            *kes_moj_template_get_current    (GError         **error);
/* The template a report was written on, or NULL with an error naming it. */
KesMojTemplate            *kes_moj_template_find           (const char      *id,
                                                            const char      *version,
                                                            GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesMojTemplate, kes_moj_template_unref)

G_END_DECLS
