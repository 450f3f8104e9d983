/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* Called on the owning view after a record was marked entered in error. */
typedef void (*KesRecordMarkedFunc) (GtkWidget *owner);

/* An expandable row for one revisioned record (a contact or a note): the
 * title and subtitle, the full text when expanded, and a button that asks
 * for a reason and marks the record entered in error. @mark_heading is the
 * heading of the dialog that asks for the reason. */
GtkWidget *kes_record_row_new       (GtkWidget           *owner,
                                     KesStore            *store,
                                     const char          *title,
                                     const char          *subtitle,
                                     const char          *body,
                                     const char          *record_id,
                                     gint64               revision,
                                     KesRecordState       state,
                                     const char          *mark_heading,
                                     KesRecordMarkedFunc  marked_func);
/* A button for a row of a field record's list (Change…, Entered in
 * Error…): @label shown, without a mnemonic (a row's buttons are reached by
 * Tab, and a mnemonic beside an accessible label would be announced
 * twice), @accessible_label the words a screen reader says ("Change the
 * referral to …"); @record is kept on the button for @callback, which is
 * connected to "clicked" with @user_data. */
GtkWidget *kes_record_row_button    (const char          *label,
                                     const char          *accessible_label,
                                     GObject             *record,
                                     GCallback            callback,
                                     gpointer             user_data);
/* The record given to kes_record_row_button(). */
gpointer   kes_record_row_button_get_record (GtkWidget   *button);

/* A row that says a list could not be loaded. */
GtkWidget *kes_record_error_row_new (const char          *message);

G_END_DECLS
