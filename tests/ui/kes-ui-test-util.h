/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-context.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* A temporary database with one member of staff signed in, and a context
 * on it for the pages that take one (as the application's). */
typedef struct
{
  char       *dir;
  char       *path;
  KesStore   *store;
  KesStaff   *actor;
  KesContext *context;
} KesTestDb;

KesTestDb *kes_test_db_new          (gboolean    with_actor);
void       kes_test_db_free         (KesTestDb  *db);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesTestDb, kes_test_db_free)

/* Deletes @dir and everything under it. */
void       kes_test_remove_tree     (const char *dir);

/* Saves a valid patient; returns its id. */
char      *kes_test_add_patient     (KesStore   *store,
                                     const char *family_name,
                                     const char *given_name,
                                     const char *nhs_number,
                                     const char *team_id);

/* Iterates the main loop until @condition returns TRUE or @timeout_ms pass. */
gboolean   kes_test_wait_until      (gboolean  (*condition) (gpointer data),
                                     gpointer    data,
                                     guint       timeout_ms);
void       kes_test_wait            (guint       ms);

GtkWidget *kes_test_child           (gpointer    widget,
                                     GType       template_type,
                                     const char *name);
/* The first visible AdwMessageDialog, or NULL. */
/* The first widget of @type at or under @widget, depth first, or NULL. */
GtkWidget *kes_test_find_descendant (GtkWidget  *widget,
                                     GType       type);
/* The preferences row titled exactly @title at or under @widget, or NULL. */
GtkWidget *kes_test_find_row        (GtkWidget  *widget,
                                     const char *title);
/* The first button under @widget whose label is @label (with its
 * mnemonic underscore), or NULL. */
GtkWidget *kes_test_find_button     (GtkWidget  *widget,
                                     const char *label);
/* TRUE when a label under @widget contains @text. */
gboolean   kes_test_has_label       (GtkWidget  *widget,
                                     const char *text);
AdwMessageDialog *kes_test_find_message_dialog (void);
/* Asserts what a screen reader finds on @field after a refused save
 * (kes-form-errors.h): the part that takes the focus is invalid, described
 * by @message (when not NULL) and related to @message_label (described-by and
 * error-message). With @focused, the keyboard focus is in that part. */
void       kes_test_assert_field_error (GtkWidget  *field,
                                        GtkWidget  *message_label,
                                        const char *message,
                                        gboolean    focused);
/* Asserts @field carries no error any more. */
void       kes_test_assert_field_clear (GtkWidget  *field);
/* Asserts @summary is a shown alert (announced when it appears). */
void       kes_test_assert_alert_shown (GtkWidget  *summary);
/* Answers the signature dialog (kes-signature-dialog.h) that is showing:
 * types @password and presses Sign. The dialog is then gone, or shown
 * again with the problem (kes_test_find_message_dialog finds it). */
void       kes_test_answer_signature (const char *password);
void       kes_test_close_dialogs   (void);
/* The first shown toplevel window of @type, or NULL. */
GtkWindow *kes_test_find_window     (GType       type);
/* Destroys every toplevel window of @type (editors a test left open). */
void       kes_test_destroy_windows (GType       type);
/* Answers @dialog with @response as a click would, and makes sure it is
 * gone after (whether or not the answer destroyed it). */
void       kes_test_answer          (AdwMessageDialog *dialog,
                                     const char       *response);

/* When the environment variable @dir_variable names a folder, saves the
 * whole screen there as @name.png (dialogs included), after a moment for
 * drawing: screenshots to look at, never compared. */
void       kes_test_screenshot      (const char *dir_variable,
                                     const char *name);
/* First code of a core code list. */
const char *kes_test_first_code     (const char *list_name);

G_END_DECLS
