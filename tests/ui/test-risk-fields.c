/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-risk-fields"

#include "config.h"

#include "kes-app-util.h"
#include "kes-error.h"
#include "kes-tool-library.h"
#include "kes-ui-test-util.h"
#include "risk/fields/kes-risk-fields.h"

/* Each field class of the risk form, built from a shipped definition's own
 * field: its value round-trips, it says when the user changed it (and only
 * then), it is named by its label for assistive technology, and the field
 * type that can hold a wrong value refuses it in plain words. */

static KesToolDefinition *
definition (const char *id)
{
  g_autoptr(GPtrArray) shipped = kes_tool_library_list_shipped (NULL);

  g_assert_nonnull (shipped);
  for (guint i = 0; i < shipped->len; i++)
    if (g_strcmp0 (kes_tool_definition_get_id (g_ptr_array_index (shipped, i)), id) == 0)
      return g_object_ref (g_ptr_array_index (shipped, i));
  g_assert_not_reached ();
}

static KesRiskAssessment *
assessment_for (KesToolDefinition *def)
{
  return kes_risk_assessment_new ("patient-1", kes_tool_definition_get_id (def),
                                  kes_tool_definition_get_version (def),
                                  kes_tool_definition_get_def_version (def));
}

static void
count_cb (KesRiskField *field,
          guint        *count)
{
  (*count)++;
}

static guint *
count_changes (GtkWidget *field)
{
  guint *count = g_new0 (guint, 1);

  g_object_set_data_full (G_OBJECT (field), "test-count", count, g_free);
  g_signal_connect (field, "changed", G_CALLBACK (count_cb), count);
  return count;
}

/* The input is named after the field, labelled by the field's label (the
 * field's first child, showing the definition's words), and so is the field. */
static void
assert_named (GtkWidget          *widget,
              const KesToolField *field)
{
  GtkWidget *input = kes_risk_field_get_input (KES_RISK_FIELD (widget));
  GtkWidget *label = gtk_widget_get_first_child (widget);

  g_assert_nonnull (input);
  g_assert_cmpstr (gtk_widget_get_name (input), ==, field->id);
  g_assert_cmpstr (kes_risk_field_get_field_id (KES_RISK_FIELD (widget)), ==, field->id);
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, field->label);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL);
}

static void
assert_value (GtkWidget  *widget,
              const char *expected)
{
  g_autofree char *value = kes_risk_field_dup_value (KES_RISK_FIELD (widget));
  g_autofree char *property = NULL;

  g_assert_cmpstr (value, ==, expected);
  g_object_get (widget, "value", &property, NULL);
  g_assert_cmpstr (property, ==, expected);
}

/* What the form does with a field: the widget showing what is stored. */
static GtkWidget *
field_for (KesToolDefinition *def,
           KesRiskAssessment *assessment,
           const char        *field_id,
           GType              expected_type,
           const char        *group_id,
           const char        *entry_id)
{
  const KesToolField *field = kes_tool_definition_find_field (def, field_id);
  GtkWidget *widget;

  g_assert_nonnull (field);
  widget = kes_risk_field_new_for (field, assessment, group_id, entry_id);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (widget, expected_type));
  g_object_ref_sink (widget);
  assert_named (widget, field);
  return widget;
}

static void
test_text (void)
{
  g_autoptr(KesToolDefinition) def = definition ("HCR-20");
  g_autoptr(KesRiskAssessment) assessment = assessment_for (def);
  g_autofree char *entry = kes_risk_assessment_add_entry (assessment, "scenarios");
  g_autoptr(GtkWidget) widget = NULL;
  GtkWidget *input;
  guint *changes;

  kes_risk_assessment_set_entry_value (assessment, "scenarios", entry, "scenario_name", "Repeat of index offence");
  widget = field_for (def, assessment, "scenario_name", KES_TYPE_RISK_TEXT_FIELD, "scenarios", entry);
  input = kes_risk_field_get_input (KES_RISK_FIELD (widget));
  changes = count_changes (widget);
  assert_value (widget, "Repeat of index offence");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input)), ==, "Repeat of index offence");

  kes_risk_field_set_value (KES_RISK_FIELD (widget), "Assault on staff");
  assert_value (widget, "Assault on staff");
  g_object_set (widget, "value", NULL, NULL);
  assert_value (widget, "");
  g_assert_cmpuint (*changes, ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (input), "  Fire-setting  ");
  g_assert_cmpuint (*changes, ==, 1);
  assert_value (widget, "Fire-setting");
  g_assert_true (kes_risk_field_check (KES_RISK_FIELD (widget), NULL));
}

static void
test_rich_text (void)
{
  g_autoptr(KesToolDefinition) def = definition ("DUNDRUM-1");
  g_autoptr(KesRiskAssessment) assessment = assessment_for (def);
  g_autoptr(GtkWidget) widget = NULL;
  GtkWidget *input;
  guint *changes;

  kes_risk_assessment_set_field (assessment, "TS1_evidence", "Line one.\nLine two.");
  widget = field_for (def, assessment, "TS1_evidence", KES_TYPE_RISK_RICH_TEXT_FIELD, NULL, NULL);
  input = kes_risk_field_get_input (KES_RISK_FIELD (widget));
  g_assert_true (GTK_IS_TEXT_VIEW (input));
  /* Tab moves on to the next field, as in every form. */
  g_assert_false (gtk_text_view_get_accepts_tab (GTK_TEXT_VIEW (input)));
  changes = count_changes (widget);
  assert_value (widget, "Line one.\nLine two.");

  kes_risk_field_set_value (KES_RISK_FIELD (widget), "Serious assault in 2019.");
  assert_value (widget, "Serious assault in 2019.");
  g_assert_cmpuint (*changes, ==, 0);

  kes_text_view_set_text (GTK_TEXT_VIEW (input), "\nTyped by the clinician.\n\n");
  g_assert_cmpuint (*changes, >=, 1);
  assert_value (widget, "Typed by the clinician.");
}

static void
test_date (void)
{
  g_autoptr(KesToolDefinition) def = definition ("KESTREL-CRAM");
  g_autoptr(KesRiskAssessment) assessment = assessment_for (def);
  g_autofree char *entry = kes_risk_assessment_add_entry (assessment, "plan");
  g_autoptr(GtkWidget) widget = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *input;
  GtkWidget *problem;
  guint *changes;

  kes_risk_assessment_set_entry_value (assessment, "plan", entry, "action_by", "2026-11-21");
  widget = field_for (def, assessment, "action_by", KES_TYPE_RISK_DATE_FIELD, "plan", entry);
  input = kes_risk_field_get_input (KES_RISK_FIELD (widget));
  problem = gtk_widget_get_last_child (widget);
  changes = count_changes (widget);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input)), ==, "21/11/2026");
  assert_value (widget, "2026-11-21");
  g_assert_false (gtk_widget_get_visible (problem));

  kes_risk_field_set_value (KES_RISK_FIELD (widget), NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input)), ==, "");
  g_assert_true (kes_risk_field_check (KES_RISK_FIELD (widget), NULL));
  g_assert_cmpuint (*changes, ==, 0);

  /* Typed as a date, stored as one. */
  gtk_editable_set_text (GTK_EDITABLE (input), "01/03/2027");
  g_assert_cmpuint (*changes, ==, 1);
  assert_value (widget, "2027-03-01");

  /* Not a real date: refused in plain words under the field, and marked
   * invalid for a screen reader; what was typed is kept, not dropped. */
  gtk_editable_set_text (GTK_EDITABLE (input), "31/02/2027");
  g_assert_false (kes_risk_field_check (KES_RISK_FIELD (widget), &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "By when “31/02/2027” is not a real date");
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), ==, error->message);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, problem,
                                       NULL);
  assert_value (widget, "31/02/2027");
  g_clear_error (&error);
  if (g_getenv ("RISK_SHOT_DIR") != NULL)
    {
      GtkWidget *window = gtk_window_new ();

      gtk_window_set_default_size (GTK_WINDOW (window), 420, -1);
      gtk_window_set_child (GTK_WINDOW (window), widget);
      gtk_window_present (GTK_WINDOW (window));
      kes_test_screenshot ("RISK_SHOT_DIR", "risk-field-date-refused");
      gtk_window_set_child (GTK_WINDOW (window), NULL);
      gtk_window_destroy (GTK_WINDOW (window));
    }

  gtk_editable_set_text (GTK_EDITABLE (input), "next week");
  g_assert_false (kes_risk_field_check (KES_RISK_FIELD (widget), &error));
  g_assert_cmpstr (error->message, ==, "By when “next week”: write the date as 21/11/1984 or 1984-11-21");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), ==, error->message);

  /* Corrected: the message goes. */
  gtk_editable_set_text (GTK_EDITABLE (input), "2027-03-02");
  g_assert_true (kes_risk_field_check (KES_RISK_FIELD (widget), NULL));
  g_assert_false (gtk_widget_get_visible (problem));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_FALSE);
  assert_value (widget, "2027-03-02");

  /* A wrong date already stored (an old draft) shows its problem at once. */
  kes_risk_field_set_value (KES_RISK_FIELD (widget), "2027-13-40");
  g_assert_true (gtk_widget_get_visible (problem));
}

static void
test_choice (void)
{
  g_autoptr(KesToolDefinition) def = definition ("HCR-20");
  g_autoptr(KesRiskAssessment) assessment = assessment_for (def);
  const KesToolField *field = kes_tool_definition_find_field (def, "case_prioritisation");
  const KesToolPoint *first = g_ptr_array_index (field->scale->points, 0);
  const KesToolPoint *last = g_ptr_array_index (field->scale->points, field->scale->points->len - 1);
  g_autoptr(GtkWidget) widget = NULL;
  GtkWidget *input;
  guint *changes;

  kes_risk_assessment_set_field (assessment, "case_prioritisation", last->code);
  widget = field_for (def, assessment, "case_prioritisation", KES_TYPE_RISK_CHOICE_FIELD, NULL, NULL);
  input = kes_risk_field_get_input (KES_RISK_FIELD (widget));
  g_assert_true (GTK_IS_DROP_DOWN (input));
  changes = count_changes (widget);
  assert_value (widget, last->code);

  kes_risk_field_set_value (KES_RISK_FIELD (widget), NULL);
  assert_value (widget, NULL);
  kes_risk_field_set_value (KES_RISK_FIELD (widget), first->code);
  assert_value (widget, first->code);
  /* A code the scale no longer has is kept rather than lost on saving. */
  kes_risk_field_set_value (KES_RISK_FIELD (widget), "RETIRED");
  assert_value (widget, "RETIRED");
  g_assert_cmpuint (*changes, ==, 0);

  kes_dropdown_set_code (GTK_DROP_DOWN (input), last->code);
  g_assert_cmpuint (*changes, ==, 1);
  assert_value (widget, last->code);
  /* Item 0 is "Not chosen". */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (input), 0);
  g_assert_cmpuint (*changes, ==, 2);
  assert_value (widget, NULL);
}

static void
test_flag (void)
{
  g_autoptr(KesToolDefinition) def = definition ("SAPROF");
  g_autoptr(KesRiskAssessment) assessment = assessment_for (def);
  const KesToolField *field = kes_tool_definition_find_field (def, "P1_key");
  const KesToolPoint *point = g_ptr_array_index (field->scale->points, 0);
  g_autoptr(GtkWidget) widget = NULL;
  GtkWidget *input;
  guint *changes;

  g_assert_cmpuint (field->scale->points->len, ==, 1);
  widget = field_for (def, assessment, "P1_key", KES_TYPE_RISK_FLAG_FIELD, NULL, NULL);
  input = kes_risk_field_get_input (KES_RISK_FIELD (widget));
  g_assert_true (GTK_IS_CHECK_BUTTON (input));
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (input)), ==, point->label);
  changes = count_changes (widget);
  assert_value (widget, NULL);

  kes_risk_field_set_value (KES_RISK_FIELD (widget), point->code);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (input)));
  assert_value (widget, point->code);
  /* Only the scale's one point ticks it. */
  kes_risk_field_set_value (KES_RISK_FIELD (widget), "other");
  assert_value (widget, NULL);
  g_assert_cmpuint (*changes, ==, 0);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (input), TRUE);
  g_assert_cmpuint (*changes, ==, 1);
  assert_value (widget, point->code);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (input), FALSE);
  g_assert_cmpuint (*changes, ==, 2);
  assert_value (widget, NULL);
}

static GtkWidget *
check_for (GtkWidget  *box,
           const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (child)), label) == 0)
      return child;
  g_assert_not_reached ();
}

static void
test_ref (void)
{
  g_autoptr(KesToolDefinition) def = definition ("HCR-20");
  g_autoptr(KesRiskAssessment) assessment = assessment_for (def);
  g_autofree char *first = kes_risk_assessment_add_entry (assessment, "scenarios");
  g_autofree char *second = kes_risk_assessment_add_entry (assessment, "scenarios");
  g_autofree char *strategy = kes_risk_assessment_add_entry (assessment, "strategies");
  g_autofree char *both = g_strdup_printf ("%s %s", first, second);
  g_autoptr(GtkWidget) widget = NULL;
  g_autoptr(GtkWidget) empty = NULL;
  GtkWidget *input;
  guint *changes;

  kes_risk_assessment_set_entry_value (assessment, "scenarios", first, "scenario_name", "Repeat of index offence");
  kes_risk_assessment_set_entry_value (assessment, "strategies", strategy, "strategy_scenarios", second);
  widget = field_for (def, assessment, "strategy_scenarios", KES_TYPE_RISK_REF_FIELD, "strategies", strategy);
  input = kes_risk_field_get_input (KES_RISK_FIELD (widget));
  changes = count_changes (widget);
  assert_value (widget, second);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check_for (input, "Scenario 1: Repeat of index offence"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check_for (input, "Scenario 2"))));

  kes_risk_field_set_value (KES_RISK_FIELD (widget), both);
  assert_value (widget, both);
  /* An entry that is gone is not offered, and so not kept. */
  kes_risk_field_set_value (KES_RISK_FIELD (widget), "removed-entry");
  assert_value (widget, "");
  g_assert_cmpuint (*changes, ==, 0);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check_for (input, "Scenario 1: Repeat of index offence")), TRUE);
  g_assert_cmpuint (*changes, ==, 1);
  assert_value (widget, first);

  /* With nothing to refer to, it says so. */
  kes_risk_assessment_remove_entry (assessment, "scenarios", first);
  kes_risk_assessment_remove_entry (assessment, "scenarios", second);
  empty = field_for (def, assessment, "strategy_scenarios", KES_TYPE_RISK_REF_FIELD, "strategies", strategy);
  g_assert_true (kes_test_has_label (empty, "No Scenarios added yet"));
  assert_value (empty, "");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/risk/fields/text", test_text);
  g_test_add_func ("/risk/fields/rich-text", test_rich_text);
  g_test_add_func ("/risk/fields/date", test_date);
  g_test_add_func ("/risk/fields/choice", test_choice);
  g_test_add_func ("/risk/fields/flag", test_flag);
  g_test_add_func ("/risk/fields/ref", test_ref);
  return g_test_run ();
}
