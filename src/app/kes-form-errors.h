/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How a form says what stops it being saved, for eyes and for a screen
 * reader alike. Each message sits under its field; the field is marked
 * invalid, described by the message (the AT-SPI description, which Orca
 * reads when the field takes the focus) and related to the label that shows
 * it (described-by, which GTK 4.8 publishes over AT-SPI; error-message too,
 * which it does not yet). A refused save shows a summary (give it the alert
 * role in its UI file or constructor) and puts the focus on the first field
 * to put right, scrolled into view. */

/* The part of @field that takes the focus and is announced: a drop-down's
 * button, the chosen (or first) button of a row of toggle buttons, else
 * @field itself. */
GtkWidget  *kes_field_get_focus_part     (GtkWidget          *field);

/* Styles @field as in error (a text view's frame) and marks it invalid
 * for assistive technology with @message as its description, related to
 * @message_label (NULL: none), which shows it. NULL @message clears all of
 * that. Shows no message itself. */
void        kes_field_mark_invalid       (GtkWidget          *field,
                                          GtkWidget          *message_label,
                                          const char         *message);

/* Shows @message in an error label under a field and marks the field
 * (kes_field_mark_invalid()); NULL hides it again. @field may be NULL (a
 * message about the whole form). */
void        kes_field_set_error          (GtkWidget          *field,
                                          GtkLabel           *error_label,
                                          const char         *message);

/* A form's refusal, shown where it is read: @message in @label (the
 * summary above the fields, made visible and, having the alert role,
 * announced), and the focus on @field (the first one to put right, through
 * kes_field_get_focus_part()), scrolled into view with the summary too when
 * both fit; without a field, the summary is scrolled into view. NULL
 * @message hides the label. */
void        kes_form_show_refusal        (GtkLabel           *label,
                                          const char         *message,
                                          GtkWidget          *field);

/* The widget named @name (its test handle, as fields of forms built from
 * data are named after their field) under @root, depth first, or NULL. */
GtkWidget  *kes_form_find_field          (GtkWidget          *root,
                                          const char         *name);

/* A form's summary of what stops it being saved: hidden, wrapping, in the
 * error style, with the alert role (announced when it appears). */
GtkWidget  *kes_form_summary_label_new   (void);

G_END_DECLS
