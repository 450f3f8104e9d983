/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-today-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-change-watch.h"
#include "kes-clock.h"
#include "kes-records.h"
#include "kes-store-due.h"
#include "kes-validate.h"
#include "today/kes-today-page.h"

struct _KesTodayPage
{
  AdwBin           parent_instance;

  GtkLabel        *summary_label;
  GtkToggleButton *all_teams_toggle;
  GtkButton       *refresh_button;
  GtkStack        *stack;
  AdwStatusPage   *empty_status;
  AdwStatusPage   *error_status;
  GtkListView     *list_view;

  KesContext      *context;
  KesStore        *store;          /* the context's, once signed in */
  KesChangeWatch  *watch;          /* loads again when records change */
  GDate           *loaded_day;     /* the day the items were gathered for */
  GListStore      *items;
  GCancellable    *cancellable;
  gboolean         loading;
};

G_DEFINE_FINAL_TYPE (KesTodayPage, kes_today_page, ADW_TYPE_BIN)

enum
{
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- The load, in a worker thread with its own store ---- */

typedef struct
{
  char       *path;
  char       *team_id;
  GDate      *today;
  KesSession *session; /* who is reading, on the worker's own store */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->session, kes_session_free);
  g_free (data->path);
  g_free (data->team_id);
  g_date_free (data->today);
  g_free (data);
}

static GPtrArray *
list_due (KesStore  *store,
          LoadData  *data,
          GError   **error)
{
  gint64 started = g_get_monotonic_time ();
  GPtrArray *items = kes_store_list_due (store, data->today, data->team_id, error);

  if (items != NULL)
    g_debug ("Today: %u items in %.3f s", items->len,
             (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  return items;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  store = kes_store_open (data->path, &error);
  if (store == NULL || !kes_store_resume_session (store, data->session, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  items = list_due (store, data, &error);
  if (items == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static void
show_items (KesTodayPage *self,
            GPtrArray    *items)
{
  guint counts[KES_DUE_GROUP_SOON + 1] = { 0 };
  g_autofree char *summary = NULL;

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  for (guint i = 0; i < items->len; i++)
    counts[kes_due_item_get_group (items->pdata[i])]++;

  if (items->len == 0)
    {
      adw_status_page_set_description (self->empty_status,
        kes_today_page_get_all_teams (self)
          ? _("No depots, blood tests, health checks, reviews or reports are due or overdue "
              "for any team. Work appears here as its due date comes near, and stays until "
              "it is recorded or cancelled with a reason.")
          : _("No depots, blood tests, health checks, reviews or reports are due or overdue "
              "for your team. Work appears here as its due date comes near, and stays until "
              "it is recorded or cancelled with a reason. Turn on “All Teams” to see every team."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_label_set_text (self->summary_label, _("Nothing due"));
      return;
    }

  /* TRANSLATORS: counts of due items, e.g. "2 top priority · 3 overdue statutory or safety ·
   * 14 other overdue · 3 today · 20 soon" */
  summary = g_strdup_printf (_("%u top priority · %u overdue statutory or safety · %u other overdue · "
                               "%u today · %u soon"),
                             counts[KES_DUE_GROUP_DANGER], counts[KES_DUE_GROUP_CRITICAL],
                             counts[KES_DUE_GROUP_OVERDUE], counts[KES_DUE_GROUP_TODAY],
                             counts[KES_DUE_GROUP_SOON]);
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KesTodayPage) self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), TRUE);
  if (items == NULL)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_label_set_text (self->summary_label, "");
      return;
    }
  show_items (self, items);
}

static char *
current_team_id (KesTodayPage *self)
{
  KesStaff *actor = self->store != NULL ? kes_store_get_actor (self->store) : NULL;
  const char *team = actor != NULL ? kes_staff_get_team_id (actor) : NULL;

  return team != NULL && *team != '\0' ? g_strdup (team) : NULL;
}

/* ---- Rows ---- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *badge = gtk_label_new (NULL);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *due = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_set_margin_bottom (heading, 6);
  gtk_widget_set_margin_start (heading, 12);

  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (badge, 96, -1);
  gtk_widget_add_css_class (badge, "caption-heading");
  gtk_widget_add_css_class (badge, "kes-due-badge");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  /* Wrapped, not cut: with large text the patient's name came after the
   * ellipsis (issue 24). */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), detail);

  gtk_label_set_xalign (GTK_LABEL (due), 1);
  gtk_widget_set_valign (due, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (row), badge);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_box_append (GTK_BOX (row), due);
  gtk_box_append (GTK_BOX (outer), heading);
  gtk_box_append (GTK_BOX (outer), row);
  gtk_list_item_set_child (list_item, outer);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             KesTodayPage             *self)
{
  KesDueItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *outer = gtk_list_item_get_child (list_item);
  GtkWidget *heading = gtk_widget_get_first_child (outer);
  GtkWidget *row = gtk_widget_get_next_sibling (heading);
  GtkWidget *badge = gtk_widget_get_first_child (row);
  GtkWidget *texts = gtk_widget_get_next_sibling (badge);
  GtkWidget *title = gtk_widget_get_first_child (texts);
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  GtkWidget *due = gtk_widget_get_next_sibling (texts);
  guint position = gtk_list_item_get_position (list_item);
  KesDueUrgency urgency = kes_due_item_get_urgency (item);
  KesDueGroup group = kes_due_item_get_group (item);
  gboolean first_of_group = TRUE;
  g_autofree char *title_markup = NULL;
  g_autofree char *due_text = kes_today_due_text (item);
  g_autofree char *accessible = NULL;
  static const char * const classes[] = { "kes-due-top", "kes-due-overdue", "kes-due-today", "kes-due-soon" };

  if (position > 0)
    {
      g_autoptr(KesDueItem) previous = g_list_model_get_item (G_LIST_MODEL (self->items), position - 1);
      first_of_group = previous == NULL || kes_due_item_get_group (previous) != group;
    }
  gtk_label_set_text (GTK_LABEL (heading), kes_today_section_label (group));
  gtk_widget_set_visible (heading, first_of_group);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (badge, classes[i]);
  gtk_widget_add_css_class (badge, classes[urgency]);
  gtk_label_set_text (GTK_LABEL (badge), kes_today_group_label (urgency));

  title_markup = g_markup_printf_escaped ("<b>%s</b> — %s", kes_due_item_get_title (item),
                                          kes_due_item_get_patient_name (item));
  gtk_label_set_markup (GTK_LABEL (title), title_markup);
  gtk_label_set_text (GTK_LABEL (detail), kes_due_item_get_detail (item) != NULL
                                            ? kes_due_item_get_detail (item) : "");
  gtk_widget_set_visible (detail, kes_due_item_get_detail (item) != NULL &&
                                  *kes_due_item_get_detail (item) != '\0');
  gtk_label_set_text (GTK_LABEL (due), due_text);

  accessible = g_strdup_printf ("%s: %s, %s. %s", kes_today_section_label (group),
                                kes_due_item_get_title (item), kes_due_item_get_patient_name (item),
                                due_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (outer), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* The row itself is what a screen reader lands on (the list item widget
   * holding @outer); GTK 4.8's GtkListItem has no accessible label of its
   * own, so the row's widget is named directly (issue 24: ten "list item"s). */
  if (gtk_widget_get_parent (outer) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (outer)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
list_activate_cb (KesTodayPage *self,
                  guint         position)
{
  g_autoptr(KesDueItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (item != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}

static void
all_teams_toggled_cb (KesTodayPage *self)
{
  kes_today_page_reload (self);
}

static void
refresh_clicked_cb (KesTodayPage *self)
{
  kes_today_page_reload (self);
}

/* Any record may move a due date: Today reads again after every save. */
static gboolean
change_concerns_today (GtkWidget  *owner,
                       const char *kind,
                       const char *record_id,
                       const char *patient_id)
{
  return TRUE;
}

static void
refresh_for_change (GtkWidget *owner)
{
  kes_today_page_reload (KES_TODAY_PAGE (owner));
}

/* Shown on a new day (the app left open overnight): what was "soon" may
 * be due now. */
static void
mapped_cb (KesTodayPage *self)
{
  g_autoptr(GDate) today = kes_clock_today ();

  if (self->store != NULL && !self->loading && !kes_change_watch_is_stale (self->watch) &&
      (self->loaded_day == NULL || g_date_compare (self->loaded_day, today) != 0))
    kes_today_page_reload (self);
}

/* ---- GObject ---- */

static void
kes_today_page_dispose (GObject *object)
{
  KesTodayPage *self = KES_TODAY_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_TODAY_PAGE);
  g_clear_pointer (&self->watch, kes_change_watch_free);
  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_pointer (&self->loaded_day, g_date_free);
  g_clear_object (&self->items);
  G_OBJECT_CLASS (kes_today_page_parent_class)->dispose (object);
}

static void
kes_today_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KesTodayPage *self = KES_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_today_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KesTodayPage *self = KES_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kes_today_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_today_page_class_init (KesTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_today_page_dispose;
  object_class->get_property = kes_today_page_get_property;
  object_class->set_property = kes_today_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KES_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, KES_TYPE_DUE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/today/kes-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KesTodayPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KesTodayPage, all_teams_toggle);
  gtk_widget_class_bind_template_child (widget_class, KesTodayPage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, KesTodayPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KesTodayPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, KesTodayPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, KesTodayPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, all_teams_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, refresh_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
}

static void
kes_today_page_init (KesTodayPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (KES_TYPE_DUE_ITEM);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  self->watch = kes_change_watch_new (GTK_WIDGET (self), change_concerns_today, refresh_for_change);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
}

/* ---- Public ---- */

GtkWidget *
kes_today_page_new (void)
{
  return g_object_new (KES_TYPE_TODAY_PAGE, NULL);
}

void
kes_today_page_set_context (KesTodayPage *self,
                            KesContext   *context)
{
  g_return_if_fail (KES_IS_TODAY_PAGE (self));
  g_return_if_fail (context == NULL || KES_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_set_object (&self->store, (context != NULL ? kes_context_get_store (context) : NULL));
  kes_change_watch_set_context (self->watch, context);
  /* Gathered the first time the page is shown. */
  g_clear_pointer (&self->loaded_day, g_date_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
kes_today_page_reload (KesTodayPage *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;
  const char *path;

  g_return_if_fail (KES_IS_TODAY_PAGE (self));

  if (self->store == NULL)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  data = g_new0 (LoadData, 1);
  path = kes_store_get_path (self->store);
  data->path = g_strdup (path);
  data->team_id = kes_today_page_get_all_teams (self) ? NULL : current_team_id (self);
  data->today = kes_clock_today ();
  g_clear_pointer (&self->loaded_day, g_date_free);
  self->loaded_day = g_date_copy (data->today);
  kes_change_watch_mark_fresh (self->watch);
  data->session = kes_store_get_session (self->store);

  self->loading = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), FALSE);
  gtk_label_set_text (self->summary_label, _("Gathering today's work…"));
  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  task = g_task_new (NULL, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, kes_today_page_reload);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_set_return_on_cancel (task, TRUE);

  /* An in-memory store cannot be opened twice: its work runs here. */
  if (path != NULL && *path != '\0' && g_strcmp0 (path, ":memory:") != 0)
    g_task_run_in_thread (task, load_thread);
  else
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *items = list_due (self->store, data, &error);

      if (items == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
    }
}

gboolean
kes_today_page_get_all_teams (KesTodayPage *self)
{
  g_return_val_if_fail (KES_IS_TODAY_PAGE (self), FALSE);
  return gtk_toggle_button_get_active (self->all_teams_toggle);
}

void
kes_today_page_set_all_teams (KesTodayPage *self,
                              gboolean      all_teams)
{
  g_return_if_fail (KES_IS_TODAY_PAGE (self));
  gtk_toggle_button_set_active (self->all_teams_toggle, all_teams);
}

GListModel *
kes_today_page_get_items (KesTodayPage *self)
{
  g_return_val_if_fail (KES_IS_TODAY_PAGE (self), NULL);
  return G_LIST_MODEL (self->items);
}

gboolean
kes_today_page_get_loading (KesTodayPage *self)
{
  g_return_val_if_fail (KES_IS_TODAY_PAGE (self), FALSE);
  /* Given a store but not shown yet, the page is about to load. */
  return self->loading || kes_change_watch_is_pending (self->watch) ||
         (self->store != NULL && self->loaded_day == NULL);
}

const char *
kes_today_group_label (KesDueUrgency urgency)
{
  switch (urgency)
    {
    case KES_DUE_TOP_PRIORITY:
      return _("Top priority");
    case KES_DUE_OVERDUE:
      return _("Overdue");
    case KES_DUE_TODAY:
      return _("Today");
    case KES_DUE_SOON:
      return _("Soon");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
kes_today_section_label (KesDueGroup group)
{
  switch (group)
    {
    case KES_DUE_GROUP_DANGER:
      return _("Top priority");
    case KES_DUE_GROUP_CRITICAL:
      return _("Overdue: statutory and medication safety");
    case KES_DUE_GROUP_OVERDUE:
      return _("Overdue");
    case KES_DUE_GROUP_TODAY:
      return _("Today");
    case KES_DUE_GROUP_SOON:
      return _("Soon");
    default:
      g_return_val_if_reached ("");
    }
}

char *
kes_today_due_text (KesDueItem *item)
{
  const char *due = kes_due_item_get_due_date (item);
  g_autofree char *shown = NULL;

  g_return_val_if_fail (KES_IS_DUE_ITEM (item), NULL);

  if (due == NULL || *due == '\0')
    return g_strdup ("");
  shown = kes_date_to_display (due);
  switch (kes_due_item_get_urgency (item))
    {
    case KES_DUE_OVERDUE:
      return g_strdup_printf (_("Was due %s"), shown);
    case KES_DUE_TODAY:
      return g_strdup (_("Due today"));
    case KES_DUE_TOP_PRIORITY:
    case KES_DUE_SOON:
    default:
      return g_strdup_printf (_("Due %s"), shown);
    }
}

char *
kes_today_target_tab (const char *target)
{
  if (target == NULL || !g_str_has_prefix (target, "patient/") || target[8] == '\0')
    return NULL;
  return g_strdup (target + 8);
}
