/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-form-errors.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* A GtkDropDown over a list of codes: the visible labels live in a
 * GtkStringList, the codes beside them. An optional "none" item comes first
 * and stands for no value. */
void        kes_dropdown_fill            (GtkDropDown        *dropdown,
                                          const char         *none_label,
                                          const char * const *codes,
                                          const char * const *labels,
                                          guint               n_items);
/* Fills from a core code list ("Label (code)" is not shown: labels only). */
void        kes_dropdown_fill_code_list  (GtkDropDown        *dropdown,
                                          const char         *list_name,
                                          const char         *none_label);
/* Fills from a GListModel of KesStaff / KesTeam. */
void        kes_dropdown_fill_staff      (GtkDropDown        *dropdown,
                                          GListModel         *staff,
                                          const char         *none_label);
void        kes_dropdown_fill_teams      (GtkDropDown        *dropdown,
                                          GListModel         *teams,
                                          const char         *none_label);
/* The selected code, or NULL for the "none" item or nothing selected. */
/* The catchment areas in use (every one when @include_retired, as a
 * filter needs), and @keep_code (a retired area a record already names)
 * so that editing the record does not lose it. */
void        kes_dropdown_fill_areas      (GtkDropDown        *dropdown,
                                          const KesCatchment *catchment,
                                          const char         *keep_code,
                                          gboolean            include_retired,
                                          const char         *none_label);
const char *kes_dropdown_get_code        (GtkDropDown        *dropdown);
/* Selects @code; a code missing from the list is added as an extra item so
 * that a stored value is never lost by saving the form. NULL or "" selects
 * the "none" item. */
void        kes_dropdown_set_code        (GtkDropDown        *dropdown,
                                          const char         *code);

/* "50,000" */
char       *kes_format_count             (guint               n);
/* "Zoë O'Brien" -> "zoe.obrien" */
char       *kes_username_from_name       (const char         *name);
/* A unique username for @name in @store (adds 2, 3 … when taken). */
char       *kes_unique_username          (KesStore           *store,
                                          const char         *name);

/* Entry text with surrounding white space removed (never NULL). */
char       *kes_editable_dup_text        (GtkEditable        *editable);
/* Date fields are typed DD/MM/YYYY (YYYY-MM-DD is understood too). These
 * give core "YYYY-MM-DD" when the text is a date, and otherwise the text as
 * typed, for core's validation to name; and show a stored date as typed. */
char       *kes_editable_dup_date        (GtkEditable        *editable);
void        kes_editable_set_date        (GtkEditable        *editable,
                                          const char         *iso_date);
/* A multi-line field of a form: Tab and Shift+Tab move to the next and
 * previous field, as in every other field (Ctrl+Tab too), instead of
 * typing a tab character. Every form's text view is made here, or in a UI
 * file with accepts-tab false (the style check enforces both). */
GtkWidget  *kes_text_view_new_for_form   (void);
char       *kes_text_view_dup_text       (GtkTextView        *view);
void        kes_text_view_set_text       (GtkTextView        *view,
                                          const char         *text);
/* Makes a text view read-only or editable again, safely while it has the
 * focus. Never toggle the cursor's visibility for this: on GTK 4.8 a view
 * whose cursor is hidden while its blink is running aborts the app
 * ("blink_cb: assertion failed (cursor_visible (text_view))"). */
void        kes_text_view_set_read_only  (GtkTextView        *view,
                                          gboolean            read_only);

/* Snippet text with « » around matches -> Pango markup with bold matches. */
char       *kes_snippet_to_markup        (const char         *snippet);

/* Label for a JSON key of a patient record, for revision descriptions. */
const char *kes_patient_key_label        (const char         *key);

/* Label of a record change ("Created", "Edited", "Corrected" …). */
const char *kes_change_kind_label        (KesChangeKind       kind);

/* Names a list row for a screen reader by what it shows: "Entered in
 * error, Progress note, 3 Sep 2026" (any part may be NULL). A row GTK 4.8
 * would otherwise announce as "list item". */
void        kes_row_set_accessible_name  (GtkWidget          *row,
                                          const char         *prefix,
                                          const char         *title,
                                          const char         *subtitle);
/* A stable handle for tests (the widget's name, as a UI file's
 * <property name="name"> sets it): never read aloud, unlike an accessible
 * description, which is for words a person would say. */
void        kes_widget_set_handle        (GtkWidget          *widget,
                                          const char         *handle);

/* Presents an AdwMessageDialog with one entry. @callback gets the typed
 * text (stripped, never empty), or NULL when cancelled. */
typedef void (*KesTextCallback) (const char *text,
                                 gpointer    user_data);
void        kes_ask_text                 (GtkWidget          *parent,
                                          const char         *heading,
                                          const char         *body,
                                          const char         *entry_label,
                                          const char         *initial_text,
                                          const char         *confirm_label,
                                          gboolean            destructive,
                                          KesTextCallback     callback,
                                          gpointer            user_data);
/* Asks for a reason (correction, entered in error): a destructive confirm. */
void        kes_ask_reason               (GtkWidget          *parent,
                                          const char         *heading,
                                          const char         *body,
                                          const char         *confirm_label,
                                          KesTextCallback     callback,
                                          gpointer            user_data);

/* Adds @problem (NULL: nothing), in the error style, under the fields in
 * @box of a dialog asked again after a refusal; @description names it for
 * tests and screen readers (NULL: none). The label is the dialog's
 * "kes-problem" data. */
void        kes_dialog_add_problem       (AdwMessageDialog   *dialog,
                                          GtkBox             *box,
                                          const char         *problem,
                                          const char         *description);

/* Shows an error in a plain AdwMessageDialog with one "Close" response. */
void        kes_show_error               (GtkWidget          *parent,
                                          const char         *heading,
                                          const char         *message);

/* Removes every row, leaving the placeholder in place. */
void        kes_list_box_remove_all      (GtkListBox         *list);

/* After the next layout, scrolls the enclosing GtkScrolledWindow so that
 * @widget (typically a message just shown under a field) is in the middle of
 * the view, leaving room for the field above it. */
void        kes_widget_scroll_into_view  (GtkWidget          *widget);

/* The application's settings when its schema is installed with every key
 * in @keys (NULL-terminated), else NULL (tests and uninstalled builds use
 * the schema's defaults). */
GSettings  *kes_settings_new_with_keys   (const char * const *keys);
/* Adds a toast to the nearest AdwToastOverlay above @widget, if any. */
void        kes_widget_toast             (GtkWidget          *widget,
                                          const char         *title);

G_END_DECLS
