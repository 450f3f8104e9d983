/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Structured forms defined as data (urn:kestrel:tooldef:1, the XSD
 * data/schemas/kestrel-tool-1.xsd): risk tools (HCR-20, START, SAPROF,
 * DUNDRUM…), formulations and report templates. A definition is a tree of
 * sections holding items (with rating slots on named scales, sub-items and
 * evidence fields) and plain fields, repeating groups whose fields may refer
 * to entries of another group, computed summaries and final judgements.
 *
 * A KesToolDefinition is immutable once loaded: the structs it hands out
 * belong to it and must not be changed. Kestrel never derives a risk level
 * from ratings; summaries are counts, and sums only where the definition
 * allows totals. */

#define KES_SCHEMA_TOOL "kestrel-tool-1"
#define KES_TOOL_NAMESPACE "urn:kestrel:tooldef:1"

typedef enum
{
  KES_TOOL_TEXT_EMBEDDED,      /* the definition carries the item's wording */
  KES_TOOL_TEXT_USER_SUPPLIED, /* wording comes from the user's licence */
  KES_TOOL_TEXT_NONE,          /* the item has a code only */
} KesToolTextSource;

typedef enum
{
  KES_TOOL_LICENCE_OPEN,
  KES_TOOL_LICENCE_ATTRIBUTION,
  KES_TOOL_LICENCE_ATTRIBUTION_NO_DERIVATIVES,
  KES_TOOL_LICENCE_PROPRIETARY_FRAME_ONLY,
  KES_TOOL_LICENCE_LICENSED_WORDING,
  KES_TOOL_LICENCE_LOCAL,
} KesToolLicenceKind;

typedef enum
{
  KES_TOOL_FIELD_TEXT,
  KES_TOOL_FIELD_RICHTEXT,
  KES_TOOL_FIELD_DATE,
  KES_TOOL_FIELD_CHOICE, /* one point of a scale */
  KES_TOOL_FIELD_REF,    /* entries of another group */
} KesToolFieldType;

typedef enum
{
  KES_TOOL_SUMMARY_COUNT,
  KES_TOOL_SUMMARY_SUM,
  KES_TOOL_SUMMARY_MISSING,
  KES_TOOL_SUMMARY_MAX,
} KesToolSummaryOp;

typedef struct _KesToolPoint     KesToolPoint;
typedef struct _KesToolScale     KesToolScale;
typedef struct _KesToolRating    KesToolRating;
typedef struct _KesToolField     KesToolField;
typedef struct _KesToolItem      KesToolItem;
typedef struct _KesToolSection   KesToolSection;
typedef struct _KesToolGroup     KesToolGroup;
typedef struct _KesToolSummary   KesToolSummary;

struct _KesToolPoint
{
  char     *code;
  char     *label;
  int       ordinal;
  gboolean  has_ordinal;
  gboolean  missing;  /* "Omit", "Insufficient information": rated, but no value */
};

struct _KesToolScale
{
  char      *id;
  GPtrArray *points;  /* KesToolPoint */
};

struct _KesToolRating
{
  char                *name;
  char                *label;       /* the name when the definition gives none */
  const KesToolScale  *scale;
  /* A slot rated only when another slot of the same item holds one of
   * @when_points (HCR-20 V3: relevance only for a factor present or
   * partially present); both NULL for a slot always rated. */
  const KesToolRating *depends_on;
  GStrv                when_points;
};

struct _KesToolField
{
  char               *id;
  KesToolFieldType    type;
  char               *label;
  char               *hint;       /* or NULL */
  const KesToolScale *scale;      /* CHOICE */
  const KesToolGroup *ref_group;  /* REF */
  gboolean            required;
  char               *prefill;    /* report templates: record value it starts from, or NULL */
};

struct _KesToolItem
{
  char                 *code;
  char                 *title;        /* or NULL (user-supplied wording not loaded) */
  KesToolTextSource     text_source;
  GPtrArray            *ratings;      /* KesToolRating */
  GPtrArray            *subitems;     /* KesToolItem */
  GPtrArray            *fields;       /* KesToolField */
  const KesToolItem    *parent;       /* for a sub-item */
  const KesToolSection *section;
};

struct _KesToolSection
{
  char      *code;
  char      *title;
  char      *description;  /* or NULL */
  GPtrArray *items;        /* KesToolItem */
  GPtrArray *fields;       /* KesToolField: free text in the section */
  GArray    *entries;      /* KesToolSectionEntry: items and fields in declared order */
  char      *signer;       /* report templates: the role signing this part, or NULL */
};

typedef struct
{
  const KesToolItem  *item;   /* one of the two is set */
  const KesToolField *field;
} KesToolSectionEntry;

struct _KesToolGroup
{
  char      *id;
  char      *title;
  char      *description;  /* or NULL */
  char      *entry_label;  /* "Scenario"; the title when not given */
  GPtrArray *fields;       /* KesToolField */
};

struct _KesToolSummary
{
  char              *id;
  KesToolSummaryOp   op;
  char              *rating;    /* rating slot name */
  char             **values;    /* COUNT: point codes counted; NULL for every rated item */
  char             **sections;  /* section codes, NULL for all */
  char              *label;
};

#define KES_TYPE_TOOL_DEFINITION (kes_tool_definition_get_type ())
G_DECLARE_FINAL_TYPE (KesToolDefinition, kes_tool_definition, KES, TOOL_DEFINITION, GObject)

/* Reads a definition safely (no DOCTYPE, no network, bounded), validates it
 * against the XSD and checks what the XSD cannot (every reference resolves,
 * sums only where totals are allowed). Errors are KES_REPORT_ERROR and name
 * the line and the problem; nothing is returned unless all of it is sound. */
KesToolDefinition  *kes_tool_definition_new_from_bytes   (GBytes             *xml,
                                                          GError            **error);
KesToolDefinition  *kes_tool_definition_new_from_file    (const char         *path,
                                                          GError            **error);

/* The XML it was loaded from, byte for byte. */
GBytes             *kes_tool_definition_get_source       (KesToolDefinition  *self);

const char         *kes_tool_definition_get_id           (KesToolDefinition  *self);
const char         *kes_tool_definition_get_version      (KesToolDefinition  *self);
guint               kes_tool_definition_get_def_version  (KesToolDefinition  *self);
/* "DUNDRUM-1 1.0.30 #1": tool id, version and definition version. */
const char         *kes_tool_definition_get_key          (KesToolDefinition  *self);
gboolean            kes_tool_definition_get_allow_totals (KesToolDefinition  *self);
const char         *kes_tool_definition_get_title        (KesToolDefinition  *self);
const char         *kes_tool_definition_get_citation     (KesToolDefinition  *self);
KesToolLicenceKind  kes_tool_definition_get_licence_kind (KesToolDefinition  *self);
const char         *kes_tool_definition_get_licence_url  (KesToolDefinition  *self);
const char         *kes_tool_definition_get_licence_note (KesToolDefinition  *self);
guint               kes_tool_definition_get_review_months (KesToolDefinition *self);
gboolean            kes_tool_definition_get_requires_sign_off (KesToolDefinition *self);

GPtrArray          *kes_tool_definition_get_scales       (KesToolDefinition  *self);
GPtrArray          *kes_tool_definition_get_sections     (KesToolDefinition  *self);
GPtrArray          *kes_tool_definition_get_groups       (KesToolDefinition  *self);
GPtrArray          *kes_tool_definition_get_summaries    (KesToolDefinition  *self);
GPtrArray          *kes_tool_definition_get_judgements   (KesToolDefinition  *self);
/* Every item and sub-item in document order (an item before its sub-items). */
GPtrArray          *kes_tool_definition_get_all_items    (KesToolDefinition  *self);

const KesToolScale *kes_tool_definition_find_scale       (KesToolDefinition  *self,
                                                          const char         *id);
const KesToolItem  *kes_tool_definition_find_item        (KesToolDefinition  *self,
                                                          const char         *code);
const KesToolGroup *kes_tool_definition_find_group       (KesToolDefinition  *self,
                                                          const char         *id);
/* Any field of a section, an item, a group or a judgement, by id. */
const KesToolField *kes_tool_definition_find_field       (KesToolDefinition  *self,
                                                          const char         *id);

const KesToolPoint *kes_tool_scale_find_point            (const KesToolScale *scale,
                                                          const char         *code);
/* The item's title, or the honest note for wording the user's licence supplies. */
const char         *kes_tool_item_get_display_title      (const KesToolItem  *item);
const char         *kes_tool_licence_kind_to_label       (KesToolLicenceKind  kind);

G_END_DECLS
