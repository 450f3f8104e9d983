/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-crisis-essentials.h"
#include "kes-display-value.h"
#include "kes-moj.h"
#include "kes-monitoring.h"
#include "kes-records.h"
#include "kes-risk-assessment.h"
#include "kes-store-community.h"
#include "kes-store-moj.h"
#include "kes-store-next-review.h"
#include "kes-store-notes.h"
#include "kes-store-risk.h"
#include "kes-tool-library.h"
#include "kes-validate.h"
#include "patient/kes-record-overview.h"

struct _KesRecordOverview
{
  GtkBox               parent_instance;

  AdwPreferencesGroup *group;
  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (KesRecordOverview, kes_record_overview, GTK_TYPE_BOX)

enum
{
  OPEN_TAB,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The longest a line's text gets before it is cut: the tab has the rest. */
#define MAX_SHOWN 160

static void
row_activated_cb (AdwActionRow      *row,
                  KesRecordOverview *self)
{
  g_signal_emit (self, signals[OPEN_TAB], 0, g_object_get_data (G_OBJECT (row), "kes-tab"));
}

/* @text cut to @longest characters, with "…" when something was left out. */
static char *
cut_text (const char *text,
          glong       longest)
{
  g_autofree char *cut = g_utf8_substring (text, 0, longest - 1);

  return g_utf8_strlen (text, -1) > longest ? g_strconcat (cut, "…", NULL) : g_strdup (text);
}

/* A line titled @title saying @text (up to @lines lines of it); with @tab,
 * activating it opens that tab. */
static void
add_lines (KesRecordOverview *self,
           const char        *handle,
           const char        *title,
           const char        *text,
           const char        *tab,
           int                lines)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *description = g_strdup_printf ("overview-%s", handle);
  g_autofree char *shown = cut_text (text, MAX_SHOWN * MAX (1, lines / 3));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), lines);
  kes_widget_set_handle (row, description);
  if (tab != NULL)
    {
      g_object_set_data_full (G_OBJECT (row), "kes-tab", g_strdup (tab), g_free);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);
    }
  adw_preferences_group_add (self->group, row);
  g_ptr_array_add (self->rows, row);
}

static void
add_line (KesRecordOverview *self,
          const char        *handle,
          const char        *title,
          const char        *text,
          const char        *tab)
{
  add_lines (self, handle, title, text, tab, 3);
}

/* The conditions of discharge in force (not ended), one a line: the kind
 * and the wording as recorded, each cut short; the MoJ tab has the rest. */
static void
add_conditions (KesRecordOverview *self,
                GListModel        *conditions)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *today_iso = kes_date_to_iso (today);
  g_autoptr(GString) text = g_string_new (NULL);
  KesCodeList *kinds = kes_code_list_get (KES_CODES_DISCHARGE_CONDITION);
  int shown = 0;

  for (guint i = 0; i < g_list_model_get_n_items (conditions); i++)
    {
      g_autoptr(KesMojRecord) condition = g_list_model_get_item (conditions, i);
      const char *end = kes_moj_record_get_text (condition, "end_date");
      const char *kind = kes_moj_record_get_text (condition, "category");
      const char *label = kes_code_list_lookup (kinds, kind);
      g_autofree char *wording = cut_text (kes_moj_record_get_text (condition, "wording"), 90);

      if (*end != '\0' && g_strcmp0 (end, today_iso) < 0)
        continue;
      g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "\n" : "", label != NULL ? label : kind, wording);
      shown++;
    }
  if (shown > 0)
    add_lines (self, "conditions", _("Conditions of discharge"), text->str, "moj", shown);
}

static void
clear (KesRecordOverview *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_alerts (KesRecordOverview  *self,
            KesStore           *store,
            const char         *patient_id,
            const char * const *alerts)
{
  g_autoptr(GPtrArray) care = kes_store_list_care_alerts (store, patient_id, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; care != NULL && i < care->len; i++)
    g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", (char *) care->pdata[i]);
  for (guint i = 0; alerts != NULL && alerts[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", alerts[i]);
  add_line (self, "alerts", _("Alerts"), text->len > 0 ? text->str : _("None recorded"), NULL);
}

/* Legal status and conditions, and the next MoJ report: needs view-clinical. */
static void
add_legal (KesRecordOverview *self,
           KesStore          *store,
           const char        *patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesMojRecord) status = kes_store_current_legal_status (store, patient_id, &error);
  g_autoptr(GListModel) conditions = NULL;
  g_autofree char *header = NULL;
  g_autofree char *next = NULL;

  if (error != NULL)
    return;
  conditions = kes_store_list_moj_records (store, patient_id, KES_MOJ_CONDITION, FALSE, NULL);
  header = status != NULL ? kes_legal_status_dup_header (status) : NULL;
  add_line (self, "legal", _("Legal status"), header != NULL ? header : _("No legal status recorded"), "moj");
  if (conditions != NULL)
    add_conditions (self, conditions);

  next = kes_store_moj_next_due (store, patient_id, NULL);
  if (next != NULL)
    {
      g_autofree char *shown = kes_date_to_display (next);
      /* TRANSLATORS: the date the next routine report to the Ministry of Justice is due */
      g_autofree char *due = g_strdup_printf (_("Due %s"), shown);

      add_line (self, "moj-report", _("Next report to the Ministry of Justice"), due, "moj");
    }
}

/* What monitoring asks for first: an urgent item, else the earliest due. */
static KesMonitoringItem *
soonest (GPtrArray *items)
{
  KesMonitoringItem *best = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      KesMonitoringItem *item = g_ptr_array_index (items, i);

      if (best == NULL || (item->urgent && !best->urgent) ||
          (item->urgent == best->urgent && item->due != NULL &&
           (best->due == NULL || g_date_compare (item->due, best->due) < 0)))
        best = item;
    }
  return best;
}

static void
add_medication (KesRecordOverview *self,
                KesStore          *store,
                const char        *patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = kes_store_medication_lines (store, patient_id, &error);
  g_autoptr(GPtrArray) monitoring = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GString) text = g_string_new (NULL);

  if (lines == NULL)
    return;
  for (guint i = 0; i < lines->len; i++)
    {
      KesEssentialLine *line = g_ptr_array_index (lines, i);
      g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "\n" : "", line->label, line->value);
    }
  add_line (self, "medication", _("Current medication"), text->len > 0 ? text->str : _("None recorded"),
            "medication");

  monitoring = kes_store_list_monitoring (store, patient_id, today, NULL);
  if (monitoring != NULL && monitoring->len > 0)
    {
      KesMonitoringItem *first = soonest (monitoring);
      g_autofree char *iso = first->due != NULL ? kes_date_to_iso (first->due) : NULL;
      g_autofree char *shown = iso != NULL ? kes_date_to_display (iso) : NULL;
      /* TRANSLATORS: what monitoring asks for next, and by when */
      g_autofree char *next = shown != NULL ? g_strdup_printf (_("%s, due %s"), first->title, shown)
                                            : g_strdup (first->title);

      add_line (self, "monitoring", _("Monitoring next"), next, "medication");
    }
}

static void
add_risk (KesRecordOverview *self,
          KesStore          *store,
          const char        *patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = kes_store_list_risk_assessments (store, patient_id, FALSE, &error);
  g_autoptr(KesRiskAssessment) latest = NULL;
  g_autoptr(KesToolDefinition) definition = NULL;
  g_autofree char *on = NULL;
  g_autofree char *text = NULL;
  const char *next, *tool, *formulation;

  if (list == NULL)
    return;
  if (g_list_model_get_n_items (list) == 0)
    {
      add_line (self, "risk", _("Latest risk assessment"), _("None recorded"), "risk");
      return;
    }
  latest = g_list_model_get_item (list, 0);
  /* The tool by its title ("HCR-20 Version 3 (frame)"), not its id. */
  definition = kes_tool_library_find (store, kes_risk_assessment_get_tool_id (latest),
                                      kes_risk_assessment_get_tool_version (latest),
                                      kes_risk_assessment_get_def_version (latest), NULL);
  tool = definition != NULL ? kes_tool_definition_get_title (definition) : kes_risk_assessment_get_tool_id (latest);
  on = kes_date_to_display (kes_risk_assessment_get_assessed_on (latest));
  next = kes_risk_assessment_get_next_review_on (latest);
  if (next != NULL && *next != '\0')
    {
      g_autofree char *review = kes_date_to_display (next);
      /* TRANSLATORS: the tool, when it was assessed, by whom, and its next review */
      text = g_strdup_printf (_("%s, %s by %s · next review %s"), tool, on,
                              kes_risk_assessment_get_author_name (latest), review);
    }
  else
    /* TRANSLATORS: the tool, when it was assessed and by whom */
    text = g_strdup_printf (_("%s, %s by %s"), tool, on, kes_risk_assessment_get_author_name (latest));
  /* The clinician's formulation, where the tool has one: what the team
   * needs to hold in mind, in their own words (never a derived level). */
  formulation = kes_risk_assessment_get_field (latest, "formulation");
  if (formulation != NULL && *formulation != '\0')
    {
      g_autofree char *start = g_utf8_substring (formulation, 0, MIN (g_utf8_strlen (formulation, -1), 160));
      g_autofree char *with = NULL;

      g_strdelimit (start, "\n", ' ');
      /* TRANSLATORS: the line above, then the start of the formulation */
      with = g_strdup_printf (_("%s\nFormulation: %s%s"), text, start,
                              g_utf8_strlen (formulation, -1) > 160 ? "…" : "");
      g_free (text);
      text = g_steal_pointer (&with);
    }
  add_line (self, "risk", _("Latest risk assessment"), text, "risk");
}

static void
add_note (KesRecordOverview *self,
          KesStore          *store,
          const char        *patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) notes = kes_store_list_notes (store, patient_id, FALSE, &error);
  g_autoptr(KesNote) latest = NULL;
  g_autofree char *day = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (notes == NULL)
    return;
  if (g_list_model_get_n_items (notes) == 0)
    {
      add_line (self, "note", _("Latest note"), _("None written"), "notes");
      return;
    }
  latest = g_list_model_get_item (notes, 0);
  /* A time of writing, "2026-11-21T10:00:00Z": its day. */
  day = g_strndup (kes_note_get_written_at (latest), 10);
  when = kes_date_to_display (day);
  /* TRANSLATORS: when a note was written, by whom, its title and the start of its text */
  text = g_strdup_printf (_("%s, %s — %s: %s"), when, kes_note_get_author_name (latest), kes_note_get_title (latest),
                          kes_note_get_body (latest));
  add_line (self, "note", _("Latest note"), text, "notes");
}

static void
add_review (KesRecordOverview *self,
            KesStore          *store,
            const char        *patient_id)
{
  g_autofree char *due = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;
  KesNextReviewKind kind;

  if (!kes_store_next_review (store, patient_id, &due, &kind, NULL))
    return;
  if (due == NULL)
    {
      add_line (self, "next-review", _("Next review"), _("None booked"), "care-plan");
      return;
    }
  shown = kes_date_to_display (due);
  /* TRANSLATORS: "12 Jan 2027 (care plan review)" */
  text = g_strdup_printf (_("%s (%s)"), shown, kes_next_review_kind_label (kind));
  add_line (self, "next-review", _("Next review"), text, "care-plan");
}

static void
kes_record_overview_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KES_TYPE_RECORD_OVERVIEW);
  G_OBJECT_CLASS (kes_record_overview_parent_class)->dispose (object);
}

static void
kes_record_overview_finalize (GObject *object)
{
  g_ptr_array_unref (KES_RECORD_OVERVIEW (object)->rows);
  G_OBJECT_CLASS (kes_record_overview_parent_class)->finalize (object);
}

static void
kes_record_overview_class_init (KesRecordOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_record_overview_dispose;
  object_class->finalize = kes_record_overview_finalize;

  signals[OPEN_TAB] = g_signal_new ("open-tab", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/patient/kes-record-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, KesRecordOverview, group);
}

static void
kes_record_overview_init (KesRecordOverview *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

KesRecordOverview *
kes_record_overview_new (void)
{
  return g_object_new (KES_TYPE_RECORD_OVERVIEW, NULL);
}

void
kes_record_overview_load (KesRecordOverview  *self,
                          KesStore           *store,
                          const char         *patient_id,
                          const char * const *alerts,
                          const char         *coordinator_id)
{
  g_return_if_fail (KES_IS_RECORD_OVERVIEW (self));

  clear (self);
  if (store == NULL || patient_id == NULL)
    return;
  /* Each read asks the store, which refuses what the role may not see:
   * such a line is left out rather than shown empty. */
  add_alerts (self, store, patient_id, alerts);
  add_legal (self, store, patient_id);
  add_medication (self, store, patient_id);
  add_risk (self, store, patient_id);
  add_note (self, store, patient_id);
  if (coordinator_id != NULL && *coordinator_id != '\0')
    {
      g_autofree char *name = kes_store_display_value (store, "patient", "coordinator_id", coordinator_id);
      add_line (self, "coordinator", _("Care coordinator"), name, NULL);
    }
  else
    add_line (self, "coordinator", _("Care coordinator"), _("None named"), NULL);
  add_review (self, store, patient_id);
}
