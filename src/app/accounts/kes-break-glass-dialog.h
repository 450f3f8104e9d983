/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

typedef enum
{
  KES_BREAK_GLASS_CANCELLED,     /* open nothing */
  KES_BREAK_GLASS_GRANTED,       /* core recorded emergency access with the reason */
} KesBreakGlassOutcome;

typedef void (*KesBreakGlassCallback) (KesBreakGlassOutcome  outcome,
                                       gpointer              user_data);

/* Whether opening @patient_id's record needs emergency access: the actor's
 * roles allow break-glass, but the patient is under another team. @message
 * receives core's explanation. */
gboolean kes_break_glass_needed (KesStore    *store,
                                 const char  *patient_id,
                                 char       **message);

/* Asks why emergency access is needed. The reason is required (the button
 * stays off until something is typed; core refuses a blank one too) and is
 * written to the access log by kes_store_break_glass(); managers review it
 * in Administration. */
void     kes_ask_break_glass    (GtkWidget             *parent,
                                 KesStore              *store,
                                 const char            *patient_id,
                                 const char            *message,
                                 KesBreakGlassCallback  callback,
                                 gpointer               user_data);

G_END_DECLS
