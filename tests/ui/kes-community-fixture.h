/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "community/kes-care-form.h"
#include "kes-due.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "today/kes-today-page.h"

G_BEGIN_DECLS

/* The real window with one patient on the test user's team, the clock
 * fixed at 21 Nov 2026 09:00 UTC: shared by the care-in-the-community UI
 * tests (test-community, test-monitoring-ui). */
typedef struct
{
  KesTestDb *db;
  KesWindow *window;
  char      *patient_id;
} KesCommunityFixture;

void           kes_community_fixture_set_up    (KesCommunityFixture *fixture,
                                                gconstpointer        data);
void           kes_community_fixture_tear_down (KesCommunityFixture *fixture,
                                                gconstpointer        data);
/* Saves a @kind care record for the fixture's patient through core, from
 * key, value pairs ending in NULL; asserts it saved. */
KesCareRecord *kes_community_save_record       (KesCommunityFixture *fixture,
                                                const char          *kind,
                                                ...) G_GNUC_NULL_TERMINATED;
KesCareRecord *kes_community_save_record_valist (KesCommunityFixture *fixture,
                                                const char          *kind,
                                                va_list              args);
/* The care form dialog open now, or NULL. */
KesCareForm   *kes_community_find_form         (void);
/* TRUE once @today (a KesTodayPage) has loaded; for kes_test_wait_until. */
gboolean       kes_community_today_loaded      (gpointer             today);
/* Shows Today and waits until it has loaded. */
KesTodayPage  *kes_community_show_today        (KesCommunityFixture *fixture);
/* Today's first item of @kind, or NULL. */
KesDueItem    *kes_community_today_item        (KesTodayPage        *today,
                                                const char          *kind);

G_END_DECLS
