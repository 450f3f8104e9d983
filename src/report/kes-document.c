/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-document"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-document.h"

struct _KesBlock
{
  KesBlockKind  kind;
  guint         level;
  char         *text;
  char         *detail;
  char         *role;
  char         *date;
  GStrv         headers;  /* tables: column titles */
  double       *widths;   /* one a column */
  guint         n_columns;
  GPtrArray    *rows;     /* of GStrv, n_columns cells each */
};

struct _KesDocument
{
  GObject    parent_instance;

  char      *type_id;
  char      *title;
  char      *subtitle;
  char      *author;
  char      *subject;
  char      *created_at;
  char      *marking;
  char      *patient_name;
  char      *patient_nhs_number;
  char      *patient_birth_date;

  GPtrArray *blocks;
};

G_DEFINE_FINAL_TYPE (KesDocument, kes_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TYPE_ID,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_AUTHOR,
  PROP_SUBJECT,
  PROP_CREATED_AT,
  PROP_MARKING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Valid UTF-8, no control characters other than newlines (when @multiline)
 * and nothing XML 1.0 cannot carry. */
static char *
clean_text (const char *text,
            gboolean    multiline)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          if (p[1] == '\n')
            continue;
          c = '\n';
        }

      if (c == '\n')
        g_string_append_c (out, multiline ? '\n' : ' ');
      else if (c == '\t')
        g_string_append_c (out, ' ');
      else if (c < 0x20 || c == 0x7f)
        continue;
      else if (c == 0xfffe || c == 0xffff)
        g_string_append_unichar (out, 0xfffd);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static void
set_text (char       **field,
          const char  *value,
          gboolean     multiline)
{
  g_autofree char *clean = clean_text (value, multiline);

  if (clean != NULL && clean[0] == '\0')
    g_clear_pointer (&clean, g_free);

  g_free (*field);
  *field = g_steal_pointer (&clean);
}

/* "Subject Access_Export" -> "subject-access-export": what the schema's
 * type attribute allows. */
static char *
normalise_type_id (const char *text)
{
  GString *id = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (id, g_ascii_tolower (*p));
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }

  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0)
    g_string_append (id, "document");

  return g_string_free (id, FALSE);
}

static void
kes_block_free (KesBlock *block)
{
  g_free (block->text);
  g_free (block->detail);
  g_free (block->role);
  g_free (block->date);
  g_strfreev (block->headers);
  g_free (block->widths);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

static KesBlock *
append_block (KesDocument  *self,
              KesBlockKind  kind)
{
  KesBlock *block = g_new0 (KesBlock, 1);

  block->kind = kind;
  g_ptr_array_add (self->blocks, block);

  return block;
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static void
kes_document_finalize (GObject *object)
{
  KesDocument *self = (KesDocument *)object;

  g_free (self->type_id);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->author);
  g_free (self->subject);
  g_free (self->created_at);
  g_free (self->marking);
  g_free (self->patient_name);
  g_free (self->patient_nhs_number);
  g_free (self->patient_birth_date);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);

  G_OBJECT_CLASS (kes_document_parent_class)->finalize (object);
}

static void
kes_document_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KesDocument *self = KES_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TYPE_ID:
      g_value_set_string (value, self->type_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;

    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;

    case PROP_MARKING:
      g_value_set_string (value, self->marking);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_document_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KesDocument *self = KES_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TYPE_ID:
      g_free (self->type_id);
      self->type_id = normalise_type_id (g_value_get_string (value));
      break;

    case PROP_TITLE:
      kes_document_set_title (self, g_value_get_string (value));
      break;

    case PROP_SUBTITLE:
      kes_document_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_AUTHOR:
      kes_document_set_author (self, g_value_get_string (value));
      break;

    case PROP_SUBJECT:
      kes_document_set_subject (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      kes_document_set_created_at (self, g_value_get_string (value));
      break;

    case PROP_MARKING:
      kes_document_set_marking (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_document_class_init (KesDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kes_document_finalize;
  object_class->get_property = kes_document_get_property;
  object_class->set_property = kes_document_set_property;

  properties [PROP_TYPE_ID] =
    g_param_spec_string ("type-id", NULL, NULL, "document",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_MARKING] =
    g_param_spec_string ("marking", NULL, NULL, KES_DOCUMENT_DEFAULT_MARKING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kes_document_init (KesDocument *self)
{
  self->type_id = g_strdup ("document");
  self->created_at = now_iso ();
  self->marking = g_strdup (KES_DOCUMENT_DEFAULT_MARKING);
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)kes_block_free);
}

KesDocument *
kes_document_new (const char *type_id,
                  const char *title)
{
  return g_object_new (KES_TYPE_DOCUMENT,
                       "type-id", type_id,
                       "title", title,
                       NULL);
}

const char *
kes_document_get_type_id (KesDocument *self)
{
  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);

  return self->type_id;
}

#define TEXT_ACCESSORS(field, PROP)                                   \
const char *                                                          \
kes_document_get_##field (KesDocument *self)                          \
{                                                                     \
  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);                \
  return self->field;                                                 \
}                                                                     \
void                                                                  \
kes_document_set_##field (KesDocument *self,                          \
                          const char  *value)                         \
{                                                                     \
  g_autofree char *old = NULL;                                        \
  g_return_if_fail (KES_IS_DOCUMENT (self));                          \
  old = g_strdup (self->field);                                       \
  set_text (&self->field, value, FALSE);                              \
  if (g_strcmp0 (old, self->field) != 0)                              \
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP]);    \
}

TEXT_ACCESSORS (title, PROP_TITLE)
TEXT_ACCESSORS (subtitle, PROP_SUBTITLE)
TEXT_ACCESSORS (author, PROP_AUTHOR)
TEXT_ACCESSORS (subject, PROP_SUBJECT)

#undef TEXT_ACCESSORS

const char *
kes_document_get_created_at (KesDocument *self)
{
  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);

  return self->created_at;
}

/* Returns FALSE, leaving the time as it was, when @iso_time is not an ISO
 * 8601 time with a zone. The time is kept in UTC to the second. */
gboolean
kes_document_set_created_at (KesDocument *self,
                             const char  *iso_time)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (KES_IS_DOCUMENT (self), FALSE);

  if (iso_time == NULL)
    return FALSE;

  parsed = g_date_time_new_from_iso8601 (iso_time, NULL);
  if (parsed == NULL)
    return FALSE;

  utc = g_date_time_to_utc (parsed);
  g_free (self->created_at);
  self->created_at = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED_AT]);

  return TRUE;
}

const char *
kes_document_get_marking (KesDocument *self)
{
  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);

  return self->marking;
}

void
kes_document_set_marking (KesDocument *self,
                          const char  *marking)
{
  g_return_if_fail (KES_IS_DOCUMENT (self));

  set_text (&self->marking, marking, FALSE);
  if (self->marking == NULL)
    self->marking = g_strdup (KES_DOCUMENT_DEFAULT_MARKING);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MARKING]);
}

void
kes_document_set_patient (KesDocument *self,
                          const char  *name,
                          const char  *nhs_number,
                          const char  *birth_date)
{
  g_autoptr(GString) digits = NULL;

  g_return_if_fail (KES_IS_DOCUMENT (self));

  set_text (&self->patient_name, name, FALSE);
  set_text (&self->patient_birth_date, birth_date, FALSE);

  g_clear_pointer (&self->patient_nhs_number, g_free);
  if (nhs_number != NULL)
    {
      digits = g_string_new (NULL);
      for (const char *p = nhs_number; *p != '\0'; p++)
        if (*p != ' ' && *p != '-')
          g_string_append_c (digits, *p);
      set_text (&self->patient_nhs_number, digits->str, FALSE);
    }
}

const char *
kes_document_get_patient_name (KesDocument *self)
{
  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);

  return self->patient_name;
}

const char *
kes_document_get_patient_nhs_number (KesDocument *self)
{
  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);

  return self->patient_nhs_number;
}

const char *
kes_document_get_patient_birth_date (KesDocument *self)
{
  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);

  return self->patient_birth_date;
}

gboolean
kes_document_has_patient (KesDocument *self)
{
  g_return_val_if_fail (KES_IS_DOCUMENT (self), FALSE);

  return self->patient_name != NULL
      || self->patient_nhs_number != NULL
      || self->patient_birth_date != NULL;
}

const KesBlock *
kes_document_add_heading (KesDocument *self,
                          guint        level,
                          const char  *text)
{
  KesBlock *block;

  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (level >= 1 && level <= 3, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  block = append_block (self, KES_BLOCK_HEADING);
  block->level = level;
  block->text = clean_text (text, FALSE);

  return block;
}

const KesBlock *
kes_document_add_paragraph (KesDocument *self,
                            const char  *text)
{
  KesBlock *block;

  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  block = append_block (self, KES_BLOCK_PARAGRAPH);
  block->text = clean_text (text, TRUE);

  return block;
}

static KesBlock *
add_grid (KesDocument        *self,
          KesBlockKind        kind,
          guint               n_columns,
          const char * const *headers,
          const double       *widths)
{
  KesBlock *block = append_block (self, kind);

  block->n_columns = n_columns;
  block->widths = g_new (double, n_columns);
  block->headers = g_new0 (char *, n_columns + 1);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);

  for (guint i = 0; i < n_columns; i++)
    {
      block->widths[i] = (widths != NULL && widths[i] > 0) ? widths[i] : 1.0;
      block->headers[i] = clean_text (headers != NULL ? headers[i] : "", FALSE);
    }

  return block;
}

static void
add_cells (KesBlock           *block,
           const char * const *cells,
           guint               n_cells)
{
  GStrv row = g_new0 (char *, block->n_columns + 1);

  for (guint i = 0; i < block->n_columns; i++)
    {
      const char *cell = i < n_cells ? cells[i] : NULL;

      row[i] = clean_text (cell != NULL ? cell : "", TRUE);
    }

  g_ptr_array_add (block->rows, row);
}

KesBlock *
kes_document_add_key_values (KesDocument        *self,
                             const char * const *pairs)
{
  KesBlock *block;

  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);

  block = add_grid (self, KES_BLOCK_KEY_VALUES, 2, NULL, (const double[]) { 2, 3 });

  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i += 2)
    {
      kes_block_add_key_value (block, pairs[i], pairs[i + 1]);
      if (pairs[i + 1] == NULL)
        break;
    }

  return block;
}

void
kes_block_add_key_value (KesBlock   *block,
                         const char *label,
                         const char *value)
{
  const char *cells[] = { label, value };

  g_return_if_fail (block != NULL && block->kind == KES_BLOCK_KEY_VALUES);
  g_return_if_fail (label != NULL);

  add_cells (block, cells, 2);
}

KesBlock *
kes_document_add_table (KesDocument        *self,
                        const char * const *headers,
                        const double       *widths)
{
  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (headers != NULL && headers[0] != NULL, NULL);

  return add_grid (self, KES_BLOCK_TABLE, g_strv_length ((char **)headers), headers, widths);
}

void
kes_block_add_row (KesBlock           *block,
                   const char * const *cells)
{
  guint n_cells;

  g_return_if_fail (block != NULL && block->kind == KES_BLOCK_TABLE);
  g_return_if_fail (cells != NULL);

  n_cells = g_strv_length ((char **)cells);
  g_return_if_fail (n_cells <= block->n_columns);

  add_cells (block, cells, n_cells);
}

void
kes_block_add_row_cells (KesBlock   *block,
                         const char *first_cell,
                         ...)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  va_list args;

  g_return_if_fail (block != NULL && block->kind == KES_BLOCK_TABLE);

  va_start (args, first_cell);
  for (const char *cell = first_cell; cell != NULL; cell = va_arg (args, const char *))
    g_ptr_array_add (cells, (gpointer)cell);
  va_end (args);
  g_ptr_array_add (cells, NULL);

  kes_block_add_row (block, (const char * const *)cells->pdata);
}

KesBlock *
kes_document_add_list (KesDocument        *self,
                       const char * const *items)
{
  KesBlock *block;

  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);

  block = add_grid (self, KES_BLOCK_LIST, 1, NULL, NULL);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    kes_block_add_item (block, items[i]);

  return block;
}

void
kes_block_add_item (KesBlock   *block,
                    const char *item)
{
  g_return_if_fail (block != NULL && block->kind == KES_BLOCK_LIST);
  g_return_if_fail (item != NULL);

  add_cells (block, &item, 1);
}

const KesBlock *
kes_document_add_signature (KesDocument *self,
                            const char  *statement,
                            const char  *name,
                            const char  *role,
                            const char  *date)
{
  KesBlock *block;

  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);

  block = append_block (self, KES_BLOCK_SIGNATURE);
  set_text (&block->detail, statement, TRUE);
  set_text (&block->text, name, FALSE);
  set_text (&block->role, role, FALSE);
  set_text (&block->date, date, FALSE);

  return block;
}

const KesBlock *
kes_document_add_not_completed (KesDocument *self,
                                const char  *section,
                                const char  *reason)
{
  KesBlock *block;

  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (section != NULL, NULL);

  block = append_block (self, KES_BLOCK_NOT_COMPLETED);
  block->text = clean_text (section, FALSE);
  set_text (&block->detail, reason, TRUE);

  return block;
}

const KesBlock *
kes_document_add_page_break (KesDocument *self)
{
  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);

  return append_block (self, KES_BLOCK_PAGE_BREAK);
}

guint
kes_document_get_n_blocks (KesDocument *self)
{
  g_return_val_if_fail (KES_IS_DOCUMENT (self), 0);

  return self->blocks->len;
}

const KesBlock *
kes_document_get_block (KesDocument *self,
                        guint        position)
{
  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (position < self->blocks->len, NULL);

  return g_ptr_array_index (self->blocks, position);
}

KesBlockKind
kes_block_get_kind (const KesBlock *block)
{
  return block->kind;
}

guint
kes_block_get_level (const KesBlock *block)
{
  return block->level;
}

const char *
kes_block_get_text (const KesBlock *block)
{
  return block->text;
}

const char *
kes_block_get_detail (const KesBlock *block)
{
  return block->detail;
}

const char *
kes_block_get_role (const KesBlock *block)
{
  return block->role;
}

const char *
kes_block_get_date (const KesBlock *block)
{
  return block->date;
}

guint
kes_block_get_n_columns (const KesBlock *block)
{
  return block->n_columns;
}

const char *
kes_block_get_header (const KesBlock *block,
                      guint           column)
{
  g_return_val_if_fail (column < block->n_columns, NULL);

  return block->headers[column];
}

double
kes_block_get_width (const KesBlock *block,
                     guint           column)
{
  g_return_val_if_fail (column < block->n_columns, 0);

  return block->widths[column];
}

guint
kes_block_get_n_rows (const KesBlock *block)
{
  return block->rows != NULL ? block->rows->len : 0;
}

const char *
kes_block_get_cell (const KesBlock *block,
                    guint           row,
                    guint           column)
{
  g_return_val_if_fail (block->rows != NULL && row < block->rows->len, NULL);
  g_return_val_if_fail (column < block->n_columns, NULL);

  return ((GStrv)g_ptr_array_index (block->rows, row))[column];
}

const char *
kes_block_kind_to_string (KesBlockKind kind)
{
  switch (kind)
    {
    case KES_BLOCK_HEADING:       return "heading";
    case KES_BLOCK_PARAGRAPH:     return "paragraph";
    case KES_BLOCK_KEY_VALUES:    return "key-values";
    case KES_BLOCK_TABLE:         return "table";
    case KES_BLOCK_LIST:          return "list";
    case KES_BLOCK_SIGNATURE:     return "signature";
    case KES_BLOCK_NOT_COMPLETED: return "not-completed";
    case KES_BLOCK_PAGE_BREAK:    return "page-break";
    default:                      g_return_val_if_reached (NULL);
    }
}

char *
kes_document_format_nhs_number (const char *digits)
{
  if (digits == NULL)
    return NULL;

  if (strlen (digits) != 10 || strspn (digits, "0123456789") != 10)
    return g_strdup (digits);

  return g_strdup_printf ("%.3s %.3s %.4s", digits, digits + 3, digits + 6);
}
