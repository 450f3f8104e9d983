/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-app-util"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kes-app-util.h"
#include "kes-catchment.h"
#include "kes-codes.h"
#include "kes-dropdown-search.h"
#include "kes-patient.h"
#include "kes-records.h"
#include "kes-store-staff.h"
#include "kes-validate.h"

#define CODES_KEY "kes-dropdown-codes"
#define HAS_NONE_KEY "kes-dropdown-has-none"

/* Long lists get a search entry in the popover. */
#define SEARCH_THRESHOLD 25

void
kes_dropdown_fill (GtkDropDown        *dropdown,
                   const char         *none_label,
                   const char * const *codes,
                   const char * const *labels,
                   guint               n_items)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  GPtrArray *code_array = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  if (none_label != NULL)
    {
      gtk_string_list_append (strings, none_label);
      g_ptr_array_add (code_array, NULL);
    }

  for (guint i = 0; i < n_items; i++)
    {
      gtk_string_list_append (strings, labels[i]);
      g_ptr_array_add (code_array, g_strdup (codes[i]));
    }

  g_object_set_data_full (G_OBJECT (dropdown), CODES_KEY, code_array,
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data (G_OBJECT (dropdown), HAS_NONE_KEY, GINT_TO_POINTER (none_label != NULL));

  if (n_items >= SEARCH_THRESHOLD && gtk_drop_down_get_expression (dropdown) == NULL)
    {
      g_autoptr(GtkExpression) expression = NULL;

      expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
      gtk_drop_down_set_expression (dropdown, expression);
      gtk_drop_down_set_enable_search (dropdown, TRUE);
    }

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (strings));
  if (gtk_drop_down_get_enable_search (dropdown))
    kes_dropdown_search_within_words (dropdown);
  gtk_drop_down_set_selected (dropdown, 0);
}

void
kes_dropdown_fill_code_list (GtkDropDown *dropdown,
                             const char  *list_name,
                             const char  *none_label)
{
  KesCodeList *list = kes_code_list_get (list_name);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n;

  if (list == NULL)
    {
      g_warning ("No code list called “%s”", list_name);
      kes_dropdown_fill (dropdown, none_label, NULL, NULL, 0);
      return;
    }

  n = kes_code_list_get_n_codes (list);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (codes, (gpointer) kes_code_list_get_code (list, i));
      g_ptr_array_add (labels, (gpointer) kes_code_list_get_label (list, i));
    }

  kes_dropdown_fill (dropdown, none_label,
                     (const char * const *) codes->pdata,
                     (const char * const *) labels->pdata,
                     n);
}

void
kes_dropdown_fill_staff (GtkDropDown *dropdown,
                         GListModel  *staff,
                         const char  *none_label)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = staff != NULL ? g_list_model_get_n_items (staff) : 0;

  for (guint i = 0; i < n; i++)
    {
      KesStaff *member = g_list_model_get_item (staff, i);

      g_ptr_array_add (keep, member);
      g_ptr_array_add (codes, (gpointer) kes_staff_get_id (member));
      g_ptr_array_add (labels, (gpointer) kes_staff_get_display_name (member));
    }

  kes_dropdown_fill (dropdown, none_label,
                     (const char * const *) codes->pdata,
                     (const char * const *) labels->pdata,
                     n);
}

void
kes_dropdown_fill_teams (GtkDropDown *dropdown,
                         GListModel  *teams,
                         const char  *none_label)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = teams != NULL ? g_list_model_get_n_items (teams) : 0;

  for (guint i = 0; i < n; i++)
    {
      KesTeam *team = g_list_model_get_item (teams, i);

      g_ptr_array_add (keep, team);
      g_ptr_array_add (codes, (gpointer) kes_team_get_id (team));
      g_ptr_array_add (labels, (gpointer) kes_team_get_name (team));
    }

  kes_dropdown_fill (dropdown, none_label,
                     (const char * const *) codes->pdata,
                     (const char * const *) labels->pdata,
                     n);
}

void
kes_dropdown_fill_areas (GtkDropDown        *dropdown,
                         const KesCatchment *catchment,
                         const char         *keep_code,
                         gboolean            include_retired,
                         const char         *none_label)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n = catchment != NULL ? kes_catchment_get_n_areas (catchment) : 0;

  for (guint i = 0; i < n; i++)
    {
      const char *code = kes_catchment_get_code (catchment, i);

      if (!include_retired && kes_catchment_get_retired (catchment, i) && g_strcmp0 (code, keep_code) != 0)
        continue;
      g_ptr_array_add (codes, (gpointer) code);
      g_ptr_array_add (labels, (gpointer) kes_catchment_area_name (catchment, code));
    }
  kes_dropdown_fill (dropdown, none_label, (const char * const *) codes->pdata,
                     (const char * const *) labels->pdata, codes->len);
}

const char *
kes_dropdown_get_code (GtkDropDown *dropdown)
{
  GPtrArray *codes;
  guint selected;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), NULL);

  codes = g_object_get_data (G_OBJECT (dropdown), CODES_KEY);
  selected = gtk_drop_down_get_selected (dropdown);
  if (codes == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= codes->len)
    return NULL;

  return g_ptr_array_index (codes, selected);
}

void
kes_dropdown_set_code (GtkDropDown *dropdown,
                       const char  *code)
{
  GPtrArray *codes;
  GListModel *model;
  gboolean has_none;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  codes = g_object_get_data (G_OBJECT (dropdown), CODES_KEY);
  has_none = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dropdown), HAS_NONE_KEY));
  model = gtk_drop_down_get_model (dropdown);
  if (codes == NULL || model == NULL)
    return;

  if (code == NULL || *code == '\0')
    {
      gtk_drop_down_set_selected (dropdown, has_none ? 0 : GTK_INVALID_LIST_POSITION);
      return;
    }

  for (guint i = 0; i < codes->len; i++)
    {
      const char *candidate = g_ptr_array_index (codes, i);

      if (g_strcmp0 (candidate, code) == 0)
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }

  if (GTK_IS_STRING_LIST (model))
    {
      g_autofree char *label = NULL;

      /* TRANSLATORS: a stored value that is no longer in the list of choices */
      label = g_strdup_printf (_("%s (not in the current list)"), code);
      gtk_string_list_append (GTK_STRING_LIST (model), label);
      g_ptr_array_add (codes, g_strdup (code));
      gtk_drop_down_set_selected (dropdown, codes->len - 1);
    }
}

char *
kes_format_count (guint n)
{
  g_autofree char *digits = g_strdup_printf ("%u", n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

char *
kes_username_from_name (const char *name)
{
  g_autofree char *ascii = NULL;
  GString *out;
  gboolean pending_dot = FALSE;

  g_return_val_if_fail (name != NULL, NULL);

  ascii = g_str_to_ascii (name, "C");
  out = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c))
        {
          if (pending_dot && out->len > 0)
            g_string_append_c (out, '.');
          pending_dot = FALSE;
          g_string_append_c (out, c);
        }
      else if (c == ' ' || c == '-' || c == '.' || c == '_' || c == '\t')
        {
          pending_dot = TRUE;
        }
      /* apostrophes and other marks are dropped: O'Brien -> obrien */
    }

  return g_string_free (out, FALSE);
}

char *
kes_unique_username (KesStore   *store,
                     const char *name)
{
  g_autofree char *base = kes_username_from_name (name);

  if (*base == '\0')
    {
      g_free (base);
      base = g_strdup ("user");
    }

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *candidate = NULL;
      g_autoptr(KesStaff) existing = NULL;

      candidate = n == 1 ? g_strdup (base) : g_strdup_printf ("%s%u", base, n);
      existing = kes_store_find_staff (store, candidate, NULL);
      if (existing == NULL)
        return g_steal_pointer (&candidate);
    }

  return g_strdup_printf ("%s.%u", base, g_random_int ());
}

char *
kes_editable_dup_text (GtkEditable *editable)
{
  const char *text = gtk_editable_get_text (editable);

  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

char *
kes_editable_dup_date (GtkEditable *editable)
{
  g_autofree char *text = kes_editable_dup_text (editable);
  char *iso = *text != '\0' ? kes_date_parse (text, "", NULL) : NULL;

  return iso != NULL ? iso : g_steal_pointer (&text);
}

void
kes_editable_set_date (GtkEditable *editable,
                       const char  *iso_date)
{
  g_autofree char *typed = kes_date_to_typed (iso_date);

  gtk_editable_set_text (editable, typed);
}

GtkWidget *
kes_text_view_new_for_form (void)
{
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  return view;
}

char *
kes_text_view_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

void
kes_text_view_set_text (GtkTextView *view,
                        const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

void
kes_text_view_set_read_only (GtkTextView *view,
                             gboolean     read_only)
{
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  /* The cursor stays visible: GTK 4.8 keeps a focused view's blink running
   * after the focus moves to a button, and its next tick asserts that the
   * cursor is visible. A read-only view with a cursor is also what keyboard
   * users need to select and copy text. */
  gtk_text_view_set_editable (view, !read_only);
}

char *
kes_snippet_to_markup (const char *snippet)
{
  g_autofree char *escaped = NULL;
  g_auto(GStrv) opened = NULL;
  g_autofree char *bolded = NULL;
  g_auto(GStrv) closed = NULL;

  if (snippet == NULL)
    return g_strdup ("");

  escaped = g_markup_escape_text (snippet, -1);
  opened = g_strsplit (escaped, "«", -1);
  bolded = g_strjoinv ("<b>", opened);
  closed = g_strsplit (bolded, "»", -1);
  return g_strjoinv ("</b>", closed);
}

const char *
kes_patient_key_label (const char *key)
{
  KesPatientField field;

  if (key == NULL)
    return NULL;

  if (kes_patient_field_from_key (key, &field))
    return kes_patient_field_label (field);

  for (guint i = 0; i < KES_PATIENT_N_LIST_FIELDS; i++)
    {
      if (g_strcmp0 (kes_patient_list_field_key (i), key) == 0)
        return kes_patient_list_field_label (i);
    }

  return key;
}

const char *
kes_change_kind_label (KesChangeKind kind)
{
  switch (kind)
    {
    case KES_CHANGE_CREATE:
      return _("Created");
    case KES_CHANGE_EDIT:
      return _("Edited");
    case KES_CHANGE_CORRECTION:
      return _("Corrected");
    case KES_CHANGE_ENTERED_IN_ERROR:
      return _("Marked as entered in error");
    default:
      return _("Changed");
    }
}

static void
append_part (GString    *name,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (name->len > 0)
    g_string_append (name, ", ");
  g_string_append (name, part);
}

void
kes_row_set_accessible_name (GtkWidget  *row,
                             const char *prefix,
                             const char *title,
                             const char *subtitle)
{
  g_autoptr(GString) name = g_string_new (NULL);

  append_part (name, prefix);
  append_part (name, title);
  append_part (name, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str, -1);
}

void
kes_widget_set_handle (GtkWidget  *widget,
                       const char *handle)
{
  gtk_widget_set_name (widget, handle);
}

typedef struct
{
  KesTextCallback  callback;
  gpointer         user_data;
  GtkEditable     *entry;
} TextRequest;

static void
text_entry_changed_cb (GtkEditable      *entry,
                       AdwMessageDialog *dialog)
{
  g_autofree char *text = kes_editable_dup_text (entry);

  adw_message_dialog_set_response_enabled (dialog, "confirm", *text != '\0');
}

static void
text_entry_activate_cb (GtkEntry         *entry,
                        AdwMessageDialog *dialog)
{
  g_autofree char *text = kes_editable_dup_text (GTK_EDITABLE (entry));

  if (*text != '\0')
    adw_message_dialog_response (dialog, "confirm");
}

static void
text_dialog_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         TextRequest      *request)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "confirm") == 0)
    text = kes_editable_dup_text (request->entry);

  request->callback (text != NULL && *text != '\0' ? text : NULL, request->user_data);
  g_free (request);
}

void
kes_ask_text (GtkWidget       *parent,
              const char      *heading,
              const char      *body,
              const char      *entry_label,
              const char      *initial_text,
              const char      *confirm_label,
              gboolean         destructive,
              KesTextCallback  callback,
              gpointer         user_data)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkWidget *dialog;
  GtkWidget *entry;
  TextRequest *request;
  gboolean has_text = initial_text != NULL && *initial_text != '\0';

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "confirm", confirm_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE
                                                          : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "confirm", has_text);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), entry_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, entry_label,
                                  -1);
  if (has_text)
    gtk_editable_set_text (GTK_EDITABLE (entry), initial_text);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  request = g_new0 (TextRequest, 1);
  request->callback = callback;
  request->user_data = user_data;
  request->entry = GTK_EDITABLE (entry);

  g_signal_connect (entry, "changed", G_CALLBACK (text_entry_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (text_entry_activate_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (text_dialog_response_cb), request);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
kes_ask_reason (GtkWidget       *parent,
                const char      *heading,
                const char      *body,
                const char      *confirm_label,
                KesTextCallback  callback,
                gpointer         user_data)
{
  kes_ask_text (parent, heading, body, _("Reason"), NULL, confirm_label, TRUE,
                callback, user_data);
}

void
kes_dialog_add_problem (AdwMessageDialog *dialog,
                        GtkBox           *box,
                        const char       *problem,
                        const char       *description)
{
  GtkWidget *label;

  if (problem == NULL)
    return;
  label = gtk_label_new (problem);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  if (description != NULL)
    kes_widget_set_handle (label, description);
  gtk_box_append (box, label);
  g_object_set_data (G_OBJECT (dialog), "kes-problem", label);
}

void
kes_show_error (GtkWidget  *parent,
                const char *heading,
                const char *message)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
kes_widget_toast (GtkWidget  *widget,
                  const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

void
kes_list_box_remove_all (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static gboolean
scroll_into_view_tick_cb (GtkWidget     *widget,
                          GdkFrameClock *clock,
                          gpointer       user_data)
{
  int frames = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "kes-scroll-frames"));
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page;

  if (scrolled == NULL)
    return G_SOURCE_REMOVE;

  /* The message was hidden until now: wait (a few frames at most) for a
   * frame that lays it out. */
  if (gtk_widget_get_height (widget) <= 0)
    {
      g_object_set_data (G_OBJECT (widget), "kes-scroll-frames", GINT_TO_POINTER (frames + 1));
      return frames < 10 && gtk_widget_get_visible (widget) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
    }
  g_object_set_data (G_OBJECT (widget), "kes-scroll-frames", NULL);

  /* Bounds in the scrolled window's own coordinates: what is on screen. */
  if (!gtk_widget_compute_bounds (widget, scrolled, &bounds))
    return G_SOURCE_REMOVE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);

  /* Leave room above the message for its field (about 60 px). */
  if (bounds.origin.y + bounds.size.height > page || bounds.origin.y < 60)
    gtk_adjustment_set_value (adjustment, value + bounds.origin.y + bounds.size.height - page / 2);

  return G_SOURCE_REMOVE;
}

void
kes_widget_scroll_into_view (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_add_tick_callback (widget, scroll_into_view_tick_cb, NULL, NULL);
}

GSettings *
kes_settings_new_with_keys (const char * const *keys)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  /* The schema id is the same in the development profile (see data/meson.build). */
  schema = g_settings_schema_source_lookup (source, "io.github.kestrelcare.Kestrel", TRUE);
  if (schema == NULL)
    return NULL;
  for (guint i = 0; keys[i] != NULL; i++)
    if (!g_settings_schema_has_key (schema, keys[i]))
      return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}
