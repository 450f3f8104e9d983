/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-care-plan-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "community/kes-care-plan-view.h"
#include "community/kes-care-view-util.h"
#include "community/kes-crisis-share.h"
#include "kes-app-util.h"
#include "kes-care-plan-items.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-crisis-essentials.h"
#include "kes-medication-rules.h"
#include "kes-report-crisis.h"
#include "kes-store-community.h"
#include "kes-store-patients.h"
#include "kes-validate.h"

struct _KesCarePlanView
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *plan_group;
  AdwPreferencesGroup *reviews_group;
  AdwPreferencesGroup *crisis_group;
  AdwPreferencesGroup *essentials_group;

  KesCareGroup         plan;
  KesCareGroup         reviews;
  KesCareGroup         crisis;
  KesCareGroup         essentials;
  GtkWidget           *plan_button;
  GtkWidget           *crisis_button;
  GtkWidget           *share_button;

  KesStore            *store;
  char                *patient_id;
  KesCareRecord       *current_plan;
  KesCareRecord       *current_crisis;
};

G_DEFINE_FINAL_TYPE (KesCarePlanView, kes_care_plan_view, ADW_TYPE_BIN)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
saved_cb (KesCarePlanView *self)
{
  kes_care_plan_view_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static KesCareRecord *
record_or_new (KesCarePlanView *self,
               KesCareRecord   *current,
               const char      *kind,
               const char      *date_key)
{
  KesCareRecord *record;
  g_autoptr(GDate) today = NULL;
  g_autofree char *iso = NULL;

  if (current != NULL)
    return g_object_ref (current);
  record = kes_care_record_new (kind);
  today = kes_clock_today ();
  iso = kes_date_to_iso (today);
  kes_care_record_set_patient_id (record, self->patient_id);
  kes_care_record_set (record, date_key, iso);
  return record;
}

static void
plan_clicked_cb (KesCarePlanView *self)
{
  g_autoptr(KesCareRecord) record = record_or_new (self, self->current_plan, KES_CARE_CARE_PLAN, "start_date");

  if (self->current_plan == NULL)
    kes_care_record_set (record, "s117_status", "not-eligible");
  kes_care_open_form (GTK_WIDGET (self), self->store, record,
                      kes_care_uses_cmhf () ? _("Care Plan (Key Worker)") : _("CPA Care Plan"),
                      G_CALLBACK (saved_cb));
}

static void
crisis_clicked_cb (KesCarePlanView *self)
{
  g_autoptr(KesCareRecord) record = record_or_new (self, self->current_crisis, KES_CARE_CRISIS_PLAN, "agreed_on");

  kes_care_open_form (GTK_WIDGET (self), self->store, record, _("Crisis and Contingency Plan"),
                      G_CALLBACK (saved_cb));
}

static void
book_review_clicked_cb (KesCarePlanView *self)
{
  g_autoptr(KesCareRecord) record = kes_care_record_new (KES_CARE_CPA_REVIEW);

  kes_care_record_set_patient_id (record, self->patient_id);
  kes_care_record_set (record, "status", "scheduled");
  kes_care_open_form (GTK_WIDGET (self), self->store, record,
                      kes_care_uses_cmhf () ? _("Care Plan Review") : _("CPA Review"), G_CALLBACK (saved_cb));
}

static void
review_clicked_cb (GtkButton       *button,
                   KesCarePlanView *self)
{
  KesCareRecord *record = g_object_get_data (G_OBJECT (button), "kes-record");

  kes_care_open_form (GTK_WIDGET (self), self->store, record,
                      kes_care_uses_cmhf () ? _("Care Plan Review") : _("CPA Review"), G_CALLBACK (saved_cb));
}

/* ---- Share with the crisis team ---- */

/* Whom it goes to, then where: kept while the file chooser is open. */
typedef struct
{
  KesCarePlanView *view;
  char            *recipient;
  char            *method;
  char            *note;
} Sharing;

static void
sharing_free (Sharing *sharing)
{
  g_object_unref (sharing->view);
  g_free (sharing->recipient);
  g_free (sharing->method);
  g_free (sharing->note);
  g_free (sharing);
}

static void
share_response_cb (GtkNativeDialog *chooser,
                   int              response,
                   Sharing         *sharing)
{
  KesCarePlanView *self = sharing->view;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL)
    {
      path = g_file_get_path (file);
      base = g_str_has_suffix (path, ".pdf") ? g_strndup (path, strlen (path) - 4) : g_strdup (path);
      pdf = g_strconcat (base, ".pdf", NULL);
      xml = g_strconcat (base, ".xml", NULL);
      if (!kes_care_plan_view_share (self, sharing->recipient, sharing->method, sharing->note, pdf, xml, &error))
        kes_show_error (GTK_WIDGET (self), _("The Crisis Plan Was Not Shared"), error->message);
      else
        kes_widget_toast (GTK_WIDGET (self), _("Crisis plan saved as PDF and XML, and the sharing recorded"));
    }
  sharing_free (sharing);
}

static void
share_asked_cb (const char *recipient,
                const char *method,
                const char *note,
                gpointer    user_data)
{
  KesCarePlanView *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(KesPatient) patient = kes_store_load_patient (self->store, self->patient_id, NULL);
  g_autofree char *who = patient != NULL ? kes_patient_dup_display_name (patient) : NULL;
  /* Translators: what a saved crisis plan is called; its patient and the date follow */
  g_autofree char *name = kes_file_name_suggest (_("Crisis plan"), who, "pdf");
  Sharing *sharing = g_new0 (Sharing, 1);
  GtkFileChooserNative *chooser;

  sharing->view = g_object_ref (self);
  sharing->recipient = g_strdup (recipient);
  sharing->method = g_strdup (method);
  sharing->note = g_strdup (note);
  chooser = gtk_file_chooser_native_new (_("Share with Crisis Team"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (share_response_cb), sharing);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
share_clicked_cb (KesCarePlanView *self)
{
  kes_crisis_share_ask (GTK_WIDGET (self), share_asked_cb, self);
}

/* ---- Filling ---- */

static void
add_text_row (KesCareGroup  *group,
              KesCareRecord *record,
              const char    *key)
{
  const KesCareField *field = kes_care_kind_find_field (kes_care_record_get_kind (record), key);
  const char *value = kes_care_record_get (record, key);

  kes_care_group_add_row (group, _(field->label), *value != '\0' ? value : _("Not recorded"));
}

static KesCareRecord *
first_of (GListModel *list)
{
  return list != NULL && g_list_model_get_n_items (list) > 0 ? g_list_model_get_item (list, 0) : NULL;
}

/* One row a need: "Stable accommodation", then what is done, who and by
 * when, "overdue" when that date has passed. */
static void
add_plan_lines (KesCareGroup  *group,
                KesCareRecord *plan)
{
  g_autoptr(GPtrArray) lines = kes_plan_items_parse (kes_care_record_get (plan, "actions"));
  g_autoptr(GDate) today = kes_clock_today ();

  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      KesPlanItem *line = g_ptr_array_index (lines, i);
      g_autofree char *by = kes_date_to_display (line->by_when);
      g_autoptr(GDate) by_date = kes_date_from_iso (line->by_when);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* TRANSLATORS: a need of the care plan, by its number */
      title = g_strdup_printf (_("Need %u: %s"), i + 1, line->need);
      if (by_date != NULL && g_date_compare (by_date, today) < 0)
        /* TRANSLATORS: the intervention, who does it and the date it was due by */
        subtitle = g_strdup_printf (_("%s · %s · by %s (date passed)"), line->intervention, line->who, by);
      else
        /* TRANSLATORS: the intervention, who does it and the date it is due by */
        subtitle = g_strdup_printf (_("%s · %s · by %s"), line->intervention, line->who, by);
      kes_care_group_add_row (group, title, subtitle);
    }
}

static void
fill_plan (KesCarePlanView *self,
           GListModel      *plans)
{

  g_clear_object (&self->current_plan);
  self->current_plan = first_of (plans);
  kes_care_group_clear (&self->plan);
  if (self->current_plan != NULL)
    {
      KesCareRecord *plan = self->current_plan;
      g_autofree char *agreed = kes_care_date (plan, "start_date");
      g_autofree char *review = kes_care_date (plan, "review_date");
      g_autofree char *summary = g_strdup_printf (_("Agreed %s · review by %s · %s · %s"), agreed, review,
                                                  kes_care_record_get_bool (plan, "co_produced")
                                                    ? _("written with the person") : _("not co-produced"),
                                                  kes_care_record_get_bool (plan, "copy_given")
                                                    ? _("copy given") : _("no copy given yet"));

      kes_care_group_add_row (&self->plan, summary, kes_care_code_label (plan, "s117_status"));
      add_text_row (&self->plan, plan, "goals");
      add_plan_lines (&self->plan, plan);
      /* A plan written before needs were listed one by one. */
      for (const KesCareField *field = kes_care_kind_fields (KES_CARE_CARE_PLAN); field->key != NULL; field++)
        if (kes_care_field_is_legacy (KES_CARE_CARE_PLAN, field->key) &&
            *kes_care_record_get (plan, field->key) != '\0')
          add_text_row (&self->plan, plan, field->key);
    }
  gtk_button_set_label (GTK_BUTTON (self->plan_button),
                        self->current_plan != NULL ? _("_Edit Care Plan…") : _("_Write Care Plan…"));
  kes_care_group_finish (&self->plan);
}

/* Late by core's rule (configured hours after the day it was held). */
static gboolean
review_validation_late (KesCareRecord *review)
{
  g_autoptr(GDate) held = kes_date_from_iso (kes_care_record_get (review, "held_on"));
  g_autoptr(GDate) validated = kes_date_from_iso (kes_care_record_get (review, "validated_on"));
  g_autoptr(GDate) today = kes_clock_today ();
  const char *status = kes_care_record_get (review, "status");

  if (held == NULL || !(g_str_equal (status, "held") || g_str_equal (status, "validated")))
    return FALSE;
  return kes_cpa_validation_is_late (held, g_str_equal (status, "validated") ? validated : NULL, today);
}

/* "Validate by 24 Nov 2026 (within 72 hours)" and the like; NULL when the
 * review has not been held. */
static char *
review_validation_text (KesCareRecord *review)
{
  g_autoptr(GDate) held = kes_date_from_iso (kes_care_record_get (review, "held_on"));
  g_autoptr(GDate) last = NULL;
  g_autofree char *last_iso = NULL;
  g_autofree char *last_shown = NULL;
  const char *status = kes_care_record_get (review, "status");
  gboolean late;

  if (held == NULL || !(g_str_equal (status, "held") || g_str_equal (status, "validated")))
    return NULL;
  last = kes_cpa_validation_last_day (held, kes_cpa_validate_hours ());
  last_iso = kes_date_to_iso (last);
  last_shown = kes_date_to_display (last_iso);
  late = review_validation_late (review);
  if (g_str_equal (status, "validated"))
    {
      g_autofree char *validated = kes_care_date (review, "validated_on");

      return late ? g_strdup_printf (_("Validated %s — late: it was due by %s"), validated, last_shown)
                  : g_strdup_printf (_("Validated %s"), validated);
    }
  return late ? g_strdup_printf (_("Not validated — late: it was due by %s (within %u hours of the review)"),
                                 last_shown, kes_cpa_validate_hours ())
              : g_strdup_printf (_("To be validated by %s (within %u hours of the review)"), last_shown,
                                 kes_cpa_validate_hours ());
}

static void
fill_reviews (KesCarePlanView *self,
              GListModel      *reviews)
{
  kes_care_group_clear (&self->reviews);
  for (guint i = 0; reviews != NULL && i < g_list_model_get_n_items (reviews); i++)
    {
      g_autoptr(KesCareRecord) review = g_list_model_get_item (reviews, i);
      g_autofree char *date = kes_care_date (review, "scheduled_for");
      g_autofree char *held = kes_care_date (review, "held_on");
      g_autofree char *title = g_strdup_printf ("%s — %s", date, kes_care_code_label (review, "status"));
      const char *status = kes_care_record_get (review, "status");
      g_autofree char *subtitle = NULL;
      GtkWidget *button;
      AdwActionRow *row;

      g_autofree char *validation = review_validation_text (review);

      if (g_str_equal (status, "cancelled"))
        subtitle = g_strdup (kes_care_record_get (review, "cancel_reason"));
      else if (*held != '\0')
        subtitle = g_strdup_printf (_("Held %s%s · %s"), held,
                                    kes_care_record_get_bool (review, "carer_attended") ? _(" with the carer") : "",
                                    kes_care_record_get (review, "outcomes"));
      if (validation != NULL)
        {
          char *joined = g_strdup_printf ("%s\n%s", validation, subtitle != NULL ? subtitle : "");
          g_free (subtitle);
          subtitle = joined;
        }
      row = kes_care_group_add_record (&self->reviews, self->store, review, title, subtitle);
      if (row == NULL)
        continue;
      if (review_validation_late (review))
        {
          GtkWidget *badge = gtk_label_new (_("Validation late"));

          gtk_widget_add_css_class (badge, "kes-due-badge");
          gtk_widget_add_css_class (badge, "kes-due-overdue");
          gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (row, badge);
        }
      if (!g_str_equal (status, "validated") && !g_str_equal (status, "cancelled"))
        {
          button = gtk_button_new_with_mnemonic (_("_Update…"));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (button), "kes-record", g_object_ref (review), g_object_unref);
          g_signal_connect (button, "clicked", G_CALLBACK (review_clicked_cb), self);
          adw_action_row_add_suffix (row, button);
        }
      kes_care_row_add_mark_button (row, GTK_WIDGET (self), self->store, review,
                                    _("Mark This Review as Entered in Error?"), G_CALLBACK (saved_cb));
    }
  kes_care_group_finish (&self->reviews);
}

/* "Norfolk CRHT · Secure email · 21 Nov 2026 · by Alice Adeyemi · version 2". */
static void
add_share_rows (KesCarePlanView *self,
                GListModel      *shares)
{
  for (guint i = 0; shares != NULL && i < g_list_model_get_n_items (shares); i++)
    {
      g_autoptr(KesCareRecord) share = g_list_model_get_item (shares, i);
      g_autofree char *on = kes_care_date (share, "shared_on");
      const char *method = kes_code_list_lookup (kes_code_list_get ("share-method"), kes_care_record_get (share, "method"));
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* TRANSLATORS: whom a crisis plan went to */
      title = g_strdup_printf (_("Shared with %s"), kes_care_record_get (share, "shared_with"));
      /* TRANSLATORS: how, when, who sent it and which version of the plan */
      subtitle = g_strdup_printf (_("%s · %s · by %s · version %s"), method != NULL ? method : "", on,
                                  kes_care_record_get_author_name (share), kes_care_record_get (share, "plan_revision"));
      kes_care_group_add_row (&self->crisis, title, subtitle);
    }
}

static void
fill_crisis (KesCarePlanView *self,
             GListModel      *plans,
             GListModel      *shares)
{
  g_clear_object (&self->current_crisis);
  self->current_crisis = first_of (plans);
  kes_care_group_clear (&self->crisis);
  if (self->current_crisis != NULL)
    {
      g_autofree char *agreed = kes_care_date (self->current_crisis, "agreed_on");
      g_autofree char *review = kes_care_date (self->current_crisis, "review_date");
      g_autofree char *title = NULL;

      if (*review != '\0')
        /* TRANSLATORS: when the crisis plan was agreed, its review date and who last changed it */
        title = g_strdup_printf (_("Agreed %s · review by %s · last updated by %s"), agreed, review,
                                 kes_care_record_get_author_name (self->current_crisis));
      else
        title = g_strdup_printf (_("Agreed %s · no review date: edit the plan to set one · last updated by %s"),
                                 agreed, kes_care_record_get_author_name (self->current_crisis));

      kes_care_group_add_row (&self->crisis, title, NULL);
      add_text_row (&self->crisis, self->current_crisis, "early_warning_signs");
      add_text_row (&self->crisis, self->current_crisis, "crisis_actions");
      add_text_row (&self->crisis, self->current_crisis, "out_of_hours");
      add_text_row (&self->crisis, self->current_crisis, "contingency");
      add_share_rows (self, shares);
    }
  gtk_button_set_label (GTK_BUTTON (self->crisis_button),
                        self->current_crisis != NULL ? _("Edit _Crisis Plan…") : _("Write _Crisis Plan…"));
  gtk_widget_set_sensitive (self->share_button, self->current_crisis != NULL);
  kes_care_group_finish (&self->crisis);
}

/* What the crisis team gets from the record beside the plan: one expander
 * a section, each line a row. */
static void
fill_essentials (KesCarePlanView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesCrisisEssentials) essentials = kes_store_crisis_essentials (self->store, self->patient_id, &error);
  g_autofree char *note = NULL;
  g_autofree char *description = NULL;

  kes_care_group_clear (&self->essentials);
  gtk_widget_set_visible (GTK_WIDGET (self->essentials_group), essentials != NULL);
  if (essentials == NULL)
    {
      /* Without view-clinical the tab has nothing to show. */
      g_debug ("Could not read the crisis essentials: %s", error->message);
      kes_care_group_finish (&self->essentials);
      return;
    }
  note = kes_crisis_essentials_dup_note (essentials);
  /* TRANSLATORS: "Taken from the record on 21 Nov 2026." then an instruction */
  description = g_strdup_printf (_("%s. They go on the plan shared with the crisis team; change them where "
                                   "they are recorded."), note);
  adw_preferences_group_set_description (self->essentials_group, description);
  for (guint s = 0; s < KES_ESSENTIALS_N_SECTIONS; s++)
    {
      GPtrArray *lines = essentials->sections[s];
      GtkWidget *expander = adw_expander_row_new ();
      g_autoptr(GString) summary = g_string_new (NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), kes_crisis_essentials_heading (s));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      for (guint i = 0; i < lines->len; i++)
        {
          KesEssentialLine *line = g_ptr_array_index (lines, i);
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line->label);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line->value);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
          g_string_append_printf (summary, "%s%s", i > 0 ? " · " : "", line->label);
        }
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), summary->str);
      kes_row_set_accessible_name (expander, NULL, kes_crisis_essentials_heading (s), summary->str);
      adw_preferences_group_add (self->essentials_group, expander);
      g_ptr_array_add (self->essentials.rows, expander);
    }
  kes_care_group_finish (&self->essentials);
}

/* ---- GObject ---- */

static void
kes_care_plan_view_dispose (GObject *object)
{
  KesCarePlanView *self = KES_CARE_PLAN_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_CARE_PLAN_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->current_plan);
  g_clear_object (&self->current_crisis);
  g_clear_pointer (&self->patient_id, g_free);
  kes_care_group_free_rows (&self->plan);
  kes_care_group_free_rows (&self->reviews);
  kes_care_group_free_rows (&self->crisis);
  kes_care_group_free_rows (&self->essentials);
  G_OBJECT_CLASS (kes_care_plan_view_parent_class)->dispose (object);
}

static void
kes_care_plan_view_class_init (KesCarePlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_care_plan_view_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/community/kes-care-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KesCarePlanView, plan_group);
  gtk_widget_class_bind_template_child (widget_class, KesCarePlanView, reviews_group);
  gtk_widget_class_bind_template_child (widget_class, KesCarePlanView, crisis_group);
  gtk_widget_class_bind_template_child (widget_class, KesCarePlanView, essentials_group);
}

static void
kes_care_plan_view_init (KesCarePlanView *self)
{
  gboolean cmhf;

  gtk_widget_init_template (GTK_WIDGET (self));

  cmhf = kes_care_uses_cmhf ();
  adw_preferences_group_set_title (self->plan_group, cmhf ? _("Care Plan") : _("CPA Care Plan"));
  adw_preferences_group_set_description (self->plan_group,
    cmhf ? _("A brief plan written with the person and their key worker.")
         : _("Agreed with the person and their care coordinator under the Care Programme Approach."));
  adw_preferences_group_set_title (self->reviews_group, cmhf ? _("Reviews") : _("CPA Reviews"));
  kes_care_group_init (&self->plan, self->plan_group, _("No care plan written yet"));
  kes_care_group_init (&self->reviews, self->reviews_group, _("No reviews booked or held"));
  kes_care_group_init (&self->crisis, self->crisis_group, _("No crisis plan written yet"));
  kes_care_group_init (&self->essentials, self->essentials_group, _("Nothing could be read from the record"));

  self->plan_button = kes_care_header_button (self->plan_group, _("_Write Care Plan…"), "edit-care-plan");
  g_signal_connect_swapped (self->plan_button, "clicked", G_CALLBACK (plan_clicked_cb), self);
  g_signal_connect_swapped (kes_care_header_button (self->reviews_group, _("_Book Review…"), "book-review"),
                            "clicked", G_CALLBACK (book_review_clicked_cb), self);
  self->share_button = kes_care_header_button (self->crisis_group, _("_Share with Crisis Team…"),
                                               "share-crisis-plan");
  g_signal_connect_swapped (self->share_button, "clicked", G_CALLBACK (share_clicked_cb), self);
  self->crisis_button = kes_care_header_button (self->crisis_group, _("Write _Crisis Plan…"), "edit-crisis-plan");
  g_signal_connect_swapped (self->crisis_button, "clicked", G_CALLBACK (crisis_clicked_cb), self);
}

/* ---- Public ---- */

GtkWidget *
kes_care_plan_view_new (void)
{
  return g_object_new (KES_TYPE_CARE_PLAN_VIEW, NULL);
}

void
kes_care_plan_view_set_record (KesCarePlanView *self,
                               KesStore        *store,
                               const char      *patient_id)
{
  g_return_if_fail (KES_IS_CARE_PLAN_VIEW (self));

  g_set_object (&self->store, store);
  g_free (self->patient_id);
  self->patient_id = g_strdup (patient_id);
  kes_care_plan_view_reload (self);
}

void
kes_care_plan_view_reload (KesCarePlanView *self)
{
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(GListModel) reviews = NULL;
  g_autoptr(GListModel) crisis = NULL;
  g_autoptr(GListModel) shares = NULL;

  g_return_if_fail (KES_IS_CARE_PLAN_VIEW (self));

  if (self->store == NULL || self->patient_id == NULL)
    return;
  plans = kes_store_list_care_records (self->store, self->patient_id, KES_CARE_CARE_PLAN, FALSE, NULL);
  reviews = kes_store_list_care_records (self->store, self->patient_id, KES_CARE_CPA_REVIEW, TRUE, NULL);
  crisis = kes_store_list_care_records (self->store, self->patient_id, KES_CARE_CRISIS_PLAN, FALSE, NULL);
  shares = kes_store_list_care_records (self->store, self->patient_id, KES_CARE_CRISIS_PLAN_SHARE, FALSE, NULL);
  fill_plan (self, plans);
  fill_reviews (self, reviews);
  fill_crisis (self, crisis, shares);
  fill_essentials (self);
}

gboolean
kes_care_plan_view_share (KesCarePlanView  *self,
                          const char       *recipient,
                          const char       *method,
                          const char       *note,
                          const char       *pdf_path,
                          const char       *xml_path,
                          GError          **error)
{
  g_return_val_if_fail (KES_IS_CARE_PLAN_VIEW (self), FALSE);
  g_return_val_if_fail (self->store != NULL && self->patient_id != NULL, FALSE);

  if (self->current_crisis == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No crisis plan has been written for this "
                                                                    "patient yet"));
      return FALSE;
    }
  if (!kes_report_crisis_plan_share (self->store, self->current_crisis, recipient, method, note, pdf_path,
                                     xml_path, error))
    return FALSE;
  kes_care_plan_view_reload (self);
  return TRUE;
}
