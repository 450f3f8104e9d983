/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_RECORD_IMPORT_GROUP (kes_record_import_group_get_type ())
G_DECLARE_FINAL_TYPE (KesRecordImportGroup, kes_record_import_group, KES, RECORD_IMPORT_GROUP,
                      AdwPreferencesGroup)

/* Administration → Case records: "Import Case Record…". A chosen file is
 * first tried in a worker thread and rolled back (a dry run), then the user
 * sees what it would add and confirms; a patient already held is offered as
 * an explicit Merge, never imported twice. Emits "imported" (patient id)
 * after an import. */
GtkWidget *kes_record_import_group_new         (void);
void       kes_record_import_group_set_store   (KesRecordImportGroup *self,
                                                KesStore             *store);
/* What choosing @path in the file chooser does (the tests call it). */
void       kes_record_import_group_import_file (KesRecordImportGroup *self,
                                                const char           *path);
gboolean   kes_record_import_group_get_busy    (KesRecordImportGroup *self);

G_END_DECLS
