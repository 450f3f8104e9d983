/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* Called with the new password once core has stored it, or NULL when the
 * user cancelled. */
typedef void (*KesPasswordCallback) (KesStaff   *staff,
                                     const char *password,
                                     gpointer    user_data);

/* Asks for a new password for @staff, twice, and stores it with
 * kes_store_set_password() (core checks it is good enough and who may set
 * it). With @ask_current the current password is asked for too and checked
 * by signing in (throttled and logged like any sign-in). A problem is shown
 * in the dialog, which asks again; nothing typed into it is logged. */
void kes_ask_new_password (GtkWidget           *parent,
                           KesStore            *store,
                           KesStaff            *staff,
                           gboolean             ask_current,
                           const char          *heading,
                           const char          *body,
                           KesPasswordCallback  callback,
                           gpointer             user_data);

G_END_DECLS
