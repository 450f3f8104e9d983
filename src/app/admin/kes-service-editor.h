/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-field-record.h"
#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_SERVICE_EDITOR (kes_service_editor_get_type ())
G_DECLARE_FINAL_TYPE (KesServiceEditor, kes_service_editor, KES, SERVICE_EDITOR, AdwWindow)

/* A window to add an entry to the service directory (@service NULL) or
 * change one. Save goes through core (kes_store_save_service: validation
 * and permission); when core refuses, the window stays open with what was
 * typed and core's message, the fields it names marked. Emits "saved" with
 * the entry's id, then closes. */
KesServiceEditor *kes_service_editor_new  (GtkWindow       *parent,
                                           KesStore        *store,
                                           KesFieldRecord  *service);
/* What the Save button does; FALSE when core refused. */
gboolean          kes_service_editor_save (KesServiceEditor *self);

G_END_DECLS
