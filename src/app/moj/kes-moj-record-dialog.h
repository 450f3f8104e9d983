/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store-moj.h"

G_BEGIN_DECLS

/* A form for one restricted-patient record (legal status, index offence,
 * condition, notices, change-of-conditions application), generated from
 * the kind's field table in core. Save validates in core; a failed save
 * keeps everything typed and says what is wrong. Emits "saved" after a
 * save. */
#define KES_TYPE_MOJ_RECORD_DIALOG (kes_moj_record_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KesMojRecordDialog, kes_moj_record_dialog, KES, MOJ_RECORD_DIALOG, AdwWindow)

KesMojRecordDialog *kes_moj_record_dialog_new  (GtkWindow    *parent,
                                                KesStore     *store,
                                                KesMojRecord *record);
/* Copies what is typed into the record (for tests and Save). */
void                kes_moj_record_dialog_apply (KesMojRecordDialog *self);
/* Saves; FALSE leaves the dialog open with the problem shown. */
gboolean            kes_moj_record_dialog_save  (KesMojRecordDialog *self);
KesMojRecord       *kes_moj_record_dialog_get_record (KesMojRecordDialog *self);
/* Marks the (saved) record entered in error with @reason, through core,
 * and emits "saved". Mark as Entered in Error… asks for the reason. */
gboolean            kes_moj_record_dialog_mark_entered_in_error (KesMojRecordDialog  *self,
                                                                 const char          *reason,
                                                                 GError             **error);

G_END_DECLS
