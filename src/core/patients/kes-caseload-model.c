/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-caseload-model"

#include "config.h"

#include <string.h>

#include "kes-caseload-model.h"
#include "kes-text-search.h"

/* ---- Row ---- */

struct _KesCaseloadRow
{
  GObject  parent_instance;
  char    *patient_id;
  char    *display_name;
  char    *sort_name;
  char    *nhs_number;
  char    *mhcs_reference;
  char    *birth_date;
  char    *team_id;
  char    *team_name;
  char    *coordinator_id;
  char    *coordinator_name;
  char    *legal_status;
  char    *haystack; /* folded text the search matches against */
};

G_DEFINE_FINAL_TYPE (KesCaseloadRow, kes_caseload_row, G_TYPE_OBJECT)

static void
kes_caseload_row_finalize (GObject *object)
{
  KesCaseloadRow *self = (KesCaseloadRow *) object;

  g_free (self->patient_id);
  g_free (self->display_name);
  g_free (self->sort_name);
  g_free (self->nhs_number);
  g_free (self->mhcs_reference);
  g_free (self->birth_date);
  g_free (self->team_id);
  g_free (self->team_name);
  g_free (self->coordinator_id);
  g_free (self->coordinator_name);
  g_free (self->legal_status);
  g_free (self->haystack);
  G_OBJECT_CLASS (kes_caseload_row_parent_class)->finalize (object);
}

static void
kes_caseload_row_class_init (KesCaseloadRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_caseload_row_finalize;
}

static void
kes_caseload_row_init (KesCaseloadRow *self)
{
}

KesCaseloadRow *
kes_caseload_row_new (const char *patient_id,
                      const char *display_name,
                      const char *sort_name,
                      const char *nhs_number,
                      const char *mhcs_reference,
                      const char *birth_date,
                      const char *team_id,
                      const char *team_name,
                      const char *coordinator_id,
                      const char *coordinator_name,
                      const char *legal_status)
{
  KesCaseloadRow *self = g_object_new (KES_TYPE_CASELOAD_ROW, NULL);
  g_autofree char *joined = NULL;

  self->patient_id = g_strdup (patient_id);
  self->display_name = g_strdup (display_name);
  self->sort_name = g_strdup (sort_name);
  self->nhs_number = g_strdup (nhs_number);
  self->mhcs_reference = g_strdup (mhcs_reference);
  self->birth_date = g_strdup (birth_date);
  self->team_id = g_strdup (team_id);
  self->team_name = g_strdup (team_name);
  self->coordinator_id = g_strdup (coordinator_id);
  self->coordinator_name = g_strdup (coordinator_name);
  self->legal_status = g_strdup (legal_status);

  joined = g_strjoin ("\x1f", display_name != NULL ? display_name : "",
                      nhs_number != NULL ? nhs_number : "",
                      mhcs_reference != NULL ? mhcs_reference : "", NULL);
  self->haystack = kes_text_fold (joined);
  return self;
}

const char *kes_caseload_row_get_patient_id (KesCaseloadRow *self) { return self->patient_id; }
const char *kes_caseload_row_get_display_name (KesCaseloadRow *self) { return self->display_name; }
const char *kes_caseload_row_get_sort_name (KesCaseloadRow *self) { return self->sort_name; }
const char *kes_caseload_row_get_nhs_number (KesCaseloadRow *self) { return self->nhs_number; }
const char *kes_caseload_row_get_mhcs_reference (KesCaseloadRow *self) { return self->mhcs_reference; }
const char *kes_caseload_row_get_birth_date (KesCaseloadRow *self) { return self->birth_date; }
const char *kes_caseload_row_get_team_id (KesCaseloadRow *self) { return self->team_id; }
const char *kes_caseload_row_get_team_name (KesCaseloadRow *self) { return self->team_name; }
const char *kes_caseload_row_get_coordinator_id (KesCaseloadRow *self) { return self->coordinator_id; }
const char *kes_caseload_row_get_coordinator_name (KesCaseloadRow *self) { return self->coordinator_name; }
const char *kes_caseload_row_get_legal_status (KesCaseloadRow *self) { return self->legal_status; }

guint
kes_caseload_rows_count_coordinated (GPtrArray  *rows,
                                     const char *staff_id)
{
  guint n = 0;

  g_return_val_if_fail (rows != NULL, 0);

  for (guint i = 0; staff_id != NULL && i < rows->len; i++)
    if (g_strcmp0 (kes_caseload_row_get_coordinator_id (rows->pdata[i]), staff_id) == 0)
      n++;
  return n;
}

/* ---- Model ---- */

struct _KesCaseloadModel
{
  GObject          parent_instance;
  GPtrArray       *rows;    /* KesCaseloadRow, all of them */
  GArray          *sorted;  /* guint indexes into rows, all of them, in sort order */
  GArray          *visible; /* the sorted indexes that pass the filters */
  GStrv            words;   /* folded search words */
  char            *digits;  /* the search as digits only, for NHS numbers typed with spaces */
  char            *team_id;
  char            *coordinator_id;
  KesCaseloadSort  sort;
  gboolean         descending;
};

static void kes_caseload_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KesCaseloadModel, kes_caseload_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      kes_caseload_model_list_model_init))

static GType
kes_caseload_model_get_item_type (GListModel *model)
{
  return KES_TYPE_CASELOAD_ROW;
}

static guint
kes_caseload_model_get_n_items (GListModel *model)
{
  return KES_CASELOAD_MODEL (model)->visible->len;
}

static gpointer
kes_caseload_model_get_item (GListModel *model,
                             guint       position)
{
  KesCaseloadModel *self = KES_CASELOAD_MODEL (model);

  if (position >= self->visible->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->rows, g_array_index (self->visible, guint, position)));
}

static void
kes_caseload_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kes_caseload_model_get_item_type;
  iface->get_n_items = kes_caseload_model_get_n_items;
  iface->get_item = kes_caseload_model_get_item;
}

static void
kes_caseload_model_finalize (GObject *object)
{
  KesCaseloadModel *self = (KesCaseloadModel *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->sorted, g_array_unref);
  g_clear_pointer (&self->visible, g_array_unref);
  g_strfreev (self->words);
  g_free (self->digits);
  g_free (self->team_id);
  g_free (self->coordinator_id);
  G_OBJECT_CLASS (kes_caseload_model_parent_class)->finalize (object);
}

static void
kes_caseload_model_class_init (KesCaseloadModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_caseload_model_finalize;
}

static void
kes_caseload_model_init (KesCaseloadModel *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->sorted = g_array_new (FALSE, FALSE, sizeof (guint));
  self->visible = g_array_new (FALSE, FALSE, sizeof (guint));
}

KesCaseloadModel *
kes_caseload_model_new (void)
{
  return g_object_new (KES_TYPE_CASELOAD_MODEL, NULL);
}

static gboolean
row_matches (KesCaseloadModel *self,
             KesCaseloadRow   *row)
{
  if (self->team_id != NULL && g_strcmp0 (row->team_id, self->team_id) != 0)
    return FALSE;
  if (self->coordinator_id != NULL && g_strcmp0 (row->coordinator_id, self->coordinator_id) != 0)
    return FALSE;
  if (self->digits != NULL && row->nhs_number != NULL && strstr (row->nhs_number, self->digits) != NULL)
    return TRUE;
  for (guint i = 0; self->words != NULL && self->words[i] != NULL; i++)
    if (strstr (row->haystack, self->words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static const char *
sort_key (KesCaseloadRow  *row,
          KesCaseloadSort  sort)
{
  const char *key = NULL;

  switch (sort)
    {
    case KES_CASELOAD_SORT_NHS_NUMBER: key = row->nhs_number; break;
    case KES_CASELOAD_SORT_BIRTH_DATE: key = row->birth_date; break;
    case KES_CASELOAD_SORT_TEAM: key = row->team_name; break;
    case KES_CASELOAD_SORT_COORDINATOR: key = row->coordinator_name; break;
    case KES_CASELOAD_SORT_LEGAL_STATUS: key = row->legal_status; break;
    case KES_CASELOAD_SORT_NAME:
    default: key = row->sort_name; break;
    }
  return key != NULL ? key : "";
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  KesCaseloadModel *self = user_data;
  KesCaseloadRow *ra = g_ptr_array_index (self->rows, *(const guint *) a);
  KesCaseloadRow *rb = g_ptr_array_index (self->rows, *(const guint *) b);
  const char *ka = sort_key (ra, self->sort);
  const char *kb = sort_key (rb, self->sort);
  int order;

  /* Empty values go last whichever way the list is sorted. */
  if ((*ka == '\0') != (*kb == '\0'))
    return *ka == '\0' ? 1 : -1;
  order = strcmp (ka, kb);
  if (self->descending)
    order = -order;
  if (order == 0)
    order = strcmp (ra->sort_name, rb->sort_name);
  if (order == 0)
    order = strcmp (ra->patient_id, rb->patient_id);
  return order;
}

/* Sorting happens only when the rows or the order change; typing in the
 * search box just walks the sorted list once. */
static void
resort (KesCaseloadModel *self)
{
  g_array_set_size (self->sorted, self->rows->len);
  for (guint i = 0; i < self->rows->len; i++)
    g_array_index (self->sorted, guint, i) = i;
  g_qsort_with_data (self->sorted->data, self->sorted->len, sizeof (guint), compare_rows, self);
}

static void
refilter (KesCaseloadModel *self)
{
  guint old_len = self->visible->len;

  g_array_set_size (self->visible, 0);
  for (guint i = 0; i < self->sorted->len; i++)
    {
      guint index = g_array_index (self->sorted, guint, i);
      if (row_matches (self, g_ptr_array_index (self->rows, index)))
        g_array_append_val (self->visible, index);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->visible->len);
}

void
kes_caseload_model_set_rows (KesCaseloadModel *self,
                             GPtrArray        *rows)
{
  g_return_if_fail (KES_IS_CASELOAD_MODEL (self));

  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    g_ptr_array_add (self->rows, g_object_ref (g_ptr_array_index (rows, i)));
  resort (self);
  refilter (self);
}

guint
kes_caseload_model_get_n_total (KesCaseloadModel *self)
{
  g_return_val_if_fail (KES_IS_CASELOAD_MODEL (self), 0);
  return self->rows->len;
}

void
kes_caseload_model_set_search (KesCaseloadModel *self,
                               const char       *text)
{
  g_autofree char *folded = NULL;
  GString *digits;
  gboolean only_digits = TRUE;

  g_return_if_fail (KES_IS_CASELOAD_MODEL (self));

  g_clear_pointer (&self->words, g_strfreev);
  g_clear_pointer (&self->digits, g_free);

  folded = g_strstrip (kes_text_fold (text));
  if (*folded != '\0')
    self->words = g_regex_split_simple ("\\s+", folded, 0, 0);

  /* "943 476" should find 9434765919: search NHS numbers by their digits. */
  digits = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '-')
        only_digits = FALSE;
    }
  if (only_digits && digits->len > 0)
    self->digits = g_string_free (digits, FALSE);
  else
    g_string_free (digits, TRUE);

  refilter (self);
}

static void
replace_filter (char       **slot,
                const char  *value)
{
  g_free (*slot);
  *slot = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

void
kes_caseload_model_set_team (KesCaseloadModel *self,
                             const char       *team_id)
{
  g_return_if_fail (KES_IS_CASELOAD_MODEL (self));
  replace_filter (&self->team_id, team_id);
  refilter (self);
}

void
kes_caseload_model_set_coordinator (KesCaseloadModel *self,
                                    const char       *staff_id)
{
  g_return_if_fail (KES_IS_CASELOAD_MODEL (self));
  replace_filter (&self->coordinator_id, staff_id);
  refilter (self);
}

void
kes_caseload_model_set_sort (KesCaseloadModel *self,
                             KesCaseloadSort   sort,
                             gboolean          descending)
{
  g_return_if_fail (KES_IS_CASELOAD_MODEL (self));
  self->sort = sort;
  self->descending = descending;
  resort (self);
  refilter (self);
}
