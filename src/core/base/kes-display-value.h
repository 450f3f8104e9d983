/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store.h"

G_BEGIN_DECLS

/* A value held in a record as a reader reads it: a code's label ("Female",
 * "Section 37 with section 41 restrictions"), the name behind a staff or
 * team id, an en-GB date, an NHS number spaced 3-3-4, Yes for a switch;
 * the value itself when nothing better is known. @kind is the record's
 * kind ("patient", "prescription", "legal-status", "carer" …) and @key the
 * member's name. Never NULL. */
char  *kes_store_display_value        (KesStore    *store,
                                       const char  *kind,
                                       const char  *key,
                                       const char  *value);

/* kes_revision_describe_changes() with every value shown through
 * kes_store_display_value(): "Stated gender: “Male” → “Female”",
 * "Team: added “North”" rather than codes and ids. */
GStrv  kes_store_describe_changes     (KesStore    *store,
                                       const char  *kind,
                                       KesRevision *revision,
                                       KesRevision *previous,
                                       const char  *(*label_func) (const char *key));

G_END_DECLS
