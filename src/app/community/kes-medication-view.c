/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-medication-view"

#include "config.h"

#include <glib/gi18n.h>

#include "community/kes-care-view-util.h"
#include "community/kes-medication-view.h"
#include "community/kes-monitoring-groups.h"
#include "kes-app-util.h"
#include "community/kes-trend-chart.h"
#include "kes-clock.h"
#include "kes-medication-rules.h"
#include "kes-patient.h"
#include "kes-physical-trend.h"
#include "kes-store-community.h"
#include "kes-store-patients.h"
#include "kes-validate.h"

struct _KesMedicationView
{
  AdwBin               parent_instance;

  GtkLabel            *alerts_label;
  AdwPreferencesGroup *due_group;
  AdwPreferencesGroup *prescriptions_group;
  AdwPreferencesGroup *depot_group;
  AdwPreferencesGroup *clozapine_settings_group;
  AdwPreferencesGroup *fbc_group;
  AdwPreferencesGroup *lithium_settings_group;
  AdwPreferencesGroup *lithium_group;
  AdwPreferencesGroup *physical_group;
  AdwPreferencesGroup *trends_group;
  GtkFlowBox          *trends_box;

  KesCareGroup         due;
  KesCareGroup         prescriptions;
  KesCareGroup         depots;
  KesCareGroup         clozapine_settings;
  KesCareGroup         fbcs;
  KesCareGroup         lithium_settings;
  KesCareGroup         lithium;
  KesCareGroup         physical;

  KesStore            *store;
  char                *patient_id;
  char                *ethnicity; /* for the BMI band */
};

G_DEFINE_FINAL_TYPE (KesMedicationView, kes_medication_view, ADW_TYPE_BIN)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
saved_cb (KesMedicationView *self)
{
  kes_medication_view_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static KesCareRecord *
new_record (KesMedicationView *self,
            const char        *kind,
            const char        *date_key)
{
  KesCareRecord *record = kes_care_record_new (kind);
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *iso = kes_date_to_iso (today);

  kes_care_record_set_patient_id (record, self->patient_id);
  if (date_key != NULL)
    kes_care_record_set (record, date_key, iso);
  return record;
}

static void
open_new (KesMedicationView *self,
          const char        *kind,
          const char        *date_key,
          const char        *title)
{
  g_autoptr(KesCareRecord) record = NULL;

  if (self->patient_id == NULL)
    return;
  record = new_record (self, kind, date_key);
  kes_care_open_form (GTK_WIDGET (self), self->store, record, title, G_CALLBACK (saved_cb));
}

static void
add_prescription_clicked_cb (KesMedicationView *self)
{
  open_new (self, KES_CARE_PRESCRIPTION, "start_date", _("New Prescription"));
}

static void
add_fbc_clicked_cb (KesMedicationView *self)
{
  open_new (self, KES_CARE_FBC, "taken_on", _("Clozapine Blood Result"));
}

static void
add_lithium_clicked_cb (KesMedicationView *self)
{
  open_new (self, KES_CARE_LITHIUM_LEVEL, "taken_on", _("Lithium Level"));
}

static void
add_physical_clicked_cb (KesMedicationView *self)
{
  open_new (self, KES_CARE_PHYSICAL_HEALTH, "taken_on", _("Physical Health Check"));
}

static void
thresholds_clicked_cb (KesMedicationView *self)
{
  if (self->patient_id != NULL)
    kes_monitoring_open_setting (GTK_WIDGET (self), self->store, self->patient_id, KES_CARE_CLOZAPINE_MONITORING,
                                 _("Clozapine Monitoring"), G_CALLBACK (saved_cb));
}

static void
no_rechallenge_clicked_cb (KesMedicationView *self)
{
  if (self->patient_id != NULL)
    kes_monitoring_open_setting (GTK_WIDGET (self), self->store, self->patient_id,
                                 KES_CARE_CLOZAPINE_NO_RECHALLENGE, _("Not to Be Re-challenged"),
                                 G_CALLBACK (saved_cb));
}

static void
lithium_plan_clicked_cb (KesMedicationView *self)
{
  if (self->patient_id != NULL)
    kes_monitoring_open_setting (GTK_WIDGET (self), self->store, self->patient_id, KES_CARE_LITHIUM_PLAN,
                                 _("Lithium Plan"), G_CALLBACK (saved_cb));
}

static void
edit_clicked_cb (GtkButton         *button,
                 KesMedicationView *self)
{
  KesCareRecord *record = g_object_get_data (G_OBJECT (button), "kes-record");
  kes_care_open_form (GTK_WIDGET (self), self->store, record, _("Prescription"), G_CALLBACK (saved_cb));
}

static void
record_dose_clicked_cb (GtkButton         *button,
                        KesMedicationView *self)
{
  KesCareRecord *prescription = g_object_get_data (G_OBJECT (button), "kes-record");
  g_autoptr(KesCareRecord) dose = new_record (self, KES_CARE_DEPOT_DOSE, "given_on");

  kes_care_record_set (dose, "prescription_id", kes_care_record_get_id (prescription));
  kes_care_record_set (dose, "outcome", "given");
  kes_care_record_set (dose, "dose", kes_care_record_get (prescription, "dose"));
  kes_care_open_form (GTK_WIDGET (self), self->store, dose, _("Depot Injection"), G_CALLBACK (saved_cb));
}

static GtkWidget *
row_button (AdwActionRow      *row,
            KesCareRecord     *record,
            const char        *label,
            const char        *handle,
            GCallback          callback,
            KesMedicationView *self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "kes-record", g_object_ref (record), g_object_unref);
  kes_widget_set_handle (button, handle);
  g_signal_connect (button, "clicked", callback, self);
  adw_action_row_add_suffix (row, button);
  return button;
}

static GListModel *
list (KesMedicationView *self,
      const char        *kind)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = kes_store_list_care_records (self->store, self->patient_id, kind, TRUE, &error);

  /* Without the permission to read clinical records the tab stays empty. */
  if (model == NULL)
    g_debug ("Could not list %s records: %s", kind, error->message);
  return model;
}

/* Next depot date for a prescription from its doses (newest first). */
static char *
depot_next_due (KesCareRecord *prescription,
                GListModel    *doses)
{
  g_autoptr(GDate) start = kes_date_from_iso (kes_care_record_get (prescription, "start_date"));
  g_autoptr(GDate) last = NULL;
  g_autoptr(GDate) due = NULL;
  double interval = 0;

  if (start == NULL || !kes_care_record_get_number (prescription, "interval_days", &interval) || interval < 1)
    return NULL;
  for (guint i = 0; doses != NULL && i < g_list_model_get_n_items (doses) && last == NULL; i++)
    {
      g_autoptr(KesCareRecord) dose = g_list_model_get_item (doses, i);

      if (g_str_equal (kes_care_record_get (dose, "prescription_id"), kes_care_record_get_id (prescription)) &&
          g_str_equal (kes_care_record_get (dose, "outcome"), "given"))
        last = kes_date_from_iso (kes_care_record_get (dose, "given_on"));
    }
  due = kes_depot_next_due (last, start, (guint) interval);
  return kes_date_to_iso (due);
}

static void
fill_prescriptions (KesMedicationView *self,
                    GListModel        *scripts,
                    GListModel        *doses)
{
  kes_care_group_clear (&self->prescriptions);
  for (guint i = 0; scripts != NULL && i < g_list_model_get_n_items (scripts); i++)
    {
      g_autoptr(KesCareRecord) script = g_list_model_get_item (scripts, i);
      g_autofree char *title = g_strdup_printf ("%s — %s", kes_care_record_get (script, "drug"),
                                                kes_care_record_get (script, "dose"));
      g_autofree char *started = kes_care_date (script, "start_date");
      g_autofree char *stopped = kes_care_date (script, "stop_date");
      g_autoptr(GString) subtitle = g_string_new (kes_care_code_label (script, "category"));
      AdwActionRow *row;
      gboolean depot = g_str_equal (kes_care_record_get (script, "category"), "depot");

      g_string_append_printf (subtitle, _(" · started %s"), started);
      if (*stopped != '\0')
        g_string_append_printf (subtitle, _(" · stopped %s (%s)"), stopped,
                                kes_care_record_get (script, "stop_reason"));
      else if (depot)
        {
          g_autofree char *due = depot_next_due (script, doses);
          g_autofree char *shown = due != NULL ? kes_date_to_display (due) : NULL;

          g_string_append_printf (subtitle, _(" · every %s days"), kes_care_record_get (script, "interval_days"));
          if (shown != NULL)
            g_string_append_printf (subtitle, _(" · next due %s"), shown);
        }
      row = kes_care_group_add_record (&self->prescriptions, self->store, script, title, subtitle->str);
      if (row == NULL)
        continue;
      if (depot && *stopped == '\0')
        row_button (row, script, _("Record _Dose…"), "record-depot-dose", G_CALLBACK (record_dose_clicked_cb), self);
      row_button (row, script, _("_Edit…"), "edit-prescription", G_CALLBACK (edit_clicked_cb), self);
      kes_care_row_add_mark_button (row, GTK_WIDGET (self), self->store, script,
                                    _("Mark This Prescription as Entered in Error?"), G_CALLBACK (saved_cb));
    }
  kes_care_group_finish (&self->prescriptions);
}

static void
fill_depots (KesMedicationView *self,
             GListModel        *doses,
             GListModel        *scripts)
{
  kes_care_group_clear (&self->depots);
  for (guint i = 0; doses != NULL && i < g_list_model_get_n_items (doses); i++)
    {
      g_autoptr(KesCareRecord) dose = g_list_model_get_item (doses, i);
      g_autofree char *date = kes_care_date (dose, "given_on");
      g_autofree char *title = g_strdup_printf ("%s — %s", date, kes_care_code_label (dose, "outcome"));
      g_autoptr(GString) subtitle = g_string_new (NULL);
      const char *drug = "";
      AdwActionRow *row;

      for (guint j = 0; scripts != NULL && j < g_list_model_get_n_items (scripts); j++)
        {
          g_autoptr(KesCareRecord) script = g_list_model_get_item (scripts, j);
          if (g_str_equal (kes_care_record_get_id (script), kes_care_record_get (dose, "prescription_id")))
            drug = kes_care_record_get (script, "drug");
        }
      if (g_str_equal (kes_care_record_get (dose, "outcome"), "given"))
        /* TRANSLATORS: drug, dose, site, batch, who gave it */
        g_string_printf (subtitle, _("%s %s · %s · batch %s · given by %s"), drug,
                         kes_care_record_get (dose, "dose"), kes_care_record_get (dose, "site"),
                         kes_care_record_get (dose, "batch"), kes_care_record_get (dose, "given_by"));
      else
        g_string_printf (subtitle, "%s · %s", drug, kes_care_record_get (dose, "reason"));
      if (*kes_care_record_get (dose, "observed_hours") != '\0')
        /* TRANSLATORS: how long the patient was watched after an injection */
        g_string_append_printf (subtitle, _(" · observed %s hours"), kes_care_record_get (dose, "observed_hours"));
      if (*kes_care_record_get (dose, "observation_note") != '\0')
        g_string_append_printf (subtitle, " (%s)", kes_care_record_get (dose, "observation_note"));
      row = kes_care_group_add_record (&self->depots, self->store, dose, title, subtitle->str);
      if (row != NULL)
        kes_care_row_add_mark_button (row, GTK_WIDGET (self), self->store, dose,
                                      _("Mark This Depot Entry as Entered in Error?"), G_CALLBACK (saved_cb));
    }
  kes_care_group_finish (&self->depots);
}

/* A coloured badge with the light in words, "Kestrel: Amber". */
static void
add_light_badge (AdwActionRow *row,
                 KesFbcLight   light,
                 gboolean      service,
                 const char   *handle)
{
  /* TRANSLATORS: whose traffic light a blood result has, "Kestrel: Amber" */
  g_autofree char *text = service ? g_strdup_printf (_("Service: %s"), kes_fbc_light_label (light))
                                  : g_strdup_printf (_("Kestrel: %s"), kes_fbc_light_label (light));
  g_autofree char *css = g_strdup_printf ("kes-light-%s", kes_fbc_light_to_string (light));
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_add_css_class (badge, "kes-computed");
  gtk_widget_add_css_class (badge, css);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  kes_widget_set_handle (badge, handle);
  adw_action_row_add_suffix (row, badge);
}

static void
fill_fbcs (KesMedicationView *self,
           GListModel        *results)
{
  kes_care_group_clear (&self->fbcs);
  for (guint i = 0; results != NULL && i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(KesCareRecord) fbc = g_list_model_get_item (results, i);
      g_autofree char *date = kes_care_date (fbc, "taken_on");
      g_autofree char *title = NULL;
      g_autoptr(GString) subtitle = g_string_new (NULL);
      KesFbcThresholds thresholds;
      KesFbcLight light, service;
      gboolean has_service;
      AdwActionRow *row;

      light = kes_store_fbc_light (self->store, fbc, &thresholds);
      has_service = kes_fbc_light_parse (kes_care_record_get (fbc, "service_light"), &service);
      /* TRANSLATORS: date, white cell count, neutrophil count */
      title = g_strdup_printf (_("%s — WBC %s, neutrophils %s"), date, kes_care_record_get (fbc, "wbc"),
                               kes_care_record_get (fbc, "neutrophils"));
      if (has_service && service != light)
        g_string_append_printf (subtitle, _("Kestrel and the monitoring service differ: check the numbers with the "
                                            "service. The more cautious applies: %s"),
                                kes_fbc_light_action (kes_fbc_light_worse (light, service)));
      else
        g_string_append (subtitle, kes_fbc_light_action (has_service ? kes_fbc_light_worse (light, service) : light));
      if (thresholds == KES_FBC_THRESHOLDS_BEN)
        g_string_append (subtitle, _(" (BEN criteria)"));
      row = kes_care_group_add_record (&self->fbcs, self->store, fbc, title, subtitle->str);
      if (row == NULL)
        continue;
      /* Kestrel's light, then the service's beside it when recorded. */
      add_light_badge (row, light, FALSE, "kestrel-light");
      if (has_service)
        add_light_badge (row, service, TRUE, "service-light");
      kes_care_row_add_mark_button (row, GTK_WIDGET (self), self->store, fbc,
                                    _("Mark This Blood Result as Entered in Error?"), G_CALLBACK (saved_cb));
    }
  kes_care_group_finish (&self->fbcs);
}

static void
fill_lithium (KesMedicationView *self,
              GListModel        *levels)
{
  kes_care_group_clear (&self->lithium);
  for (guint i = 0; levels != NULL && i < g_list_model_get_n_items (levels); i++)
    {
      g_autoptr(KesCareRecord) level = g_list_model_get_item (levels, i);
      g_autofree char *date = kes_care_date (level, "taken_on");
      g_autofree char *title = g_strdup_printf (_("%s — %s mmol/L"), date, kes_care_record_get (level, "level"));
      KesLithiumTarget target;
      double value = 0;
      AdwActionRow *row;

      kes_care_record_get_number (level, "level", &value);
      target = kes_store_lithium_target (self->store, self->patient_id, kes_care_record_get (level, "taken_on"));
      row = kes_care_group_add_record (&self->lithium, self->store, level, title,
                                       kes_lithium_band_label (kes_lithium_band (target, value)));
      if (row != NULL)
        kes_care_row_add_mark_button (row, GTK_WIDGET (self), self->store, level,
                                      _("Mark This Lithium Level as Entered in Error?"), G_CALLBACK (saved_cb));
    }
  kes_care_group_finish (&self->lithium);
}

/* Appends @text (taken) to a " · "-separated list. */
static void
append_part (GString *parts,
             char    *text)
{
  if (parts->len > 0)
    g_string_append (parts, " · ");
  g_string_append (parts, text);
  g_free (text);
}

static void
fill_physical (KesMedicationView *self,
               GListModel        *checks)
{
  kes_care_group_clear (&self->physical);
  for (guint i = 0; checks != NULL && i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(KesCareRecord) check = g_list_model_get_item (checks, i);
      g_autofree char *date = kes_care_date (check, "taken_on");
      g_autoptr(GString) parts = g_string_new (NULL);
      double weight, height, bmi;
      AdwActionRow *row;

      if (*kes_care_record_get (check, "weight_kg") != '\0')
        append_part (parts, g_strdup_printf (_("weight %s kg"), kes_care_record_get (check, "weight_kg")));
      if (kes_care_record_get_number (check, "weight_kg", &weight) &&
          kes_care_record_get_number (check, "height_cm", &height) && kes_bmi_compute (weight, height, &bmi))
        append_part (parts, g_strdup_printf (_("BMI %.1f"), bmi));
      if (*kes_care_record_get (check, "waist_cm") != '\0')
        append_part (parts, g_strdup_printf (_("waist %s cm"), kes_care_record_get (check, "waist_cm")));
      if (*kes_care_record_get (check, "systolic") != '\0')
        append_part (parts, g_strdup_printf (_("BP %s/%s"), kes_care_record_get (check, "systolic"),
                                             kes_care_record_get (check, "diastolic")));
      if (*kes_care_record_get (check, "pulse") != '\0')
        append_part (parts, g_strdup_printf (_("pulse %s"), kes_care_record_get (check, "pulse")));
      if (*kes_care_record_get (check, "hba1c") != '\0')
        append_part (parts, g_strdup_printf (_("HbA1c %s mmol/mol"), kes_care_record_get (check, "hba1c")));
      if (*kes_care_record_get (check, "glucose") != '\0')
        append_part (parts, g_strdup_printf (_("glucose %s mmol/L"), kes_care_record_get (check, "glucose")));
      if (*kes_care_record_get (check, "cholesterol") != '\0')
        append_part (parts, g_strdup_printf (_("cholesterol %s mmol/L"),
                                             kes_care_record_get (check, "cholesterol")));
      if (*kes_care_record_get (check, "prolactin") != '\0')
        append_part (parts, g_strdup_printf (_("prolactin %s mIU/L"), kes_care_record_get (check, "prolactin")));
      if (kes_care_record_get_bool (check, "ecg_done"))
        append_part (parts, *kes_care_record_get (check, "ecg_note") != '\0'
                              ? g_strdup_printf (_("ECG: %s"), kes_care_record_get (check, "ecg_note"))
                              : g_strdup (_("ECG done")));
      if (*kes_care_record_get (check, "egfr") != '\0')
        append_part (parts, g_strdup_printf (_("eGFR %s"), kes_care_record_get (check, "egfr")));
      if (kes_care_record_get_bool (check, "ue_done"))
        append_part (parts, g_strdup (_("U&E checked")));
      if (*kes_care_record_get (check, "calcium") != '\0')
        append_part (parts, g_strdup_printf (_("calcium %s mmol/L"), kes_care_record_get (check, "calcium")));
      if (*kes_care_record_get (check, "tsh") != '\0')
        append_part (parts, g_strdup_printf (_("TSH %s mU/L"), kes_care_record_get (check, "tsh")));
      if (*kes_care_record_get (check, "smoking") != '\0')
        append_part (parts, g_strdup (kes_care_code_label (check, "smoking")));
      row = kes_care_group_add_record (&self->physical, self->store, check, date, parts->str);
      if (row != NULL)
        kes_care_row_add_mark_button (row, GTK_WIDGET (self), self->store, check,
                                      _("Mark This Physical Health Check as Entered in Error?"), G_CALLBACK (saved_cb));
    }
  kes_care_group_finish (&self->physical);
}

/* One card a measure: its name, the latest reading and the chart. */
static GtkWidget *
trend_card (GPtrArray      *trends,
            KesTrendSeries *series)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  KesTrendPoint *last = &g_array_index (series->points, KesTrendPoint, series->points->len - 1);
  g_autofree char *value = kes_trend_point_format (series, last);
  g_autofree char *date = kes_date_to_display (last->date);
  /* TRANSLATORS: "Weight (kg)" */
  g_autofree char *title = g_strdup_printf (_("%s (%s)"), series->title, series->unit);
  /* TRANSLATORS: the latest reading, "95 on 1 Jul 2026" */
  g_autofree char *latest = g_strdup_printf (_("%s on %s"), value, date);
  GtkWidget *label;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_top (heading, 10);
  gtk_widget_set_margin_start (heading, 12);
  gtk_widget_set_margin_end (heading, 12);
  label = gtk_label_new (title);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (heading), label);
  label = gtk_label_new (latest);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (heading), label);
  gtk_box_append (GTK_BOX (card), heading);

  if (series->note != NULL)
    {
      /* What the shaded band is and where it comes from (BMI by ethnicity). */
      label = gtk_label_new (series->note);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_box_append (GTK_BOX (card), label);
    }

  label = kes_trend_chart_new (trends, series);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_box_append (GTK_BOX (card), label);
  return card;
}

static void
fill_trends (KesMedicationView *self,
             GListModel        *checks)
{
  g_autoptr(GPtrArray) trends = checks != NULL ? kes_physical_trends (checks, self->ethnicity) : NULL;
  GtkFlowBoxChild *child;

  while ((child = gtk_flow_box_get_child_at_index (self->trends_box, 0)) != NULL)
    gtk_flow_box_remove (self->trends_box, GTK_WIDGET (child));
  for (guint i = 0; trends != NULL && i < trends->len; i++)
    {
      GtkWidget *card = trend_card (trends, g_ptr_array_index (trends, i));

      gtk_flow_box_append (self->trends_box, card);
      /* Cards are not activatable: keep them out of the focus chain. */
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->trends_group), trends != NULL && trends->len > 0);
}

/* TRUE when @scripts has a prescription of @category, stopped or not. */
static gboolean
has_category (GListModel *scripts,
              const char *category)
{
  for (guint i = 0; scripts != NULL && i < g_list_model_get_n_items (scripts); i++)
    {
      g_autoptr(KesCareRecord) script = g_list_model_get_item (scripts, i);

      if (g_str_equal (kes_care_record_get (script, "category"), category))
        return TRUE;
    }
  return FALSE;
}

static void
fill_monitoring (KesMedicationView *self,
                 GListModel        *active_scripts,
                 GListModel        *fbcs,
                 GListModel        *levels)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = kes_store_list_monitoring (self->store, self->patient_id, today, &error);
  gboolean clozapine = has_category (active_scripts, "clozapine") ||
                       (fbcs != NULL && g_list_model_get_n_items (fbcs) > 0);
  gboolean lithium = has_category (active_scripts, "lithium") ||
                     (levels != NULL && g_list_model_get_n_items (levels) > 0);

  if (items == NULL)
    g_debug ("Could not list monitoring: %s", error->message);
  kes_monitoring_fill_due (&self->due, items);
  gtk_widget_set_visible (GTK_WIDGET (self->clozapine_settings_group), clozapine);
  if (clozapine)
    kes_monitoring_fill_clozapine (&self->clozapine_settings, GTK_WIDGET (self), self->store, self->patient_id,
                                   G_CALLBACK (saved_cb));
  gtk_widget_set_visible (GTK_WIDGET (self->lithium_settings_group), lithium);
  if (lithium)
    kes_monitoring_fill_lithium (&self->lithium_settings, self->store, self->patient_id);
}

static void
fill_alerts (KesMedicationView *self)
{
  g_autoptr(GPtrArray) alerts = kes_store_list_care_alerts (self->store, self->patient_id, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; alerts != NULL && i < alerts->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", (char *) alerts->pdata[i]);
  gtk_label_set_text (self->alerts_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->alerts_label), text->len > 0);
}

/* ---- GObject ---- */

static void
kes_medication_view_dispose (GObject *object)
{
  KesMedicationView *self = KES_MEDICATION_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_MEDICATION_VIEW);
  g_clear_object (&self->store);
  g_clear_pointer (&self->patient_id, g_free);
  g_clear_pointer (&self->ethnicity, g_free);
  kes_care_group_free_rows (&self->due);
  kes_care_group_free_rows (&self->prescriptions);
  kes_care_group_free_rows (&self->depots);
  kes_care_group_free_rows (&self->clozapine_settings);
  kes_care_group_free_rows (&self->fbcs);
  kes_care_group_free_rows (&self->lithium_settings);
  kes_care_group_free_rows (&self->lithium);
  kes_care_group_free_rows (&self->physical);
  G_OBJECT_CLASS (kes_medication_view_parent_class)->dispose (object);
}

static void
kes_medication_view_class_init (KesMedicationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_medication_view_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/community/kes-medication-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KesMedicationView, alerts_label);
  gtk_widget_class_bind_template_child (widget_class, KesMedicationView, due_group);
  gtk_widget_class_bind_template_child (widget_class, KesMedicationView, prescriptions_group);
  gtk_widget_class_bind_template_child (widget_class, KesMedicationView, depot_group);
  gtk_widget_class_bind_template_child (widget_class, KesMedicationView, clozapine_settings_group);
  gtk_widget_class_bind_template_child (widget_class, KesMedicationView, fbc_group);
  gtk_widget_class_bind_template_child (widget_class, KesMedicationView, lithium_settings_group);
  gtk_widget_class_bind_template_child (widget_class, KesMedicationView, lithium_group);
  gtk_widget_class_bind_template_child (widget_class, KesMedicationView, physical_group);
  gtk_widget_class_bind_template_child (widget_class, KesMedicationView, trends_group);
  gtk_widget_class_bind_template_child (widget_class, KesMedicationView, trends_box);
}

static void
kes_medication_view_init (KesMedicationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  kes_care_group_init (&self->due, self->due_group, _("No monitoring due"));
  kes_care_group_init (&self->prescriptions, self->prescriptions_group, _("No prescriptions recorded"));
  kes_care_group_init (&self->depots, self->depot_group, _("No depot injections recorded"));
  kes_care_group_init (&self->clozapine_settings, self->clozapine_settings_group, _("No decision recorded"));
  kes_care_group_init (&self->fbcs, self->fbc_group, _("No blood results recorded"));
  kes_care_group_init (&self->lithium_settings, self->lithium_settings_group, _("No decision recorded"));
  kes_care_group_init (&self->lithium, self->lithium_group, _("No lithium levels recorded"));
  kes_care_group_init (&self->physical, self->physical_group, _("No physical health checks recorded"));
  g_signal_connect_swapped (kes_care_header_button (self->prescriptions_group, _("_Add Prescription…"),
                                                    "add-prescription"),
                            "clicked", G_CALLBACK (add_prescription_clicked_cb), self);
  g_signal_connect_swapped (kes_care_header_button (self->clozapine_settings_group, _("_Thresholds…"),
                                                    "clozapine-monitoring"),
                            "clicked", G_CALLBACK (thresholds_clicked_cb), self);
  g_signal_connect_swapped (kes_care_header_button (self->clozapine_settings_group,
                                                    _("Not to Be _Re-challenged…"), "clozapine-no-rechallenge"),
                            "clicked", G_CALLBACK (no_rechallenge_clicked_cb), self);
  g_signal_connect_swapped (kes_care_header_button (self->lithium_settings_group, _("_Change Plan…"),
                                                    "lithium-plan"),
                            "clicked", G_CALLBACK (lithium_plan_clicked_cb), self);
  g_signal_connect_swapped (kes_care_header_button (self->fbc_group, _("Add _Result…"), "add-fbc"),
                            "clicked", G_CALLBACK (add_fbc_clicked_cb), self);
  g_signal_connect_swapped (kes_care_header_button (self->lithium_group, _("Add _Level…"), "add-lithium"),
                            "clicked", G_CALLBACK (add_lithium_clicked_cb), self);
  g_signal_connect_swapped (kes_care_header_button (self->physical_group, _("Add _Check…"), "add-physical"),
                            "clicked", G_CALLBACK (add_physical_clicked_cb), self);
}

/* ---- Public ---- */

GtkWidget *
kes_medication_view_new (void)
{
  return g_object_new (KES_TYPE_MEDICATION_VIEW, NULL);
}

void
kes_medication_view_set_record (KesMedicationView *self,
                                KesStore          *store,
                                const char        *patient_id)
{
  g_return_if_fail (KES_IS_MEDICATION_VIEW (self));

  g_set_object (&self->store, store);
  g_free (self->patient_id);
  self->patient_id = g_strdup (patient_id);
  g_clear_pointer (&self->ethnicity, g_free);
  if (store != NULL && patient_id != NULL)
    {
      g_autoptr(KesPatient) patient = kes_store_load_patient (store, patient_id, NULL);

      if (patient != NULL)
        self->ethnicity = g_strdup (kes_patient_get_text (patient, KES_PATIENT_ETHNICITY));
    }
  kes_medication_view_reload (self);
}

void
kes_medication_view_reload (KesMedicationView *self)
{
  g_autoptr(GListModel) scripts = NULL;
  g_autoptr(GListModel) doses = NULL;
  g_autoptr(GListModel) fbcs = NULL;
  g_autoptr(GListModel) levels = NULL;
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GListModel) active_doses = NULL;
  g_autoptr(GListModel) active_checks = NULL;
  g_autoptr(GListModel) active_scripts = NULL;

  g_return_if_fail (KES_IS_MEDICATION_VIEW (self));

  if (self->store == NULL || self->patient_id == NULL)
    return;
  scripts = list (self, KES_CARE_PRESCRIPTION);
  doses = list (self, KES_CARE_DEPOT_DOSE);
  fbcs = list (self, KES_CARE_FBC);
  levels = list (self, KES_CARE_LITHIUM_LEVEL);
  checks = list (self, KES_CARE_PHYSICAL_HEALTH);
  fill_alerts (self);
  /* Entered-in-error records are listed, marked; they count for nothing. */
  active_doses = kes_care_active_only (doses);
  active_checks = kes_care_active_only (checks);
  active_scripts = kes_care_active_only (scripts);
  fill_monitoring (self, active_scripts, fbcs, levels);
  fill_prescriptions (self, scripts, active_doses);
  fill_depots (self, doses, scripts);
  fill_fbcs (self, fbcs);
  fill_lithium (self, levels);
  fill_physical (self, checks);
  fill_trends (self, active_checks);
}
