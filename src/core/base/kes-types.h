/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _KesCaseloadModel KesCaseloadModel;
typedef struct _KesCaseloadRow   KesCaseloadRow;
typedef struct _KesCatchment     KesCatchment;
typedef struct _KesCodeList      KesCodeList;
typedef struct _KesContact       KesContact;
typedef struct _KesNote          KesNote;
typedef struct _KesNoteHit       KesNoteHit;
typedef struct _KesPatient       KesPatient;
typedef struct _KesRevision      KesRevision;
typedef struct _KesStaff         KesStaff;
typedef struct _KesStore         KesStore;
typedef struct _KesTeam          KesTeam;

/* The state of a revisioned record. Nothing clinical is ever deleted:
 * a mistaken record is marked entered in error, with a reason. */
typedef enum
{
  KES_RECORD_ACTIVE,
  KES_RECORD_ENTERED_IN_ERROR,
} KesRecordState;

/* Why a revision was written. */
typedef enum
{
  KES_CHANGE_CREATE,
  KES_CHANGE_EDIT,
  KES_CHANGE_CORRECTION,      /* reason required */
  KES_CHANGE_ENTERED_IN_ERROR /* reason required */
} KesChangeKind;

/* How far a long job has gone, from 0 to 1; called on the job's own thread. */
typedef void (*KesProgressFunc) (double   fraction,
                                 gpointer user_data);

const char    *kes_change_kind_to_string   (KesChangeKind  kind);
gboolean       kes_change_kind_from_string (const char    *text,
                                            KesChangeKind *kind);

G_END_DECLS
