/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-referrals-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-catchment.h"
#include "kes-focus.h"
#include "kes-change-watch.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-secondary-window.h"
#include "kes-validate.h"
#include "referrals/kes-referrals-load.h"
#include "referrals/kes-referral-summary.h"
#include "referrals/kes-referrals-page.h"

#define SETTINGS_SCHEMA_ID "io.github.kestrelcare.Kestrel"

struct _KesReferralsPage
{
  AdwBin           parent_instance;

  KesContext      *context;
  KesStore        *store;     /* the context's */
  KesChangeWatch  *watch;     /* loads again when a referral or a name changes */
  GSettings       *settings;
  GPtrArray       *referrals; /* KesReferral*, open ones */
  GHashTable      *names;     /* patient id -> display name */
  KesCatchment    *catchment; /* the areas' names, read with the list */
  GPtrArray       *shown;
  GCancellable    *cancellable; /* the list loading in a worker, or NULL */
  GtkWidget       *intake_window;
  KesReferralForm *intake_form;

  GtkStack        *stack;
  GtkStack        *list_stack;
  GtkSearchEntry  *search_entry;
  GtkDropDown     *stage_filter;
  GtkDropDown     *source_filter;
  GtkDropDown     *area_filter;
  GtkDropDown     *sort_field;
  GtkListBox      *list;
  GtkWidget       *back_button;
  KesReferralView *view;
};

G_DEFINE_FINAL_TYPE (KesReferralsPage, kes_referrals_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

KesReferralWait
kes_referrals_wait_level (KesReferralStage stage,
                          int              days,
                          guint            amber_days,
                          guint            red_days)
{
  if (stage > KES_REFERRAL_ASSESSED)
    return KES_REFERRAL_WAIT_OK;
  if (days >= (int) red_days)
    return KES_REFERRAL_WAIT_RED;
  if (days >= (int) amber_days)
    return KES_REFERRAL_WAIT_AMBER;
  return KES_REFERRAL_WAIT_OK;
}

static gboolean
contains_folded (const char *text,
                 const char *needle_folded)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);
  return strstr (folded, needle_folded) != NULL;
}

gboolean
kes_referrals_matches (KesReferral *referral,
                       const char  *patient_name,
                       const char  *search,
                       const char  *stage,
                       const char  *source,
                       const char  *area)
{
  if (stage != NULL && *stage != '\0' &&
      g_strcmp0 (stage, kes_referral_stage_to_string (kes_referral_get_stage (referral))) != 0)
    return FALSE;
  if (source != NULL && *source != '\0' && g_strcmp0 (source, kes_referral_get_text (referral, KES_REFERRAL_SOURCE)) != 0)
    return FALSE;
  if (area != NULL && *area != '\0' && g_strcmp0 (area, kes_referral_get_text (referral, KES_REFERRAL_AREA)) != 0)
    return FALSE;
  if (search != NULL && *search != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);

      return contains_folded (patient_name, needle) ||
             contains_folded (kes_referral_get_text (referral, KES_REFERRAL_UNIT), needle) ||
             contains_folded (kes_referral_get_text (referral, KES_REFERRAL_REFERRER), needle);
    }
  return TRUE;
}

int
kes_referrals_compare (KesReferral      *a,
                       KesReferral      *b,
                       KesReferralsSort  sort,
                       const char       *name_a,
                       const char       *name_b,
                       const GDate      *today)
{
  int order = 0;

  switch (sort)
    {
    case KES_REFERRALS_SORT_NEWEST:
      order = g_strcmp0 (kes_referral_get_text (b, KES_REFERRAL_DATE), kes_referral_get_text (a, KES_REFERRAL_DATE));
      break;
    case KES_REFERRALS_SORT_NAME:
      {
        g_autofree char *ka = g_utf8_collate_key (name_a != NULL ? name_a : "", -1);
        g_autofree char *kb = g_utf8_collate_key (name_b != NULL ? name_b : "", -1);
        order = strcmp (ka, kb);
      }
      break;
    case KES_REFERRALS_SORT_STAGE:
      order = (int) kes_referral_get_stage (a) - (int) kes_referral_get_stage (b);
      break;
    case KES_REFERRALS_SORT_LONGEST_WAIT:
    case KES_REFERRALS_N_SORTS:
    default:
      order = kes_referral_days_in_stage (b, today) - kes_referral_days_in_stage (a, today);
      break;
    }
  if (order == 0 && sort != KES_REFERRALS_SORT_LONGEST_WAIT)
    order = kes_referral_days_in_stage (b, today) - kes_referral_days_in_stage (a, today);
  if (order == 0)
    order = g_strcmp0 (kes_referral_get_id (a), kes_referral_get_id (b));
  return order;
}

typedef struct
{
  KesReferralsPage *self;
  KesReferralsSort  sort;
  const GDate      *today;
} SortContext;

static int
compare_shown (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  SortContext *context = user_data;
  KesReferral *x = *(KesReferral **) a;
  KesReferral *y = *(KesReferral **) b;

  return kes_referrals_compare (x, y, context->sort,
                                g_hash_table_lookup (context->self->names,
                                                     kes_referral_get_text (x, KES_REFERRAL_PATIENT_ID)),
                                g_hash_table_lookup (context->self->names,
                                                     kes_referral_get_text (y, KES_REFERRAL_PATIENT_ID)),
                                context->today);
}

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "referral-amber-days") ||
      !g_settings_schema_has_key (schema, "referral-red-days"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* The thresholds are settings (referral-amber-days, referral-red-days);
 * the schema's defaults when it is not installed. */
static guint
amber_days (KesReferralsPage *self)
{
  return self->settings != NULL ? g_settings_get_uint (self->settings, "referral-amber-days") : 14;
}

static guint
red_days (KesReferralsPage *self)
{
  return self->settings != NULL ? g_settings_get_uint (self->settings, "referral-red-days") : 28;
}

static GtkWidget *
referral_row (KesReferralsPage *self,
              KesReferral      *referral,
              const GDate      *today)
{
  KesReferralStage stage = kes_referral_get_stage (referral);
  const char *name = g_hash_table_lookup (self->names, kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID));
  int days = kes_referral_days_in_stage (referral, today);
  KesReferralWait wait = kes_referrals_wait_level (stage, days, amber_days (self), red_days (self));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *stage_label = gtk_label_new (kes_referral_stage_label (stage));
  g_autofree char *days_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
  GtkWidget *days_label = gtk_label_new (days_text);
  const char *area = self->catchment != NULL
    ? kes_catchment_display_name (self->catchment, kes_referral_get_text (referral, KES_REFERRAL_AREA)) : NULL;
  g_autofree char *clocks = kes_referral_clocks_text (referral, today);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", kes_referral_get_text (referral, KES_REFERRAL_UNIT),
                                               area != NULL ? area : "", clocks);
  g_autofree char *days_name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day in this stage",
                                                             "%d days in this stage", days), days);
  g_autofree char *description = g_strdup_printf ("referral-row %s", kes_referral_stage_to_string (stage));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL ? name : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (stage_label, "dim-label");
  gtk_label_set_width_chars (GTK_LABEL (days_label), 8);
  gtk_label_set_xalign (GTK_LABEL (days_label), 1);
  if (wait == KES_REFERRAL_WAIT_AMBER)
    gtk_widget_add_css_class (days_label, "warning");
  else if (wait == KES_REFERRAL_WAIT_RED)
    gtk_widget_add_css_class (days_label, "error");
  if (wait != KES_REFERRAL_WAIT_OK)
    {
      g_autofree char *tip = g_strdup_printf (_("Waiting %d days in this stage"), days);
      gtk_widget_set_tooltip_text (days_label, tip);
      gtk_widget_add_css_class (days_label, "heading");
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), stage_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (days_label), GTK_ACCESSIBLE_PROPERTY_LABEL, days_name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), days_label);
  kes_widget_set_handle (row, description);
  g_object_set_data_full (G_OBJECT (row), "referral-id", g_strdup (kes_referral_get_id (referral)), g_free);
  return row;
}

static void
refilter (KesReferralsPage *self)
{
  g_autoptr(GDate) today = kes_clock_today ();
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  SortContext context = { self, gtk_drop_down_get_selected (self->sort_field), today };

  kes_list_box_remove_all (self->list);
  g_ptr_array_set_size (self->shown, 0);
  for (guint i = 0; self->referrals != NULL && i < self->referrals->len; i++)
    {
      KesReferral *referral = g_ptr_array_index (self->referrals, i);
      const char *name = g_hash_table_lookup (self->names, kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID));

      if (kes_referrals_matches (referral, name, search, kes_dropdown_get_code (self->stage_filter),
                                 kes_dropdown_get_code (self->source_filter),
                                 kes_dropdown_get_code (self->area_filter)))
        g_ptr_array_add (self->shown, g_object_ref (referral));
    }
  if (context.sort >= KES_REFERRALS_N_SORTS)
    context.sort = KES_REFERRALS_SORT_LONGEST_WAIT;
  g_ptr_array_sort_with_data (self->shown, compare_shown, &context);
  for (guint i = 0; i < self->shown->len; i++)
    gtk_list_box_append (self->list, referral_row (self, self->shown->pdata[i], today));
  if (self->cancellable != NULL && self->shown->len == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->list_stack, self->shown->len > 0 ? "rows" : "empty");
}

static void
filter_changed_cb (KesReferralsPage *self)
{
  refilter (self);
}

static void
row_activated_cb (KesReferralsPage *self,
                  GtkListBoxRow    *row)
{
  kes_referrals_page_open_referral (self, g_object_get_data (G_OBJECT (row), "referral-id"));
}

static void
back_clicked_cb (KesReferralsPage *self)
{
  kes_referrals_page_go_back (self);
}

/* The list shows referrals and their patients' names. */
static gboolean
change_concerns_referrals (GtkWidget  *owner,
                           const char *kind,
                           const char *record_id,
                           const char *patient_id)
{
  static const char * const kinds[] = { "referral", "patient", "catchment-area", NULL };

  return kes_change_is_kind (kind, kinds);
}

static void
refresh_for_change (GtkWidget *owner)
{
  kes_referrals_page_reload (KES_REFERRALS_PAGE (owner));
}

static void
intake_save_clicked_cb (KesReferralsPage *self)
{
  kes_referrals_page_save_intake (self);
}

static void
intake_destroyed_cb (KesReferralsPage *self)
{
  self->intake_window = NULL;
  self->intake_form = NULL;
}

static void
new_clicked_cb (KesReferralsPage *self)
{
  kes_referrals_page_new_referral (self);
}

/* ---- GObject ---- */

static void
kes_referrals_page_dispose (GObject *object)
{
  KesReferralsPage *self = KES_REFERRALS_PAGE (object);

  if (self->intake_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->intake_window));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_REFERRALS_PAGE);
  g_clear_pointer (&self->watch, kes_change_watch_free);
  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->referrals, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->catchment, kes_catchment_free);
  G_OBJECT_CLASS (kes_referrals_page_parent_class)->dispose (object);
}

static void
kes_referrals_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KesReferralsPage *self = KES_REFERRALS_PAGE (object);

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
kes_referrals_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KesReferralsPage *self = KES_REFERRALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kes_referrals_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_referrals_page_class_init (KesReferralsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_referrals_page_dispose;
  object_class->get_property = kes_referrals_page_get_property;
  object_class->set_property = kes_referrals_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KES_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KES_TYPE_REFERRAL_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kestrelcare/Kestrel/referrals/kes-referrals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KesReferralsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, KesReferralsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KesReferralsPage, stage_filter);
  gtk_widget_class_bind_template_child (widget_class, KesReferralsPage, source_filter);
  gtk_widget_class_bind_template_child (widget_class, KesReferralsPage, area_filter);
  gtk_widget_class_bind_template_child (widget_class, KesReferralsPage, sort_field);
  gtk_widget_class_bind_template_child (widget_class, KesReferralsPage, list);
  gtk_widget_class_bind_template_child (widget_class, KesReferralsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, KesReferralsPage, view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
}

static void
kes_referrals_page_init (KesReferralsPage *self)
{
  const char *stage_codes[KES_REFERRAL_N_STAGES];
  const char *stage_labels[KES_REFERRAL_N_STAGES];
  guint n = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's own child: not bound, so disposing the template leaves it to the bin. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
  self->settings = settings_new_if_installed ();
  /* The amber and red thresholds are settings: recolour when they change. */
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed", G_CALLBACK (refilter), self, G_CONNECT_SWAPPED);
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (KesReferralStage stage = 0; stage < KES_REFERRAL_N_STAGES; stage++)
    if (kes_referral_stage_is_open (stage))
      {
        stage_codes[n] = kes_referral_stage_to_string (stage);
        stage_labels[n] = kes_referral_stage_label (stage);
        n++;
      }
  kes_dropdown_fill (self->stage_filter, _("Every stage"), stage_codes, stage_labels, n);
  kes_dropdown_fill_code_list (self->source_filter, KES_CODES_REFERRAL_SOURCE, _("Every source"));
  kes_dropdown_fill_areas (self->area_filter, NULL, NULL, TRUE, _("Every area"));
  self->watch = kes_change_watch_new (GTK_WIDGET (self), change_concerns_referrals, refresh_for_change);
}

/* ---- Public ---- */

GtkWidget *
kes_referrals_page_new (void)
{
  return g_object_new (KES_TYPE_REFERRALS_PAGE, NULL);
}

void
kes_referrals_page_set_context (KesReferralsPage *self,
                                KesContext       *context)
{
  KesStore *store;

  g_return_if_fail (KES_IS_REFERRALS_PAGE (self));
  g_return_if_fail (context == NULL || KES_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  store = context != NULL ? kes_context_get_store (context) : NULL;
  g_set_object (&self->store, store);
  kes_change_watch_set_context (self->watch, context);
  if (store != NULL)
    kes_referral_view_set_store (self->view, store);
  if (store != NULL && kes_store_get_actor (store) != NULL)
    kes_referrals_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KesReferralsPage) self = user_data;
  g_autoptr(KesReferralsLoad) load = NULL;
  g_autoptr(GError) error = NULL;

  load = kes_referrals_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return; /* a newer load is on its way, or the page is gone */
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->referrals, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  if (load == NULL)
    {
      adw_status_page_set_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->list_stack, "empty")),
                                       error->message);
      self->referrals = g_ptr_array_new_with_free_func (g_object_unref);
      self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }
  else
    {
      self->referrals = g_steal_pointer (&load->referrals);
      self->names = g_steal_pointer (&load->names);
    }
  refilter (self);
}

void
kes_referrals_page_reload (KesReferralsPage *self)
{
  g_return_if_fail (KES_IS_REFERRALS_PAGE (self));
  if (self->store == NULL)
    return;
  kes_change_watch_mark_fresh (self->watch);
  /* The areas (a few rows) first: the filter offers every area, retired
   * ones too, since open referrals may still name them. */
  {
    g_autofree char *chosen = g_strdup (kes_dropdown_get_code (self->area_filter));

    g_clear_pointer (&self->catchment, kes_catchment_free);
    self->catchment = kes_store_get_catchment (self->store, NULL);
    g_signal_handlers_block_by_func (self->area_filter, filter_changed_cb, self);
    kes_dropdown_fill_areas (self->area_filter, self->catchment, NULL, TRUE, _("Every area"));
    kes_dropdown_set_code (self->area_filter, chosen);
    g_signal_handlers_unblock_by_func (self->area_filter, filter_changed_cb, self);
  }
  /* The list loads in a worker on its own connection; the rows shown stay
   * until it is back. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  kes_referrals_load_async (self->store, self->cancellable, load_done_cb, g_object_ref (self));
}

gboolean
kes_referrals_page_is_loading (KesReferralsPage *self)
{
  g_return_val_if_fail (KES_IS_REFERRALS_PAGE (self), FALSE);
  return self->cancellable != NULL || kes_change_watch_is_pending (self->watch);
}

KesReferralForm *
kes_referrals_page_new_referral (KesReferralsPage *self)
{
  GtkRoot *root;
  GtkWidget *box, *header, *save, *cancel, *scrolled, *clamp;

  g_return_val_if_fail (KES_IS_REFERRALS_PAGE (self), NULL);

  if (self->intake_window != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->intake_window));
      return self->intake_form;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->intake_window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (self->intake_window), _("New Referral"));
  gtk_window_set_default_size (GTK_WINDOW (self->intake_window), 760, 760);
  gtk_window_set_modal (GTK_WINDOW (self->intake_window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self->intake_window), GTK_WINDOW (root));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  save = gtk_button_new_with_mnemonic (_("_Save Referral"));
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_add_css_class (save, "suggested-action");
  kes_widget_set_handle (save, "save-referral");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  gtk_box_append (GTK_BOX (box), header);
  self->intake_form = KES_REFERRAL_FORM (kes_referral_form_new ());
  kes_referral_form_set_store (self->intake_form, self->store);
  gtk_widget_set_margin_top (GTK_WIDGET (self->intake_form), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->intake_form), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->intake_form), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->intake_form), 12);
  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->intake_form));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self->intake_window), box);
  g_signal_connect_object (save, "clicked", G_CALLBACK (intake_save_clicked_cb), self, G_CONNECT_SWAPPED);
  /* Cancel, Escape and Ctrl+W ask first when something was typed. */
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (gtk_window_close), self->intake_window, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->intake_window, "destroy", G_CALLBACK (intake_destroyed_cb), self, G_CONNECT_SWAPPED);
  kes_secondary_window_guard_unsaved (GTK_WINDOW (self->intake_window));
  gtk_window_present (GTK_WINDOW (self->intake_window));
  return self->intake_form;
}

gboolean
kes_referrals_page_save_intake (KesReferralsPage *self)
{
  g_autoptr(KesReferral) referral = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (KES_IS_REFERRALS_PAGE (self), FALSE);
  g_return_val_if_fail (self->intake_form != NULL, FALSE);

  referral = kes_referral_form_dup_referral (self->intake_form, NULL);
  issues = kes_referral_validate (referral);
  if (issues->len > 0)
    {
      kes_referral_form_show_issues (self->intake_form, issues);
      return FALSE;
    }
  kes_referral_form_clear_issues (self->intake_form);
  if (!kes_store_save_referral (self->store, referral, KES_CHANGE_CREATE, NULL, &error))
    {
      kes_referral_form_show_message (self->intake_form, error->message);
      return FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (self->intake_window));
  kes_referrals_page_open_referral (self, kes_referral_get_id (referral));
  kes_widget_toast (GTK_WIDGET (self), _("Referral recorded"));
  return TRUE;
}

void
kes_referrals_page_open_referral (KesReferralsPage *self,
                                  const char       *referral_id)
{
  g_return_if_fail (KES_IS_REFERRALS_PAGE (self));
  kes_referral_view_load (self->view, referral_id);
  gtk_stack_set_visible_child_name (self->stack, "detail");
}

KesReferralView *
kes_referrals_page_get_view (KesReferralsPage *self)
{
  g_return_val_if_fail (KES_IS_REFERRALS_PAGE (self), NULL);
  return self->view;
}

GPtrArray *
kes_referrals_page_get_shown (KesReferralsPage *self)
{
  g_return_val_if_fail (KES_IS_REFERRALS_PAGE (self), NULL);
  return self->shown;
}

KesReferralWait
kes_referrals_page_get_shown_wait (KesReferralsPage *self,
                                   guint             index)
{
  g_autoptr(GDate) today = kes_clock_today ();
  KesReferral *referral;

  g_return_val_if_fail (KES_IS_REFERRALS_PAGE (self), KES_REFERRAL_WAIT_OK);
  g_return_val_if_fail (index < self->shown->len, KES_REFERRAL_WAIT_OK);

  referral = self->shown->pdata[index];
  return kes_referrals_wait_level (kes_referral_get_stage (referral), kes_referral_days_in_stage (referral, today),
                                   amber_days (self), red_days (self));
}

gboolean
kes_referrals_page_go_back (KesReferralsPage *self)
{
  GtkWidget *list;

  g_return_val_if_fail (KES_IS_REFERRALS_PAGE (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    return FALSE;
  gtk_stack_set_visible_child_name (self->stack, "list");
  /* The Back button pressed is hidden now: the focus goes to the list. */
  list = gtk_stack_get_child_by_name (self->stack, "list");
  kes_focus_keep_within (list);
  return TRUE;
}
