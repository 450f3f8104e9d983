/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-tool-definition.h"
#include "kes-xml-reader.h"

G_BEGIN_DECLS

/* Shared by the files of a tool definition: the model
 * (kes-tool-definition.c), reading its scales, fields, ratings and items
 * (kes-tool-parse-items.c) and reading the whole definition
 * (kes-tool-definition-load.c). */

/* Definitions are small; anything near these limits is not a form. */
#define TOOL_MAX_BYTES      (4 * 1024 * 1024)
#define TOOL_MAX_TEXT_BYTES (64 * 1024)
#define TOOL_MAX_DEPTH      8

struct _KesToolDefinition
{
  GObject             parent_instance;

  GBytes             *source;
  char               *id;
  char               *version;
  guint               def_version;
  char               *key;
  gboolean            allow_totals;
  char               *title;
  char               *citation;
  KesToolLicenceKind  licence_kind;
  char               *licence_url;
  char               *licence_note;
  guint               review_months;
  gboolean            requires_sign_off;

  GPtrArray          *scales;      /* KesToolScale */
  GPtrArray          *sections;    /* KesToolSection */
  GPtrArray          *groups;      /* KesToolGroup */
  GPtrArray          *summaries;   /* KesToolSummary */
  GPtrArray          *judgements;  /* KesToolField */
  GPtrArray          *all_items;   /* borrowed KesToolItem */
  GHashTable         *items;       /* code -> borrowed KesToolItem */
  GHashTable         *fields;      /* id -> borrowed KesToolField */
};

void kes_tool_point_free  (KesToolPoint  *point);
void kes_tool_rating_free (KesToolRating *rating);
void kes_tool_field_free  (KesToolField  *field);
void kes_tool_item_free   (KesToolItem   *item);

/* ---- Reading a definition ---- */

/* A reference that can only be checked once everything is read. */
typedef struct
{
  KesToolField *field;
  char         *group_id;
  guint         line;
} PendingRef;

typedef struct
{
  KesXmlReader      *reader;
  KesToolDefinition *def;
  GHashTable        *item_lines;  /* code -> line first seen */
  GPtrArray         *pending;     /* PendingRef */
  gboolean           seen_licence;
} Parser;

void          kes_tool_pending_ref_free (PendingRef *ref);

gboolean      kes_tool_parser_fail (Parser      *p,
                                    GError     **error,
                                    const char  *format,
                                    ...) G_GNUC_PRINTF (3, 4);
gboolean      kes_tool_parser_is         (Parser      *p,
                                          const char  *name);
/* Moves to the next child START of the current element; FALSE at its END
 * (*done set) or on error. */
gboolean      kes_tool_parser_next_child (Parser      *p,
                                          gboolean    *done,
                                          GError     **error);
gboolean      kes_tool_parser_finished   (gboolean     done,
                                          GError     **error);
char         *kes_tool_parser_text       (Parser      *p,
                                          GError     **error);
/* Iterates the child elements of the element the reader is on (a START);
 * afterwards finished() tells whether it ended cleanly. */
#define FOR_EACH_CHILD(p, done, error)                                        \
  if (!kes_xml_reader_is_empty_element ((p)->reader))                         \
    while (kes_tool_parser_next_child ((p), &(done), (error)))

gboolean      kes_tool_parse_bool        (const char  *value,
                                          gboolean     fallback);
gboolean      kes_tool_parse_scale       (Parser      *p,
                                          GError     **error);
KesToolField *kes_tool_parse_field       (Parser      *p,
                                          GPtrArray   *into,
                                          GError     **error);
KesToolItem  *kes_tool_parse_item        (Parser          *p,
                                          KesToolSection  *section,
                                          KesToolItem     *parent,
                                          GError         **error);

G_END_DECLS
