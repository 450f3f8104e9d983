/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-window"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/kes-break-glass-dialog.h"
#include "accounts/kes-inactivity.h"
#include "accounts/kes-lock-screen.h"
#include "accounts/kes-password-dialog.h"
#include "accounts/kes-session-windows.h"
#include "admin/kes-admin-page.h"
#include "carers/kes-carers-page.h"
#include "liaison/kes-liaison-page.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-application.h"
#include "kes-error.h"
#include "kes-validate.h"
#include "kes-window.h"
#include "moj/kes-moj-reports-page.h"
#include "today/kes-today-page.h"
#include "referrals/kes-referrals-page.h"
#include "reports/kes-equality-view.h"
#include "welcome/kes-welcome-page.h"

#define SETTINGS_SCHEMA_ID "io.github.kestrelcare.Kestrel"

struct _KesWindow
{
  AdwApplicationWindow  parent_instance;

  KesContext           *context;     /* the application's (or the window's own, in tests) */
  KesStore             *store;
  KesStore             *pages_store; /* the store the areas were given, after sign-in */
  GSettings            *settings;
  KesInactivity        *inactivity;
  gboolean              close_confirmed;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *error_status;
  KesWelcomePage       *welcome_page;
  KesIntegrityBar      *integrity_bar;
  KesLockScreen        *lock_screen;  /* built when the window first locks */
  GPtrArray            *locked_away;  /* dialogs hidden while locked */
  guint                 drop_shell_id; /* the ended session's shell goes when idle */
  AdwLeaflet           *leaflet;      /* the signed-in shell, built at sign-in */
  GtkWidget            *content_box;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *content_title;
  GtkWidget            *caseload_back_button;
  GtkWidget            *new_patient_button;
  GtkLabel             *user_label;
  GtkMenuButton        *user_button;
  GtkStack             *content_stack;
  GtkWidget            *moj_reports_page;
  GtkWidget            *equality_view;
  KesCaseloadPage      *caseload_page;
  KesReferralsPage     *referrals_page;
  KesAdminPage         *admin_page;
  KesTodayPage         *today_page;
  KesCarersPage        *carers_page;
  KesLiaisonPage       *liaison_page;
  KesPatientPage       *patient_page;
};

G_DEFINE_FINAL_TYPE (KesWindow, kes_window, ADW_TYPE_APPLICATION_WINDOW)

/* ---- Settings: tolerated when the schema is not installed ---- */

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  static const char * const keys[] = { "window-width", "window-height", "window-maximized" };

  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (!g_settings_schema_has_key (schema, keys[i]))
        return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
restore_window_state (KesWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (KesWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

/* ---- Unsaved changes in the patient record ---- */

typedef void (*ThenFunc) (KesWindow  *self,
                          const char *argument);

typedef struct
{
  KesWindow *window;
  ThenFunc   then;
  char      *argument;
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->window);
  g_free (pending->argument);
  g_free (pending);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Pending          *pending)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      kes_patient_page_discard_changes (pending->window->patient_page);
      pending->then (pending->window, pending->argument);
    }
  else
    {
      pending->then (pending->window, NULL);
    }

  pending_free (pending);
}

/* Runs @then with @argument now, or after the user agrees to discard unsaved
 * changes in the open record; if they keep editing, @then gets NULL. */
static void
after_unsaved_changes (KesWindow  *self,
                       ThenFunc    then,
                       const char *argument)
{
  GtkWidget *dialog;
  Pending *pending;

  if (self->patient_page == NULL || !kes_patient_page_has_unsaved_changes (self->patient_page))
    {
      if (self->patient_page != NULL && kes_patient_page_get_editing (self->patient_page))
        kes_patient_page_discard_changes (self->patient_page);
      then (self, argument);
      return;
    }

  pending = g_new0 (Pending, 1);
  pending->window = g_object_ref (self);
  pending->then = then;
  pending->argument = g_strdup (argument);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard Changes?"),
                                   _("The record you are editing has changes that have not been "
                                     "saved. They will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard Changes"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (discard_response_cb), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- The signed-in shell ---- */

static void sidebar_row_activated_cb (KesWindow     *self,
                                      GtkListBoxRow *row);
static void sidebar_focus_left_cb    (KesWindow     *self);
static void leaflet_back_clicked_cb  (KesWindow     *self);

/* The sidebar, header bar and area stack are built the first time they are
 * needed (normally at sign-in), not with the window: the first frame is the
 * sign-in page, and the shell's menus and tooltips cost it several
 * milliseconds. */
static void
ensure_shell (KesWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GError) error = NULL;
  GtkEventController *focus;

  if (self->leaflet != NULL)
    return;

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "sidebar_row_activated_cb", G_CALLBACK (sidebar_row_activated_cb),
                                           "leaflet_back_clicked_cb", G_CALLBACK (leaflet_back_clicked_cb),
                                           NULL);
  builder = gtk_builder_new ();
  gtk_builder_set_scope (builder, scope);
  /* The object swapped handlers are given, as in the window's template. */
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  if (!gtk_builder_add_from_resource (builder, RESOURCE_PREFIX "/kes-window-shell.ui", &error))
    g_error ("The window's shell is missing from the resources: %s", error->message);

  self->leaflet = ADW_LEAFLET (gtk_builder_get_object (builder, "leaflet"));
  self->content_box = GTK_WIDGET (gtk_builder_get_object (builder, "content_box"));
  self->sidebar_list = GTK_LIST_BOX (gtk_builder_get_object (builder, "sidebar_list"));
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (sidebar_focus_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar_list), focus);
  self->content_title = ADW_WINDOW_TITLE (gtk_builder_get_object (builder, "content_title"));
  self->caseload_back_button = GTK_WIDGET (gtk_builder_get_object (builder, "caseload_back_button"));
  self->new_patient_button = GTK_WIDGET (gtk_builder_get_object (builder, "new_patient_button"));
  self->user_label = GTK_LABEL (gtk_builder_get_object (builder, "user_label"));
  self->user_button = GTK_MENU_BUTTON (gtk_builder_get_object (builder, "user_button"));
  self->content_stack = GTK_STACK (gtk_builder_get_object (builder, "content_stack"));
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->leaflet), "main");
}

/* ---- Areas ---- */

static void
select_sidebar_row (KesWindow  *self,
                    const char *area)
{
  GtkListBoxRow *row;

  ensure_shell (self);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)) != NULL; i++)
    {
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), area) == 0)
        {
          gtk_list_box_select_row (self->sidebar_list, row);
          break;
        }
    }
}

/* ---- Areas built when first shown ---- */

static void directory_changed_cb    (KesWindow  *self);
static void patient_activated_cb    (KesWindow  *self,
                                     const char *patient_id);
static void today_item_activated_cb (KesWindow  *self,
                                     KesDueItem *item);

/* The Reports area lists the Ministry of Justice reports due and holds the
 * equality monitoring (PCREF) report, one switcher apart. */
static GtkWidget *
build_reports_area (KesWindow *self)
{
  GtkWidget *area = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *reports = gtk_stack_new ();
  GtkWidget *switcher = gtk_stack_switcher_new ();

  self->moj_reports_page = kes_moj_reports_page_new ();
  self->equality_view = kes_equality_view_new ();
  gtk_widget_set_vexpand (reports, TRUE);
  gtk_stack_add_titled (GTK_STACK (reports), self->moj_reports_page, "reports",
                        _("Due to the Ministry of Justice"));
  gtk_stack_add_titled (GTK_STACK (reports), self->equality_view, "equality", _("Equality Monitoring"));
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (reports));
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (switcher, 6);
  gtk_box_append (GTK_BOX (area), switcher);
  gtk_box_append (GTK_BOX (area), reports);
  return area;
}

static gboolean
actor_may (KesWindow     *self,
           KesPermission  permission)
{
  return self->pages_store != NULL && kes_store_check_permission (self->pages_store, permission, NULL, NULL);
}

/* What a role can't read, the window doesn't offer: areas, and the parts
 * of Reports, are shown by the permissions core checks when they load. */
static void
show_permitted_areas (KesWindow *self)
{
  /* An area shows when the actor holds any of its permissions. */
  static const struct
  {
    const char    *area;
    guint          n;
    KesPermission  any[3];
  } areas[] = {
    { "today", 2, { KES_PERMISSION_VIEW_CLINICAL, KES_PERMISSION_VIEW_CARERS } },
    { "caseload", 1, { KES_PERMISSION_VIEW_IDENTITY } },
    { "referrals", 1, { KES_PERMISSION_VIEW_CLINICAL } },
    { "reports", 3, { KES_PERMISSION_VIEW_CLINICAL, KES_PERMISSION_EXPORT, KES_PERMISSION_VIEW_AUDIT } },
    { "carers", 1, { KES_PERMISSION_VIEW_CARERS } },
    { "liaison", 1, { KES_PERMISSION_VIEW_CLINICAL } },
    { "admin", 1, { KES_PERMISSION_VIEW_DIRECTORY } },
  };
  GtkListBoxRow *row;

  if (self->sidebar_list == NULL)
    return;
  gtk_widget_set_visible (self->new_patient_button, actor_may (self, KES_PERMISSION_EDIT_IDENTITY));
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)) != NULL; i++)
    for (guint a = 0; a < G_N_ELEMENTS (areas); a++)
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), areas[a].area) == 0)
        {
          gboolean shown = FALSE;

          for (guint p = 0; p < areas[a].n && !shown; p++)
            shown = actor_may (self, areas[a].any[p]);
          gtk_widget_set_visible (GTK_WIDGET (row), shown);
        }
  if (self->moj_reports_page != NULL)
    {
      GtkStack *reports = GTK_STACK (gtk_widget_get_parent (self->moj_reports_page));
      gboolean moj = actor_may (self, KES_PERMISSION_VIEW_CLINICAL);

      gtk_stack_page_set_visible (gtk_stack_get_page (reports, self->moj_reports_page), moj);
      if (!moj)
        gtk_stack_set_visible_child (reports, self->equality_view);
    }
}

/* Hands the store to the areas built so far; one built later gets it then. */
static void
give_lazy_areas_store (KesWindow *self)
{
  if (self->caseload_page != NULL)
    kes_caseload_page_set_context (self->caseload_page, self->context);
  if (self->today_page != NULL)
    kes_today_page_set_context (self->today_page, self->context);
  if (self->referrals_page != NULL)
    kes_referrals_page_set_context (self->referrals_page, self->context);
  if (self->admin_page != NULL)
    kes_admin_page_set_store (self->admin_page, self->pages_store);
  if (self->carers_page != NULL)
    kes_carers_page_set_store (self->carers_page, self->pages_store);
  if (self->liaison_page != NULL)
    kes_liaison_page_set_store (self->liaison_page, self->pages_store);
  if (self->moj_reports_page != NULL)
    kes_moj_reports_page_set_store (KES_MOJ_REPORTS_PAGE (self->moj_reports_page), self->pages_store);
  if (self->equality_view != NULL)
    kes_equality_view_set_store (KES_EQUALITY_VIEW (self->equality_view), self->pages_store);
}

/* Every area is built the first time it is shown, so that the first frame
 * (the sign-in page) waits on none of them. */
static void
ensure_area (KesWindow  *self,
             const char *area)
{
  GtkWidget *child;
  const char *title;

  ensure_shell (self);
  if (gtk_stack_get_child_by_name (self->content_stack, area) != NULL)
    return;

  if (g_str_equal (area, "today"))
    {
      child = kes_today_page_new ();
      self->today_page = KES_TODAY_PAGE (child);
      g_signal_connect_swapped (child, "item-activated", G_CALLBACK (today_item_activated_cb), self);
      title = _("Today");
    }
  else if (g_str_equal (area, "caseload"))
    {
      child = kes_caseload_page_new ();
      self->caseload_page = KES_CASELOAD_PAGE (child);
      g_signal_connect_swapped (child, "patient-activated", G_CALLBACK (patient_activated_cb), self);
      title = _("Caseload");
    }
  else if (g_str_equal (area, "referrals"))
    {
      child = kes_referrals_page_new ();
      self->referrals_page = KES_REFERRALS_PAGE (child);
      title = _("Referrals");
    }
  else if (g_str_equal (area, "reports"))
    {
      child = build_reports_area (self);
      title = _("Reports");
    }
  else if (g_str_equal (area, "carers"))
    {
      child = g_object_new (KES_TYPE_CARERS_PAGE, NULL);
      self->carers_page = KES_CARERS_PAGE (child);
      title = _("Carers");
    }
  else if (g_str_equal (area, "liaison"))
    {
      child = g_object_new (KES_TYPE_LIAISON_PAGE, NULL);
      self->liaison_page = KES_LIAISON_PAGE (child);
      title = _("Liaison & Diversion");
    }
  else if (g_str_equal (area, "admin"))
    {
      child = kes_admin_page_new ();
      self->admin_page = KES_ADMIN_PAGE (child);
      g_signal_connect_swapped (child, "directory-changed", G_CALLBACK (directory_changed_cb), self);
      title = _("Administration");
    }
  else
    return;

  gtk_stack_add_titled (self->content_stack, child, area, title);
  if (self->pages_store != NULL)
    give_lazy_areas_store (self);
  show_permitted_areas (self);
}

static void
show_area_now (KesWindow  *self,
               const char *area)
{
  GtkStackPage *page;

  if (area == NULL)
    {
      /* The user kept editing: stay on the record. */
      select_sidebar_row (self, "caseload");
      return;
    }

  ensure_area (self, area);
  /* Today and Referrals read again by themselves when shown after a save
   * (KesContext::changed), not on every visit. */
  gtk_stack_set_visible_child_name (self->content_stack, area);
  page = gtk_stack_get_page (self->content_stack, gtk_stack_get_visible_child (self->content_stack));
  adw_window_title_set_title (self->content_title, gtk_stack_page_get_title (page));
  adw_window_title_set_subtitle (self->content_title, NULL);
  gtk_widget_set_visible (self->caseload_back_button, FALSE);
  select_sidebar_row (self, area);
}

static gboolean
showing_patient (KesWindow *self)
{
  if (self->content_stack == NULL)
    return FALSE;
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "patient") == 0;
}

/* An area opens when its row is activated (a click, Enter or Space), not
 * when it is selected: the arrow keys and Tab move through the sidebar
 * selecting as they go, and passing over "Caseload" must not close the
 * open record. Moving on without activating puts the selection back on
 * the area shown. */
static void
sidebar_row_activated_cb (KesWindow     *self,
                          GtkListBoxRow *row)
{
  const char *area = gtk_widget_get_name (GTK_WIDGET (row));

  if (showing_patient (self))
    after_unsaved_changes (self, show_area_now, area);
  else
    show_area_now (self, area);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
sidebar_focus_left_cb (KesWindow *self)
{
  const char *shown = self->content_stack != NULL ? gtk_stack_get_visible_child_name (self->content_stack) : NULL;

  if (shown != NULL)
    select_sidebar_row (self, g_str_equal (shown, "patient") ? "caseload" : shown);
}

static void
leaflet_back_clicked_cb (KesWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- The patient record ---- */

static void patient_saved_cb  (KesWindow  *self,
                               const char *patient_id);
static void patient_closed_cb (KesWindow  *self);

/* The record is built the first time it is needed: it is the largest area
 * (eleven tabs), and the first frame should not wait for it. */
static KesPatientPage *
ensure_patient_page (KesWindow *self)
{
  ensure_shell (self);
  if (self->patient_page == NULL)
    {
      self->patient_page = KES_PATIENT_PAGE (kes_patient_page_new ());
      g_signal_connect_swapped (self->patient_page, "saved", G_CALLBACK (patient_saved_cb), self);
      g_signal_connect_swapped (self->patient_page, "closed", G_CALLBACK (patient_closed_cb), self);
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->patient_page), "patient");
      if (self->pages_store != NULL)
        kes_patient_page_set_context (self->patient_page, self->context);
    }
  return self->patient_page;
}

static void
show_patient_page (KesWindow *self)
{
  KesPatient *patient = kes_patient_page_get_patient (ensure_patient_page (self));
  const char *nhs = patient != NULL ? kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER) : NULL;
  g_autofree char *name = NULL;
  g_autofree char *nhs_shown = NULL;

  if (patient != NULL && kes_patient_get_id (patient) != NULL)
    {
      name = kes_patient_dup_display_name (patient);
      if (nhs != NULL && *nhs != '\0')
        nhs_shown = kes_nhs_number_format (nhs);
    }

  gtk_stack_set_visible_child_name (self->content_stack, "patient");
  adw_window_title_set_title (self->content_title, name != NULL ? name : _("New Patient"));
  adw_window_title_set_subtitle (self->content_title, nhs_shown);
  gtk_widget_set_visible (self->caseload_back_button, TRUE);
  select_sidebar_row (self, "caseload");
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
load_patient_now (KesWindow  *self,
                  const char *patient_id)
{
  g_autoptr(GError) error = NULL;

  if (!kes_patient_page_load (ensure_patient_page (self), patient_id, &error))
    {
      kes_show_error (GTK_WIDGET (self), _("The Record Could Not Be Opened"), error->message);
      return;
    }

  show_patient_page (self);
  kes_patient_page_focus_tabs (self->patient_page);
}

static void
break_glass_done_cb (KesBreakGlassOutcome  outcome,
                     gpointer              user_data)
{
  Pending *pending = user_data;

  if (outcome == KES_BREAK_GLASS_GRANTED)
    load_patient_now (pending->window, pending->argument);
  pending_free (pending);
}

static void
open_patient_now (KesWindow  *self,
                  const char *patient_id)
{
  g_autofree char *message = NULL;

  if (patient_id == NULL)
    return;

  /* A patient of another team: emergency access, with a reason, first. */
  if (kes_break_glass_needed (self->store, patient_id, &message))
    {
      Pending *pending = g_new0 (Pending, 1);

      pending->window = g_object_ref (self);
      pending->argument = g_strdup (patient_id);
      kes_ask_break_glass (GTK_WIDGET (self), self->store, patient_id, message,
                           break_glass_done_cb, pending);
      return;
    }
  load_patient_now (self, patient_id);
}

static void
new_patient_now (KesWindow  *self,
                 const char *unused)
{
  KesStaff *actor;

  if (unused == NULL)
    return;

  actor = self->store != NULL ? kes_store_get_actor (self->store) : NULL;
  kes_patient_page_new_patient (ensure_patient_page (self),
                                actor != NULL ? kes_staff_get_team_id (actor) : NULL);
  show_patient_page (self);
}

static void
patient_activated_cb (KesWindow  *self,
                      const char *patient_id)
{
  kes_window_open_patient (self, patient_id);
}

static void
today_item_activated_cb (KesWindow  *self,
                         KesDueItem *item)
{
  g_autofree char *tab = kes_today_target_tab (kes_due_item_get_target (item));

  kes_window_open_patient (self, kes_due_item_get_patient_id (item));
  if (tab != NULL && showing_patient (self))
    kes_patient_page_show_tab (self->patient_page, tab);
}

/* The title shows the name saved; the caseload follows the store's
 * "changed" by itself. */
static void
patient_saved_cb (KesWindow  *self,
                  const char *patient_id)
{
  show_patient_page (self);
}

static void
patient_closed_cb (KesWindow *self)
{
  show_area_now (self, "caseload");
}

static void
directory_changed_cb (KesWindow *self)
{
  if (self->caseload_page == NULL)
    return;
  kes_caseload_page_reload_directory (self->caseload_page);
  kes_caseload_page_reload (self->caseload_page);
}

/* ---- Who is using Kestrel ---- */

static void
update_user (KesWindow *self)
{
  KesStaff *actor = self->store != NULL ? kes_store_get_actor (self->store) : NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;
  const char *role;

  ensure_shell (self);
  if (actor == NULL)
    {
      gtk_label_set_text (self->user_label, "");
      return;
    }

  role = kes_staff_get_role_title (actor);
  gtk_label_set_text (self->user_label, kes_staff_get_display_name (actor));
  if (role != NULL && *role != '\0')
    /* TRANSLATORS: "Signed in as Alex Smith, Community Psychiatric Nurse" */
    tooltip = g_strdup_printf (_("Signed in as %s, %s"), kes_staff_get_display_name (actor), role);
  else
    tooltip = g_strdup_printf (_("Signed in as %s"), kes_staff_get_display_name (actor));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->user_button), tooltip);

  accessible = g_strdup_printf (_("Current user: %s"), kes_staff_get_display_name (actor));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->user_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
set_main_actions_enabled (KesWindow *self,
                          gboolean   enabled)
{
  /* Adding to the register is for those who may (not carers' liaison). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-patient",
                                 enabled && actor_may (self, KES_PERMISSION_EDIT_IDENTITY));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-caseload", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-password", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-patient", enabled);
}

/* The areas get the store only once someone has signed in: nothing about
 * patients is read before that, and the first frame waits on no query. */
static void
give_areas_store (KesWindow *self)
{
  if (self->pages_store == self->store)
    return;
  g_set_object (&self->pages_store, self->store);

  give_lazy_areas_store (self);
  if (self->patient_page != NULL)
    kes_patient_page_set_context (self->patient_page, self->context);
}

/* Everything the session showed goes: its dialogs, and the whole shell
 * (every area, the record, search text, selections), built afresh for
 * whoever signs in next. */
static void
drop_shell (KesWindow *self)
{
  kes_session_windows_destroy (GTK_WINDOW (self));
  g_clear_pointer (&self->locked_away, g_ptr_array_unref);
  if (self->leaflet == NULL)
    return;
  gtk_stack_remove (self->main_stack, GTK_WIDGET (self->leaflet));
  self->leaflet = NULL;
  self->content_box = NULL;
  self->sidebar_list = NULL;
  self->content_title = NULL;
  self->caseload_back_button = NULL;
  self->new_patient_button = NULL;
  self->user_label = NULL;
  self->user_button = NULL;
  self->content_stack = NULL;
  self->moj_reports_page = NULL;
  self->equality_view = NULL;
  self->caseload_page = NULL;
  self->referrals_page = NULL;
  self->admin_page = NULL;
  self->today_page = NULL;
  self->carers_page = NULL;
  self->liaison_page = NULL;
  self->patient_page = NULL;
  g_clear_object (&self->pages_store);
}

static gboolean
drop_shell_idle_cb (gpointer data)
{
  KesWindow *self = data;

  self->drop_shell_id = 0;
  drop_shell (self);
  return G_SOURCE_REMOVE;
}

/* Hidden at once, destroyed when idle: a session often ends from one of
 * its own dialogs ("Discard Changes?"), which must not be destroyed while
 * it is answering. Signing in first drops it at once (end_pending_drop). */
static void
end_session (KesWindow *self)
{
  kes_inactivity_set_running (self->inactivity, FALSE);
  set_main_actions_enabled (self, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  g_clear_pointer (&self->locked_away, g_ptr_array_unref);
  self->locked_away = kes_session_windows_hide (GTK_WINDOW (self));
  if (self->drop_shell_id == 0)
    self->drop_shell_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, drop_shell_idle_cb,
                                           g_object_ref (self), g_object_unref);
  if (self->store != NULL)
    kes_store_sign_out (self->store);
}

static void
end_pending_drop (KesWindow *self)
{
  if (self->drop_shell_id == 0)
    return;
  g_clear_handle_id (&self->drop_shell_id, g_source_remove);
  drop_shell (self);
}

/* Sign Out, and "Sign in as someone else" on the lock screen. */
static void
sign_out_now (KesWindow  *self,
              const char *unused)
{
  if (unused == NULL)
    return;

  end_session (self);
  if (self->store != NULL)
    kes_welcome_page_set_store (self->welcome_page, self->store);
}

static void
enter_main (KesWindow *self)
{
  end_pending_drop (self);
  give_areas_store (self);
  ensure_shell (self);
  show_permitted_areas (self);
  update_user (self);
  set_main_actions_enabled (self, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  show_area_now (self, "caseload");
  kes_caseload_page_focus_search (self->caseload_page);
  kes_inactivity_set_running (self->inactivity, TRUE);
}

static void
actor_chosen_cb (KesWindow *self,
                 KesStaff  *staff)
{
  kes_store_set_actor (self->store, staff);
  if (self->pages_store == self->store)
    {
      if (self->admin_page != NULL)
        kes_admin_page_reload (self->admin_page);
      if (self->caseload_page != NULL)
        kes_caseload_page_reload_directory (self->caseload_page);
    }
  enter_main (self);
}

/* ---- Inactivity lock ---- */

static void
inactivity_setting_changed_cb (KesWindow *self)
{
  /* 0 minutes turns the lock off. */
  kes_inactivity_set_timeout (self->inactivity,
                              g_settings_get_uint (self->settings, "inactivity-lock-minutes")
                              * 60 * 1000);
}

static void lock_unlocked_cb    (KesWindow *self);
static void lock_switch_user_cb (KesWindow *self);

/* Built the first time the window locks: most sessions never do. */
static void
ensure_lock_screen (KesWindow *self)
{
  if (self->lock_screen != NULL)
    return;

  self->lock_screen = KES_LOCK_SCREEN (kes_lock_screen_new ());
  g_signal_connect_swapped (self->lock_screen, "unlocked", G_CALLBACK (lock_unlocked_cb), self);
  g_signal_connect_swapped (self->lock_screen, "switch-user", G_CALLBACK (lock_switch_user_cb), self);
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->lock_screen), "locked");
}

/* The inactivity lock and Lock (Ctrl+L): the work stays underneath for
 * the same person, but nothing of it shows, dialogs included. */
static void
lock_now (KesWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    return;

  ensure_lock_screen (self);
  set_main_actions_enabled (self, FALSE);
  kes_inactivity_set_running (self->inactivity, FALSE);
  g_clear_pointer (&self->locked_away, g_ptr_array_unref);
  self->locked_away = kes_session_windows_hide (GTK_WINDOW (self));
  kes_lock_screen_lock (self->lock_screen, self->store);
  gtk_stack_set_visible_child_name (self->main_stack, "locked");
  gtk_widget_grab_focus (GTK_WIDGET (self->lock_screen));
}

static void
idle_cb (KesWindow *self)
{
  lock_now (self);
}

static void
lock_unlocked_cb (KesWindow *self)
{
  set_main_actions_enabled (self, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  if (self->locked_away != NULL)
    kes_session_windows_show (self->locked_away);
  g_clear_pointer (&self->locked_away, g_ptr_array_unref);
  kes_inactivity_set_running (self->inactivity, TRUE);
}

static void
lock_switch_user_cb (KesWindow *self)
{
  /* Once only: a second press arriving after the session ended must not
   * end the next one's sign-in. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "locked") != 0)
    return;
  /* Unsaved edits are not thrown away silently: the window asks first, and
   * keeping them leaves the window locked. */
  after_unsaved_changes (self, sign_out_now, "sign-out");
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lock_now (KES_WINDOW (widget));
}

/* ---- Own password ---- */

static void
own_password_changed_cb (KesStaff   *staff,
                         const char *password,
                         gpointer    user_data)
{
  KesWindow *self = user_data;

  if (password != NULL)
    kes_widget_toast (GTK_WIDGET (self), _("Password changed"));
  g_object_unref (self);
}

static void
change_password_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KesWindow *self = KES_WINDOW (widget);
  KesStaff *actor = self->store != NULL ? kes_store_get_actor (self->store) : NULL;

  if (actor == NULL)
    return;
  kes_ask_new_password (widget, self->store, actor, 0, KES_PASSWORD_CHANGE_OWN, _("Change Password"),
                        _("Type your current password, then the new one twice."),
                        own_password_changed_cb, g_object_ref (self));
}

/* ---- Actions ---- */

static void
new_patient_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  after_unsaved_changes (KES_WINDOW (widget), new_patient_now, "new");
}

static void
search_now (KesWindow  *self,
            const char *unused)
{
  if (unused == NULL)
    return;

  show_area_now (self, "caseload");
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  kes_caseload_page_focus_search (self->caseload_page);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KesWindow *self = KES_WINDOW (widget);

  if (showing_patient (self))
    after_unsaved_changes (self, search_now, "search");
  else
    search_now (self, "search");
}

static void
show_caseload_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  after_unsaved_changes (KES_WINDOW (widget), show_area_now, "caseload");
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  after_unsaved_changes (KES_WINDOW (widget), sign_out_now, "sign-out");
}

static void
open_patient_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  kes_window_open_patient (KES_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* From a liaison and diversion screening made into a referral. */
static void
open_referral_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KesWindow *self = KES_WINDOW (widget);

  kes_window_show_area (self, "referrals");
  kes_referrals_page_open_referral (self->referrals_page, g_variant_get_string (parameter, NULL));
}

/* ---- Closing ---- */

static void
close_after_discard (KesWindow  *self,
                     const char *argument)
{
  if (argument == NULL)
    return;

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
close_request_cb (KesWindow *self)
{
  if (!self->close_confirmed && self->patient_page != NULL &&
      kes_patient_page_has_unsaved_changes (self->patient_page))
    {
      after_unsaved_changes (self, close_after_discard, "close");
      return TRUE;
    }

  save_window_state (self);
  return FALSE;
}

/* ---- GObject ---- */

static void
kes_window_dispose (GObject *object)
{
  KesWindow *self = KES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_WINDOW);
  g_clear_object (&self->inactivity);
  g_clear_pointer (&self->locked_away, g_ptr_array_unref);
  g_clear_handle_id (&self->drop_shell_id, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->pages_store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kes_window_parent_class)->dispose (object);
}

static void
kes_window_class_init (KesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_window_dispose;

  g_type_ensure (KES_TYPE_ADMIN_PAGE);
  g_type_ensure (KES_TYPE_CARERS_PAGE);
  g_type_ensure (KES_TYPE_LIAISON_PAGE);
  g_type_ensure (KES_TYPE_CASELOAD_PAGE);
  g_type_ensure (KES_TYPE_INTEGRITY_BAR);
  g_type_ensure (KES_TYPE_PATIENT_PAGE);
  g_type_ensure (KES_TYPE_TODAY_PAGE);
  g_type_ensure (KES_TYPE_REFERRALS_PAGE);
  g_type_ensure (KES_TYPE_WELCOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kes-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KesWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KesWindow, error_status);
  gtk_widget_class_bind_template_child (widget_class, KesWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, KesWindow, integrity_bar);
  gtk_widget_class_bind_template_callback (widget_class, actor_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_request_cb);

  gtk_widget_class_install_action (widget_class, "win.new-patient", NULL, new_patient_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-caseload", NULL, show_caseload_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.change-password", NULL,
                                   change_password_action);
  gtk_widget_class_install_action (widget_class, "win.open-patient", "s", open_patient_action);
  gtk_widget_class_install_action (widget_class, "win.open-referral", "s", open_referral_action);
}

static void
kes_window_init (KesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = settings_new_if_installed ();
  restore_window_state (self);

  self->inactivity = kes_inactivity_new (GTK_WIDGET (self));
  g_signal_connect_object (self->inactivity, "idle", G_CALLBACK (idle_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::inactivity-lock-minutes",
                               G_CALLBACK (inactivity_setting_changed_cb), self,
                               G_CONNECT_SWAPPED);
      inactivity_setting_changed_cb (self);
    }
  set_main_actions_enabled (self, FALSE);
}

KesWindow *
kes_window_new (GtkApplication *application)
{
  return g_object_new (KES_TYPE_WINDOW, "application", application, NULL);
}

void
kes_window_set_store (KesWindow *self,
                      KesStore  *store)
{
  g_return_if_fail (KES_IS_WINDOW (self));
  g_return_if_fail (KES_IS_STORE (store));

  g_set_object (&self->store, store);
  kes_context_set_store (kes_window_get_context (self), store);

  /* Everyone signs in, even when there is only one account: the first run
   * creates the administrator, later runs ask for a user name and password. */
  if (kes_store_get_actor (store) != NULL)
    {
      enter_main (self);
    }
  else
    {
      kes_welcome_page_set_store (self->welcome_page, store);
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
    }
}

void
kes_window_show_open_error (KesWindow    *self,
                            const char   *path,
                            const GError *error)
{
  const char *title;
  g_autofree char *advice = NULL;
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (KES_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  /* Core's message says what is wrong; the advice says what to do. */
  if (g_error_matches (error, KES_ERROR, KES_ERROR_NEWER_SCHEMA))
    {
      title = _("This Database Needs a Newer Kestrel");
      advice = g_strdup (_("To work with a different database, start Kestrel with "
                           "“kestrel --database FILE”."));
    }
  else if (g_error_matches (error, KES_ERROR, KES_ERROR_CORRUPT))
    {
      title = _("The Database Is Damaged");
      advice = g_strdup (_("Restore it from your most recent backup, or ask your system "
                           "administrator for help. Kestrel has not written to the file."));
    }
  else
    {
      title = _("The Database Could Not Be Opened");
      advice = g_strdup_printf (_("File: %s\n\nCheck that the file is complete and that you may "
                                  "read and write it and its folder. If it is damaged, restore it "
                                  "from your most recent backup or ask your system administrator. "
                                  "To use a different database, start Kestrel with "
                                  "“kestrel --database FILE”."),
                                path);
    }

  description = g_strdup_printf ("%s\n\n%s", error->message, advice);
  escaped = g_markup_escape_text (description, -1);
  adw_status_page_set_title (self->error_status, title);
  adw_status_page_set_description (self->error_status, escaped);
  /* The page says it all: the foot of the window would say it again. */
  kes_integrity_bar_dismiss (self->integrity_bar);
  set_main_actions_enabled (self, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

void
kes_window_show_area (KesWindow  *self,
                      const char *area)
{
  g_return_if_fail (KES_IS_WINDOW (self));

  after_unsaved_changes (self, show_area_now, area);
}

void
kes_window_open_patient (KesWindow  *self,
                         const char *patient_id)
{
  KesPatient *current;

  g_return_if_fail (KES_IS_WINDOW (self));
  g_return_if_fail (patient_id != NULL);

  current = self->patient_page != NULL ? kes_patient_page_get_patient (self->patient_page) : NULL;
  if (showing_patient (self) && current != NULL
      && g_strcmp0 (kes_patient_get_id (current), patient_id) == 0)
    return;

  after_unsaved_changes (self, open_patient_now, patient_id);
}

void
kes_window_set_inactivity_lock (KesWindow *self,
                                guint      milliseconds)
{
  g_return_if_fail (KES_IS_WINDOW (self));

  kes_inactivity_set_timeout (self->inactivity, milliseconds);
}

static void
open_database_now (KesWindow  *self,
                   const char *path)
{
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GtkApplication *application;

  if (path == NULL)
    return;

  store = kes_store_open (path, &error);
  if (store == NULL)
    {
      kes_show_error (GTK_WIDGET (self), _("Could Not Open the Database"), error->message);
      return;
    }

  /* As at start: nobody is signed in to the new database yet, and nothing
   * of the old one's session stays. */
  end_session (self);
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (KES_IS_APPLICATION (application))
    kes_application_set_store (KES_APPLICATION (application), store);
  kes_window_set_store (self, store);
}

void
kes_window_open_database (KesWindow  *self,
                          const char *path)
{
  g_return_if_fail (KES_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  after_unsaved_changes (self, open_database_now, path);
}

KesAdminPage *
kes_window_get_admin_page (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);
  ensure_area (self, "admin");
  return self->admin_page;
}

KesReferralsPage *
kes_window_get_referrals_page (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);
  ensure_area (self, "referrals");
  return self->referrals_page;
}

KesContext *
kes_window_get_context (KesWindow *self)
{
  GtkApplication *application;

  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);

  /* The application's, shared by its windows; a window made without one
   * (tests) has its own. */
  if (self->context == NULL)
    {
      application = gtk_window_get_application (GTK_WINDOW (self));
      if (KES_IS_APPLICATION (application))
        self->context = g_object_ref (kes_application_get_context (KES_APPLICATION (application)));
      else
        self->context = kes_context_new (self->store, NULL);
    }
  return self->context;
}

KesStore *
kes_window_get_store (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);
  return self->store;
}

KesCaseloadPage *
kes_window_get_caseload_page (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);

  ensure_area (self, "caseload");
  return self->caseload_page;
}

KesPatientPage *
kes_window_get_patient_page (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);

  return ensure_patient_page (self);
}

GtkStack *
kes_window_get_content_stack (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);

  ensure_shell (self);
  return self->content_stack;
}

GtkWidget *
kes_window_get_lock_screen (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);

  ensure_lock_screen (self);
  return GTK_WIDGET (self->lock_screen);
}

KesIntegrityBar *
kes_window_get_integrity_bar (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);

  return self->integrity_bar;
}
