/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store.h"

G_BEGIN_DECLS

typedef struct
{
  char     *dir;
  KesStore *store;
  KesStaff *alice;
  KesStaff *bob;
  KesStaff *importer; /* every role, no team: signed in to an empty store */
  char     *patient_id;
  char     *error_contact_id;
} KesTestStore;

/* A store in a temporary folder holding one patient, "Zoë O’Brien — café",
 * with a history: the register edited and corrected, contacts (one edited,
 * one entered in error) and notes (one corrected). The clock is fixed. */
KesTestStore *kes_test_store_new_with_patient (void);
/* An empty store in a temporary folder, with the importer signed in. */
KesTestStore *kes_test_store_new_empty        (void);
/* A new file: no one in it, no one signed in (for the demo generator). */
KesTestStore *kes_test_store_new_blank        (void);
void          kes_test_store_add_importer     (KesTestStore *fixture);
/* Alice, Bob and Zoë's record, as kes_test_store_new_with_patient() has them. */
void          kes_test_store_add_patient      (KesTestStore *fixture);
void          kes_test_store_free             (KesTestStore *fixture);
void          kes_test_set_now                (const char   *iso_time);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesTestStore, kes_test_store_free)

G_END_DECLS
