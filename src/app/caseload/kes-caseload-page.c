/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-caseload-page"

#include "config.h"

#include <glib/gi18n.h>

#include "caseload/kes-caseload-page.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-change-watch.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-records.h"
#include "kes-store-jobs.h"
#include "kes-validate.h"

#define NOTE_HIT_LIMIT 200

typedef enum
{
  COLUMN_NAME,
  COLUMN_NHS_NUMBER,
  COLUMN_BIRTH_DATE,
  COLUMN_MHCS,
  COLUMN_TEAM,
  COLUMN_COORDINATOR,
  COLUMN_LEGAL_STATUS,
  N_COLUMNS
} Column;

struct _KesCaseloadPage
{
  AdwBin              parent_instance;

  KesContext         *context;
  KesStore           *store;        /* the context's */
  KesChangeWatch     *rows_watch;   /* a patient, legal status or coordinator saved */
  KesChangeWatch     *notes_watch;  /* a note saved while notes are searched */
  KesCaseloadModel   *model;
  GtkSingleSelection *selection;
  GCancellable       *load_cancellable;
  GCancellable       *search_cancellable;
  char               *scope_actor_id; /* whose caseload the default scope was chosen for */
  gboolean            loading;
  gboolean            loaded;
  gboolean            syncing_sort;
  int                 probe_hit;

  GtkSearchEntry     *search_entry;
  GtkToggleButton    *notes_toggle;
  GtkWidget          *filter_box;
  GtkToggleButton    *mine_toggle;
  GtkDropDown        *team_dropdown;
  GtkDropDown        *coordinator_dropdown;
  GtkLabel           *count_label;
  GtkWidget          *sort_label;
  GtkDropDown        *sort_dropdown;
  GtkToggleButton    *descending_toggle;
  GtkStack           *view_stack;
  GtkSpinner         *spinner;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *nhs_column;
  GtkColumnViewColumn *birth_column;
  GtkColumnViewColumn *mhcs_column;
  GtkColumnViewColumn *team_column;
  GtkColumnViewColumn *coordinator_column;
  GtkColumnViewColumn *legal_column;
  GtkListBox         *notes_list;
  AdwStatusPage      *notes_status;
  AdwStatusPage      *error_status;
};

G_DEFINE_FINAL_TYPE (KesCaseloadPage, kes_caseload_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  PATIENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void run_note_search (KesCaseloadPage *self);

static GtkColumnViewColumn *
column_for_sort (KesCaseloadPage *self,
                 KesCaseloadSort  sort)
{
  switch (sort)
    {
    case KES_CASELOAD_SORT_NAME:
      return self->name_column;
    case KES_CASELOAD_SORT_NHS_NUMBER:
      return self->nhs_column;
    case KES_CASELOAD_SORT_BIRTH_DATE:
      return self->birth_column;
    case KES_CASELOAD_SORT_TEAM:
      return self->team_column;
    case KES_CASELOAD_SORT_COORDINATOR:
      return self->coordinator_column;
    case KES_CASELOAD_SORT_LEGAL_STATUS:
      return self->legal_column;
    default:
      return self->name_column;
    }
}

static char *
cell_text (KesCaseloadRow *row,
           Column          column)
{
  const char *value;

  switch (column)
    {
    case COLUMN_NAME:
      return g_strdup (kes_caseload_row_get_display_name (row));
    case COLUMN_NHS_NUMBER:
      value = kes_caseload_row_get_nhs_number (row);
      return value != NULL && *value != '\0' ? kes_nhs_number_format (value) : g_strdup ("");
    case COLUMN_BIRTH_DATE:
      value = kes_caseload_row_get_birth_date (row);
      return value != NULL && *value != '\0' ? kes_date_to_display (value) : g_strdup ("");
    case COLUMN_MHCS:
      return g_strdup (kes_caseload_row_get_mhcs_reference (row));
    case COLUMN_TEAM:
      return g_strdup (kes_caseload_row_get_team_name (row));
    case COLUMN_COORDINATOR:
      return g_strdup (kes_caseload_row_get_coordinator_name (row));
    case COLUMN_LEGAL_STATUS:
      value = kes_caseload_row_get_legal_status (row);
      if (value != NULL && *value != '\0')
        {
          const char *label = kes_code_list_lookup (kes_code_list_get (KES_CODES_LEGAL_STATUS),
                                                    value);
          return g_strdup (label != NULL ? label : value);
        }
      return g_strdup ("");
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* Width in characters below which a column's text is ellipsized; 0 keeps
 * short fixed-format values (NHS number, dates) whole. */
static const int column_min_chars[N_COLUMNS] = { 18, 0, 0, 9, 5, 12, 14 };

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (column_min_chars[column] > 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), column_min_chars[column]);
    }
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  KesCaseloadRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = cell_text (row, column);

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  if (column_min_chars[column] > 0)
    gtk_widget_set_tooltip_text (label, text);
}

/* GTK 4.8 has no API to read which column header the user clicked. Each
 * sortable column gets a sorter that records itself when asked to compare;
 * comparing two objects through the view's sorter then names the primary
 * column, and the sign of the answer gives the direction. */
typedef struct
{
  KesCaseloadPage *page;
  KesCaseloadSort  sort;
} Probe;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  Probe *probe = user_data;

  probe->page->probe_hit = probe->sort;
  return GTK_ORDERING_SMALLER;
}

static void
apply_sort (KesCaseloadPage *self,
            KesCaseloadSort  sort,
            gboolean         descending)
{
  if (self->syncing_sort)
    return;

  self->syncing_sort = TRUE;

  gtk_drop_down_set_selected (self->sort_dropdown, sort);
  gtk_toggle_button_set_active (self->descending_toggle, descending);
  gtk_button_set_icon_name (GTK_BUTTON (self->descending_toggle),
                            descending ? "view-sort-descending-symbolic"
                                       : "view-sort-ascending-symbolic");
  gtk_column_view_sort_by_column (self->column_view, column_for_sort (self, sort),
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  kes_caseload_model_set_sort (self->model, sort, descending);

  self->syncing_sort = FALSE;
}

static void
view_sorter_changed_cb (KesCaseloadPage  *self,
                        GtkSorterChange   change,
                        GtkSorter        *sorter)
{
  GtkOrdering ordering;

  /* Also emitted while the view is torn down. */
  if (self->syncing_sort || self->column_view == NULL || self->model == NULL)
    return;

  self->probe_hit = -1;
  ordering = gtk_sorter_compare (sorter, self, sorter);
  if (self->probe_hit < 0)
    return;

  apply_sort (self, self->probe_hit, ordering == GTK_ORDERING_LARGER);
}

static void
sort_choice_changed_cb (KesCaseloadPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  if (self->syncing_sort || selected == GTK_INVALID_LIST_POSITION)
    return;

  apply_sort (self, selected, gtk_toggle_button_get_active (self->descending_toggle));
}

static void
setup_columns (KesCaseloadPage *self)
{
  GtkColumnViewColumn *columns[N_COLUMNS] = {
    self->name_column, self->nhs_column, self->birth_column, self->mhcs_column,
    self->team_column, self->coordinator_column, self->legal_column,
  };
  const int sorts[N_COLUMNS] = {
    KES_CASELOAD_SORT_NAME, KES_CASELOAD_SORT_NHS_NUMBER, KES_CASELOAD_SORT_BIRTH_DATE, -1,
    KES_CASELOAD_SORT_TEAM, KES_CASELOAD_SORT_COORDINATOR, KES_CASELOAD_SORT_LEGAL_STATUS,
  };

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (i));
      gtk_column_view_column_set_factory (columns[i], factory);

      if (sorts[i] >= 0)
        {
          Probe *probe = g_new0 (Probe, 1);
          g_autoptr(GtkCustomSorter) sorter = NULL;

          probe->page = self;
          probe->sort = sorts[i];
          sorter = gtk_custom_sorter_new (probe_compare, probe, g_free);
          gtk_column_view_column_set_sorter (columns[i], GTK_SORTER (sorter));
        }
    }

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (view_sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
update_view (KesCaseloadPage *self)
{
  guint shown, total;
  g_autofree char *shown_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *count = NULL;

  if (gtk_toggle_button_get_active (self->notes_toggle))
    return;

  if (!self->loaded)
    {
      gtk_label_set_text (self->count_label, "");
      gtk_stack_set_visible_child_name (self->view_stack, self->loading ? "loading" : "error");
      return;
    }

  shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  total = kes_caseload_model_get_n_total (self->model);
  shown_text = kes_format_count (shown);
  total_text = kes_format_count (total);

  /* TRANSLATORS: "1,234 of 50,000 patients" */
  count = g_strdup_printf (ngettext ("%s of %s patient", "%s of %s patients", total),
                           shown_text, total_text);
  gtk_label_set_text (self->count_label, total > 0 ? count : "");

  if (total == 0)
    gtk_stack_set_visible_child_name (self->view_stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->view_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->view_stack, "list");
}

static void
set_loading (KesCaseloadPage *self,
             gboolean         loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* "My caseload": the signed-in member of staff's patients as care
 * coordinator; off, their team's. The filters follow and are locked while
 * it is on, so the list never says "mine" while showing someone else's. */
static void
mine_toggled_cb (KesCaseloadPage *self)
{
  KesStaff *actor = self->store != NULL ? kes_store_get_actor (self->store) : NULL;
  gboolean mine = gtk_toggle_button_get_active (self->mine_toggle) && actor != NULL;

  kes_dropdown_set_code (self->coordinator_dropdown, mine ? kes_staff_get_id (actor) : NULL);
  kes_dropdown_set_code (self->team_dropdown, !mine && actor != NULL ? kes_staff_get_team_id (actor) : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->coordinator_dropdown), !mine);
  gtk_widget_set_sensitive (GTK_WIDGET (self->team_dropdown), !mine);
}

/* Once per person signed in: their own caseload when they coordinate
 * anyone, else their team's. */
static void
choose_default_scope (KesCaseloadPage *self,
                      GPtrArray       *rows)
{
  KesStaff *actor = kes_store_get_actor (self->store);
  gboolean mine;

  gtk_widget_set_visible (GTK_WIDGET (self->mine_toggle), actor != NULL);
  if (actor == NULL || g_strcmp0 (self->scope_actor_id, kes_staff_get_id (actor)) == 0)
    return;
  g_free (self->scope_actor_id);
  self->scope_actor_id = g_strdup (kes_staff_get_id (actor));
  mine = kes_caseload_rows_count_coordinated (rows, kes_staff_get_id (actor)) > 0;
  if (gtk_toggle_button_get_active (self->mine_toggle) == mine)
    mine_toggled_cb (self);
  else
    gtk_toggle_button_set_active (self->mine_toggle, mine);
}

static void
rows_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KesCaseloadPage) self = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = kes_load_caseload_rows_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (rows == NULL)
    {
      g_autofree char *description = NULL;

      description = g_strdup_printf (_("%s\n\nClose Kestrel and open it again. If this keeps happening, "
                                       "tell your system administrator."),
                                     error->message);
      adw_status_page_set_description (self->error_status, description);
      self->loaded = FALSE;
    }
  else
    {
      kes_caseload_model_set_rows (self->model, rows);
      self->loaded = TRUE;
      choose_default_scope (self, rows);
    }

  set_loading (self, FALSE);
  update_view (self);
}

static void
search_changed_cb (KesCaseloadPage *self)
{
  g_autofree char *text = kes_editable_dup_text (GTK_EDITABLE (self->search_entry));

  if (gtk_toggle_button_get_active (self->notes_toggle))
    {
      run_note_search (self);
      return;
    }

  kes_caseload_model_set_search (self->model, text);
  update_view (self);
}

static void
search_activate_cb (KesCaseloadPage *self)
{
  /* Enter in the search entry opens the only match, or the first one. */
  if (gtk_toggle_button_get_active (self->notes_toggle))
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      g_autoptr(KesCaseloadRow) row = g_list_model_get_item (G_LIST_MODEL (self->model), 0);

      g_signal_emit (self, signals[PATIENT_ACTIVATED], 0, kes_caseload_row_get_patient_id (row));
    }
}

static void
filter_changed_cb (KesCaseloadPage *self)
{
  if (self->model == NULL)
    return;

  kes_caseload_model_set_team (self->model, kes_dropdown_get_code (self->team_dropdown));
  kes_caseload_model_set_coordinator (self->model,
                                      kes_dropdown_get_code (self->coordinator_dropdown));
  update_view (self);
}

static void
column_view_activate_cb (KesCaseloadPage *self,
                         guint            position)
{
  g_autoptr(KesCaseloadRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (row != NULL)
    g_signal_emit (self, signals[PATIENT_ACTIVATED], 0, kes_caseload_row_get_patient_id (row));
}

static void
clear_note_hits (KesCaseloadPage *self)
{
  kes_list_box_remove_all (self->notes_list);
}

static void
show_notes_status (KesCaseloadPage *self,
                   const char      *title,
                   const char      *description)
{
  adw_status_page_set_title (self->notes_status, title);
  adw_status_page_set_description (self->notes_status, description);
  gtk_stack_set_visible_child_name (self->view_stack, "notes-status");
}

static void
note_hits_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KesCaseloadPage) self = user_data;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;

  hits = kes_search_notes_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || !gtk_toggle_button_get_active (self->notes_toggle))
    return;

  clear_note_hits (self);

  if (hits == NULL)
    {
      show_notes_status (self, _("The Search Did Not Work"), error->message);
      gtk_label_set_text (self->count_label, "");
      return;
    }

  if (hits->len == 0)
    {
      show_notes_status (self, _("No Matching Notes"),
                         _("No current note contains those words. Check the spelling, or search "
                           "for fewer words."));
      gtk_label_set_text (self->count_label, "");
      return;
    }

  for (guint i = 0; i < hits->len; i++)
    {
      KesNoteHit *hit = g_ptr_array_index (hits, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (kes_note_hit_get_patient_name (hit), -1);
      g_autofree char *when = kes_time_to_display (kes_note_hit_get_written_at (hit));
      g_autofree char *snippet = kes_snippet_to_markup (kes_note_hit_get_snippet (hit));
      g_autofree char *escaped_when = g_markup_escape_text (when != NULL ? when : "", -1);
      g_autofree char *subtitle = g_strdup_printf ("%s — %s", escaped_when, snippet);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "kes-patient-id",
                              g_strdup (kes_note_hit_get_patient_id (hit)), g_free);
      gtk_list_box_append (self->notes_list, row);
    }

  count = g_strdup_printf (ngettext ("%u matching note", "%u matching notes", hits->len),
                           hits->len);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->view_stack, "notes");
}

static void
run_note_search (KesCaseloadPage *self)
{
  g_autofree char *query = kes_editable_dup_text (GTK_EDITABLE (self->search_entry));

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (*query == '\0' || self->store == NULL)
    {
      clear_note_hits (self);
      gtk_label_set_text (self->count_label, "");
      show_notes_status (self, _("Search Clinical Notes"),
                         _("Type words to find in the current notes of every patient. "
                           "Put words in quotes to find them as a phrase."));
      return;
    }

  kes_change_watch_mark_fresh (self->notes_watch);
  self->search_cancellable = g_cancellable_new ();
  kes_search_notes_async (self->store, query, NOTE_HIT_LIMIT, self->search_cancellable,
                          note_hits_cb, g_object_ref (self));
}

static void
note_hit_activated_cb (KesCaseloadPage *self,
                       GtkListBoxRow   *row)
{
  const char *patient_id = g_object_get_data (G_OBJECT (row), "kes-patient-id");

  if (patient_id != NULL)
    g_signal_emit (self, signals[PATIENT_ACTIVATED], 0, patient_id);
}

static void
notes_toggled_cb (KesCaseloadPage *self)
{
  gboolean notes = gtk_toggle_button_get_active (self->notes_toggle);

  gtk_widget_set_visible (GTK_WIDGET (self->team_dropdown), !notes);
  gtk_widget_set_visible (GTK_WIDGET (self->coordinator_dropdown), !notes);
  gtk_widget_set_visible (GTK_WIDGET (self->sort_dropdown), !notes);
  gtk_widget_set_visible (GTK_WIDGET (self->descending_toggle), !notes);
  gtk_widget_set_visible (self->sort_label, !notes);
  /* gtk_search_entry_set_placeholder_text() is GTK 4.10; the property is older. */
  g_object_set (self->search_entry, "placeholder-text",
                notes ? _("Search the text of clinical notes")
                      : _("Search by name, NHS number or MHCS reference"),
                NULL);

  if (notes)
    {
      run_note_search (self);
    }
  else
    {
      g_cancellable_cancel (self->search_cancellable);
      search_changed_cb (self);
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* What a row shows: the register entry, the legal status, the coordinator. */
static gboolean
change_concerns_rows (GtkWidget  *owner,
                      const char *kind,
                      const char *record_id,
                      const char *patient_id)
{
  static const char * const kinds[] = { "patient", "legal-status", "staff", NULL };

  return kes_change_is_kind (kind, kinds);
}

static void
refresh_rows (GtkWidget *owner)
{
  kes_caseload_page_reload (KES_CASELOAD_PAGE (owner));
}

/* A note saved or withdrawn while notes are being searched. */
static gboolean
change_concerns_note_hits (GtkWidget  *owner,
                           const char *kind,
                           const char *record_id,
                           const char *patient_id)
{
  KesCaseloadPage *self = KES_CASELOAD_PAGE (owner);

  return g_strcmp0 (kind, "note") == 0 && gtk_toggle_button_get_active (self->notes_toggle);
}

static void
refresh_note_hits (GtkWidget *owner)
{
  KesCaseloadPage *self = KES_CASELOAD_PAGE (owner);

  if (gtk_toggle_button_get_active (self->notes_toggle))
    run_note_search (self);
}

static void
kes_caseload_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KesCaseloadPage *self = KES_CASELOAD_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_caseload_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KesCaseloadPage *self = KES_CASELOAD_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kes_caseload_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_caseload_page_dispose (GObject *object)
{
  KesCaseloadPage *self = KES_CASELOAD_PAGE (object);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->search_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_CASELOAD_PAGE);

  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_pointer (&self->rows_watch, kes_change_watch_free);
  g_clear_pointer (&self->notes_watch, kes_change_watch_free);
  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_pointer (&self->scope_actor_id, g_free);

  G_OBJECT_CLASS (kes_caseload_page_parent_class)->dispose (object);
}

static void
kes_caseload_page_class_init (KesCaseloadPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = kes_caseload_page_get_property;
  object_class->set_property = kes_caseload_page_set_property;
  object_class->dispose = kes_caseload_page_dispose;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KES_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KesCaseloadPage::patient-activated:
   * @patient_id: the id of the patient to open
   */
  signals[PATIENT_ACTIVATED] = g_signal_new ("patient-activated",
                                             G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/caseload/kes-caseload-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, notes_toggle);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, mine_toggle);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, coordinator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, sort_label);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, descending_toggle);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, nhs_column);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, birth_column);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, mhcs_column);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, team_column);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, coordinator_column);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, legal_column);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, notes_list);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, notes_status);
  gtk_widget_class_bind_template_child (widget_class, KesCaseloadPage, error_status);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, notes_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, mine_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_hit_activated_cb);
}

static void
kes_caseload_page_init (KesCaseloadPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->model = kes_caseload_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  setup_columns (self);
  apply_sort (self, KES_CASELOAD_SORT_NAME, FALSE);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  kes_dropdown_fill (self->team_dropdown, _("All teams"), NULL, NULL, 0);
  kes_dropdown_fill (self->coordinator_dropdown, _("All coordinators"), NULL, NULL, 0);
  self->rows_watch = kes_change_watch_new (GTK_WIDGET (self), change_concerns_rows, refresh_rows);
  /* Register edits are rare, and the list should be right when shown again. */
  kes_change_watch_set_mode (self->rows_watch, KES_CHANGE_WATCH_WHEN_IDLE);
  self->notes_watch = kes_change_watch_new (GTK_WIDGET (self), change_concerns_note_hits, refresh_note_hits);

  update_view (self);
}

GtkWidget *
kes_caseload_page_new (void)
{
  return g_object_new (KES_TYPE_CASELOAD_PAGE, NULL);
}

void
kes_caseload_page_set_context (KesCaseloadPage *self,
                               KesContext      *context)
{
  KesStore *store;

  g_return_if_fail (KES_IS_CASELOAD_PAGE (self));
  g_return_if_fail (context == NULL || KES_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  kes_change_watch_set_context (self->rows_watch, context);
  kes_change_watch_set_context (self->notes_watch, context);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
  store = context != NULL ? kes_context_get_store (context) : NULL;
  if (!g_set_object (&self->store, store) || store == NULL)
    return;

  kes_caseload_page_reload_directory (self);
  kes_caseload_page_reload (self);
}

void
kes_caseload_page_reload (KesCaseloadPage *self)
{
  g_return_if_fail (KES_IS_CASELOAD_PAGE (self));

  if (self->store == NULL)
    return;

  kes_change_watch_mark_fresh (self->rows_watch);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  set_loading (self, TRUE);
  update_view (self);
  kes_load_caseload_rows_async (self->store, self->load_cancellable,
                                rows_loaded_cb, g_object_ref (self));
}

void
kes_caseload_page_reload_directory (KesCaseloadPage *self)
{
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(GListModel) staff = NULL;
  g_autofree char *team = NULL;
  g_autofree char *coordinator = NULL;
  gboolean can_search_notes;

  g_return_if_fail (KES_IS_CASELOAD_PAGE (self));

  if (self->store == NULL)
    return;

  team = g_strdup (kes_dropdown_get_code (self->team_dropdown));
  coordinator = g_strdup (kes_dropdown_get_code (self->coordinator_dropdown));

  teams = kes_store_list_teams (self->store, NULL);
  staff = kes_store_list_staff (self->store, NULL);
  kes_dropdown_fill_teams (self->team_dropdown, teams, _("All teams"));
  kes_dropdown_fill_staff (self->coordinator_dropdown, staff, _("All coordinators"));
  kes_dropdown_set_code (self->team_dropdown, team);
  kes_dropdown_set_code (self->coordinator_dropdown, coordinator);

  /* Searching notes is for those who may read them (core refuses others). */
  can_search_notes = kes_store_check_permission (self->store, KES_PERMISSION_VIEW_CLINICAL, NULL,
                                                 NULL);
  if (!can_search_notes && gtk_toggle_button_get_active (self->notes_toggle))
    gtk_toggle_button_set_active (self->notes_toggle, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_toggle), can_search_notes);
}

void
kes_caseload_page_focus_search (KesCaseloadPage *self)
{
  g_return_if_fail (KES_IS_CASELOAD_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

gboolean
kes_caseload_page_get_loading (KesCaseloadPage *self)
{
  g_return_val_if_fail (KES_IS_CASELOAD_PAGE (self), FALSE);

  return self->loading || kes_change_watch_is_pending (self->rows_watch);
}

KesCaseloadModel *
kes_caseload_page_get_model (KesCaseloadPage *self)
{
  g_return_val_if_fail (KES_IS_CASELOAD_PAGE (self), NULL);

  return self->model;
}
