/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-context.h"
#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_APPLICATION (kes_application_get_type ())
G_DECLARE_FINAL_TYPE (KesApplication, kes_application, KES, APPLICATION, AdwApplication)

KesApplication *kes_application_new               (void);
/* The database file: --database, else $KESTREL_DATABASE, else the default. */
const char     *kes_application_get_database_path (KesApplication *self);
/* The store, settings and clock every window and page shares. */
KesContext     *kes_application_get_context       (KesApplication *self);
/* The open store, or NULL when opening failed. */
KesStore       *kes_application_get_store         (KesApplication *self);
/* Makes @store (opened on a restored backup) the application's database,
 * closing the one open before once nothing else holds it. */
void            kes_application_set_store         (KesApplication *self,
                                                   KesStore       *store);

G_END_DECLS
