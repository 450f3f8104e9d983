/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-caseload-page"

#include "config.h"

#include <glib/gi18n.h>

#include "caseload/kes-caseload-page.h"
#include "caseload/kes-caseload-page-private.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-change-watch.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-records.h"
#include "kes-store-jobs.h"
#include "kes-store-staff.h"
#include "kes-validate.h"

#define NOTE_HIT_LIMIT 200

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

/* Down from the search goes to the list (the first match), as in Files:
 * the search, then the arrow keys and Enter, without Tab past the
 * filters. A shortcut, so the shortcuts window's test finds it. */
static gboolean
search_down_cb (GtkWidget *search,
                GVariant  *args,
                gpointer   user_data)
{
  KesCaseloadPage *self = user_data;
  GtkWidget *list = gtk_toggle_button_get_active (self->notes_toggle) ? GTK_WIDGET (self->notes_list)
                                                                      : GTK_WIDGET (self->column_view);

  return gtk_widget_child_focus (list, GTK_DIR_TAB_FORWARD);
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
  gtk_widget_class_bind_template_callback_full (widget_class, "sort_choice_changed_cb",
                                                G_CALLBACK (kes_caseload_page_sort_choice_changed_cb));
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_hit_activated_cb);
}

static void
kes_caseload_page_init (KesCaseloadPage *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->model = kes_caseload_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  kes_caseload_page_setup_columns (self);
  kes_caseload_page_apply_sort (self, KES_CASELOAD_SORT_NAME, FALSE);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, 0),
                      gtk_callback_action_new (search_down_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

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
