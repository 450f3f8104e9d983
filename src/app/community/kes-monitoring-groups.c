/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-monitoring-groups"

#include "config.h"

#include <glib/gi18n.h>

#include "community/kes-monitoring-groups.h"
#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-clozapine.h"
#include "kes-lithium.h"
#include "kes-monitoring.h"
#include "kes-rule-sources.h"
#include "kes-store-community.h"
#include "kes-validate.h"

/* The parts of the Medication tab about monitoring itself: what is due
 * next from every course, and the per-patient settings a clinician signs
 * (blood count thresholds and monitoring service, not to be re-challenged,
 * lithium target range and higher-risk groups), each with its source. */

static char *
shown_date (const GDate *date)
{
  g_autofree char *iso = kes_date_to_iso (date);
  return kes_date_to_display (iso);
}

/* "Source: … (published)" or the note saying why it isn't. */
static char *
source_line (const char *block_id)
{
  const KesRuleSource *source = kes_rule_source_lookup (block_id);
  g_autofree char *citation = NULL;

  if (source == NULL)
    return g_strdup ("");
  citation = kes_rule_source_citation (source);
  if (source->status == KES_SOURCE_PUBLISHED)
    /* TRANSLATORS: where a rule comes from */
    return g_strdup_printf (_("Source: %s"), citation);
  /* TRANSLATORS: a source, then why it can't be relied on as it is */
  return g_strdup_printf (_("Source: %s. %s: %s"), citation, kes_rule_source_status_label (source->status),
                          source->note != NULL ? source->note : "");
}

void
kes_monitoring_fill_due (KesCareGroup *group,
                         GPtrArray    *items)
{
  g_autoptr(GDate) today = kes_clock_today ();

  kes_care_group_clear (group);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      KesMonitoringItem *item = g_ptr_array_index (items, i);
      g_autofree char *due = shown_date (item->due);
      g_autofree char *subtitle = NULL;
      AdwActionRow *row;
      GtkWidget *badge;
      int days = g_date_days_between (today, item->due);

      /* TRANSLATORS: "Due 21 Nov 2026 · Weekly blood tests" */
      subtitle = g_strdup_printf (_("Due %s · %s"), due, item->detail);
      row = kes_care_group_add_row (group, item->title, subtitle);
      adw_action_row_set_subtitle_lines (row, 4);
      if (item->urgent)
        badge = gtk_label_new (_("Now"));
      else if (days < 0)
        badge = gtk_label_new (_("Overdue"));
      else if (days == 0)
        badge = gtk_label_new (_("Today"));
      else
        continue;
      gtk_widget_add_css_class (badge, "kes-computed");
      gtk_widget_add_css_class (badge, item->urgent || days < 0 ? "kes-light-red" : "kes-light-amber");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (row, badge);
    }
  kes_care_group_finish (group);
}

/* A new settings record of @kind for @patient_id, decided today by the
 * member of staff signed in, starting from @current's values. */
static KesCareRecord *
new_setting (KesStore      *store,
             const char    *patient_id,
             const char    *kind,
             KesCareRecord *current)
{
  KesCareRecord *record = kes_care_record_new (kind);
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *iso = kes_date_to_iso (today);
  KesStaff *actor = kes_store_get_actor (store);

  if (current != NULL)
    {
      g_autofree char *json = kes_care_record_to_json (current);
      kes_care_record_load_json (record, json, NULL);
      kes_care_record_set (record, "reason", NULL);
    }
  kes_care_record_set_patient_id (record, patient_id);
  kes_care_record_set (record, "decided_on", iso);
  if (actor != NULL)
    kes_care_record_set (record, "decided_by", kes_staff_get_display_name (actor));
  return record;
}

typedef struct
{
  KesStore      *store;
  char          *title;
  KesCareRecord *record; /* the not-to-be-re-challenged record to lift */
  GCallback      saved;
} SettingRequest;

static void
setting_request_free (gpointer data)
{
  SettingRequest *request = data;

  g_clear_object (&request->store);
  g_free (request->title);
  g_clear_object (&request->record);
  g_free (request);
}

static void
setting_clicked_cb (GtkButton *button,
                    GtkWidget *view)
{
  SettingRequest *request = g_object_get_data (G_OBJECT (button), "kes-setting");
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *iso = kes_date_to_iso (today);
  KesStaff *actor = kes_store_get_actor (request->store);

  /* Lifting: a new revision of the same record, with the date filled in. */
  kes_care_record_set (request->record, "lifted_on", iso);
  if (actor != NULL)
    kes_care_record_set (request->record, "lifted_by", kes_staff_get_display_name (actor));
  kes_care_open_form (view, request->store, request->record, request->title, request->saved);
}

static void
connect_lift (GtkWidget     *button,
              GtkWidget     *view,
              KesStore      *store,
              const char    *title,
              KesCareRecord *record,
              GCallback      saved)
{
  SettingRequest *request = g_new0 (SettingRequest, 1);

  request->store = g_object_ref (store);
  request->title = g_strdup (title);
  request->record = g_object_ref (record);
  request->saved = saved;
  g_object_set_data_full (G_OBJECT (button), "kes-setting", request, setting_request_free);
  g_signal_connect (button, "clicked", G_CALLBACK (setting_clicked_cb), view);
}

void
kes_monitoring_open_setting (GtkWidget  *view,
                             KesStore   *store,
                             const char *patient_id,
                             const char *kind,
                             const char *title,
                             GCallback   saved)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(KesCareRecord) current = NULL;
  g_autoptr(KesCareRecord) record = NULL;

  if (!g_str_equal (kind, KES_CARE_CLOZAPINE_NO_RECHALLENGE))
    current = kes_store_current_care_setting (store, patient_id, kind, today, NULL);
  record = new_setting (store, patient_id, kind, current);
  kes_care_open_form (view, store, record, title, saved);
}

/* "Chosen by Dr X on 5 Jan 2024: reason." */
static char *
decision_line (KesCareRecord *record)
{
  g_autofree char *on = kes_date_to_display (kes_care_record_get (record, "decided_on"));
  const char *reason = kes_care_record_get (record, "reason");

  if (*reason != '\0')
    /* TRANSLATORS: who decided, when, and why */
    return g_strdup_printf (_("Chosen by %s on %s: %s"), kes_care_record_get (record, "decided_by"), on, reason);
  return g_strdup_printf (_("Chosen by %s on %s"), kes_care_record_get (record, "decided_by"), on);
}

void
kes_monitoring_fill_clozapine (KesCareGroup *group,
                               GtkWidget    *view,
                               KesStore     *store,
                               const char   *patient_id,
                               GCallback     saved)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(KesCareRecord) setting = NULL;
  g_autoptr(KesCareRecord) flag = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *source = NULL;
  KesFbcThresholds thresholds = KES_FBC_THRESHOLDS_STANDARD;
  AdwActionRow *row;

  kes_care_group_clear (group);
  setting = kes_store_current_care_setting (store, patient_id, KES_CARE_CLOZAPINE_MONITORING, today, NULL);
  if (setting != NULL)
    kes_fbc_thresholds_parse (kes_care_record_get (setting, "thresholds"), &thresholds);
  source = source_line (kes_fbc_thresholds_source_id (thresholds));
  if (setting != NULL)
    {
      g_autofree char *decision = decision_line (setting);

      /* TRANSLATORS: the thresholds, then the monitoring service */
      title = g_strdup_printf (_("%s · %s"), thresholds == KES_FBC_THRESHOLDS_BEN
                                               ? _("Benign ethnic neutropenia (BEN) criteria")
                                               : _("Standard thresholds"),
                               kes_care_code_label (setting, "monitoring_service"));
      subtitle = g_strdup_printf ("%s\n%s", decision, source);
    }
  else
    {
      title = g_strdup (_("Standard thresholds (no decision recorded)"));
      subtitle = g_strdup_printf (_("Record the monitoring service, and BEN criteria if the service monitors the "
                                    "patient under them.\n%s"), source);
    }
  row = kes_care_group_add_row (group, title, subtitle);
  adw_action_row_set_subtitle_lines (row, 6);
  kes_widget_set_handle (GTK_WIDGET (row), "clozapine-thresholds");

  flag = kes_store_clozapine_no_rechallenge (store, patient_id, today, NULL);
  if (flag != NULL)
    {
      g_autofree char *on = kes_date_to_display (kes_care_record_get (flag, "decided_on"));
      g_autofree char *line = g_strdup_printf (_("Recorded %s by %s: %s. A new course needs a clinician’s reason, "
                                                 "which is logged."), on, kes_care_record_get (flag, "decided_by"),
                                               kes_care_record_get (flag, "reason"));
      GtkWidget *lift = gtk_button_new_with_mnemonic (_("_Lift…"));

      row = kes_care_group_add_row (group, _("Not to be re-challenged with clozapine"), line);
      adw_action_row_set_subtitle_lines (row, 4);
      gtk_widget_add_css_class (GTK_WIDGET (row), "kes-alerts");
      kes_widget_set_handle (GTK_WIDGET (row), "clozapine-no-rechallenge");
      gtk_widget_set_valign (lift, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (lift, _("Record that it no longer applies, with the reason (a haematology "
                                           "review, BEN confirmed)"));
      kes_widget_set_handle (lift, "lift-no-rechallenge");
      connect_lift (lift, view, store, _("Not to Be Re-challenged"), flag, saved);
      adw_action_row_add_suffix (row, lift);
    }
  kes_care_group_finish (group);
}

void
kes_monitoring_fill_lithium (KesCareGroup *group,
                             KesStore     *store,
                             const char   *patient_id)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(KesCareRecord) plan = kes_store_current_care_setting (store, patient_id, KES_CARE_LITHIUM_PLAN,
                                                                  today, NULL);
  KesLithiumTarget target = KES_LITHIUM_TARGET_STANDARD;
  g_autoptr(GString) risks = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *source = source_line ("medication:lithium-target");
  g_autofree char *risk_source = source_line ("medication:lithium-higher-risk");
  double low, high;
  AdwActionRow *row;
  static const struct { const char *key; const char *label; } flags[] = {
    { "interacting_drugs", N_("takes drugs that interact with lithium") },
    { "renal_thyroid_calcium_risk", N_("at risk of impaired kidney or thyroid function or raised calcium") },
    { "poor_control_or_adherence", N_("poor symptom control or adherence") },
  };

  kes_care_group_clear (group);
  if (plan != NULL)
    kes_lithium_target_parse (kes_care_record_get (plan, "target_range"), &target);
  kes_lithium_range (target, &low, &high);
  /* TRANSLATORS: a lithium target range in mmol/L */
  title = g_strdup_printf (_("Target range %.1f to %.1f mmol/L"), low, high);
  if (plan != NULL)
    {
      g_autofree char *decision = decision_line (plan);
      subtitle = g_strdup_printf ("%s\n%s", decision, source);
    }
  else
    subtitle = g_strdup_printf (_("The range for most people (no decision recorded).\n%s"), source);
  row = kes_care_group_add_row (group, title, subtitle);
  adw_action_row_set_subtitle_lines (row, 6);
  kes_widget_set_handle (GTK_WIDGET (row), "lithium-target");

  for (guint i = 0; plan != NULL && i < G_N_ELEMENTS (flags); i++)
    if (kes_care_record_get_bool (plan, flags[i].key))
      g_string_append_printf (risks, "%s%s", risks->len > 0 ? "; " : "", _(flags[i].label));
  if (risks->len == 0)
    g_string_append (risks, _("None recorded; age and the last level are checked by Kestrel"));
  {
    g_autofree char *text = g_strdup_printf ("%s\n%s", risks->str, risk_source);
    row = kes_care_group_add_row (group, _("Higher-risk groups (levels every 3 months after the first year)"), text);
    adw_action_row_set_subtitle_lines (row, 6);
  }
  kes_care_group_finish (group);
}
