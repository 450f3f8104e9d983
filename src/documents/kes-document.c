/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-document"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-document-private.h"
#include "kes-validate.h"

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

static void
set_text (char       **field,
          const char  *value,
          gboolean     multiline)
{
  g_autofree char *clean = kes_document_clean_text (value, multiline);

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

char *
kes_file_name_suggest (const char *what,
                       const char *patient_name,
                       const char *extension)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *date = kes_date_to_iso (today);
  GString *name = g_string_new (what != NULL && *what != '\0' ? what : _("Document"));

  if (patient_name != NULL && *patient_name != '\0')
    g_string_append_printf (name, " – %s", patient_name);
  g_string_append_printf (name, " – %s", date);
  g_strdelimit (name->str, "/\\:*?\"<>|", '-');
  if (extension != NULL)
    g_string_append_printf (name, ".%s", extension);
  return g_string_free (name, FALSE);
}

char *
kes_document_suggest_file_name (KesDocument *self,
                                const char  *extension)
{
  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);

  return kes_file_name_suggest (self->title, self->patient_name, extension);
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
  block->text = kes_document_clean_text (text, FALSE);

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
  block->text = kes_document_clean_text (text, TRUE);

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
      block->headers[i] = kes_document_clean_text (headers != NULL ? headers[i] : "", FALSE);
    }

  return block;
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

KesBlock *
kes_document_add_table (KesDocument        *self,
                        const char * const *headers,
                        const double       *widths)
{
  g_return_val_if_fail (KES_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (headers != NULL && headers[0] != NULL, NULL);

  return add_grid (self, KES_BLOCK_TABLE, g_strv_length ((char **)headers), headers, widths);
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
  block->text = kes_document_clean_text (section, FALSE);
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

