/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store-private.h"

G_BEGIN_DECLS

/* The parts of the demo generator (kes-demo.c). Each adds the records it
 * makes, ready to write (KesBulkRecord*, in the order they must be
 * written), to @sink; none touches the store, so they run on the demo's
 * second thread. */

/* Contacts and notes for one patient, dated up to 400 days before @now. */
void     kes_demo_add_clinical  (GPtrArray   *sink,
                                 GRand       *rand,
                                 GDateTime   *now,
                                 const char  *patient_id,
                                 guint        n_contacts,
                                 guint        n_notes);
/* Care in the community, from its own random sequence seeded by @seed. */
gboolean kes_demo_add_community (GPtrArray   *sink,
                                 guint        seed,
                                 const char  *patient_id,
                                 GError     **error);
/* The patient's one legal status record: @legal (a legal-status code),
 * with the MHCS reference and an index offence for a restricted patient,
 * and MAPPA when @mappa_level is not NULL; for one in three of those on
 * s37/41, a conditional discharge, conditions and the reports of past
 * periods submitted (kes-moj-demo.c). */
gboolean kes_demo_add_moj       (GPtrArray   *sink,
                                 KesPatient  *patient,
                                 const char  *legal,
                                 const char  *mappa_level,
                                 KesStaff    *social,
                                 KesStaff    *clinical,
                                 guint        index,
                                 GError     **error);
/* How many days ago kes_demo_add_moj() dates the conditional discharge of
 * demo patient @index, or -1 when it adds none. */
int      kes_demo_moj_discharged_days_ago (guint index);
/* The referral history of one patient (whose legal status is @legal, a
 * legal-status code), from its own random sequence seeded
 * by @seed: the accepted referral that led to their discharge, sometimes an
 * earlier declined one, and for a few patients a referral still on its way
 * through the pathway instead. @discharged_days_ago is the discharge the
 * rest of the demo data already dates (a conditional discharge), or -1 to
 * choose one. @open: the referral is still on its way, whatever the
 * sequence says. */
gboolean kes_demo_add_referrals (GPtrArray          *sink,
                                 const KesCatchment *catchment,
                                 guint        seed,
                                 gboolean     open,
                                 KesPatient  *patient,
                                 const char  *legal,
                                 KesStaff    *clinician,
                                 KesStaff    *coordinator,
                                 int          discharged_days_ago,
                                 GError     **error);

/* Carers, consent to share and carer's assessments due for review for a
 * few patients of @clinician's team, saved through the store as them
 * (kes-demo-carers.c); after the bulk-written records. */
/* Today moved by @days (negative: earlier), as YYYY-MM-DD. */
char      *kes_demo_days_from_today (int          days);
/* Up to @limit patients, by name, of the team (@by_coordinator FALSE) or
 * the care coordinator whose id is @id (kes-demo-carers.c). */
GPtrArray *kes_demo_patients        (KesStore    *store,
                                     gboolean     by_coordinator,
                                     const char  *id,
                                     guint        limit,
                                     GError     **error);

/* Signed-off risk assessments for a few of @clinician's own caseload, as
 * @clinician (whose @password signs them), with the clinician's own
 * formulation and judgements (kes-demo-risk.c); after the bulk-written
 * records. */
gboolean kes_demo_add_risk      (KesStore    *store,
                                 KesStaff    *clinician,
                                 const char  *password,
                                 GError     **error);

gboolean kes_demo_add_carers    (KesStore    *store,
                                 KesStaff    *clinician,
                                 GError     **error);

/* The local services liaison and diversion refers on to (a crisis
 * resolution and home treatment team among them) in the directory; needs
 * manage-directory, so run as the demo's system operation
 * (kes-demo-liaison.c). */
gboolean kes_demo_add_liaison_services (KesStore    *store,
                                        GError     **error);
/* Screenings at police custody and the courts over the last four weeks,
 * some with a referral onward, written as the demo liaison and diversion
 * practitioner; after the directory entries. */
gboolean kes_demo_add_liaison   (KesStore    *store,
                                 GError     **error);
/* Signposting for a screening whose outcome is signposting (a service in
 * the directory and a helpline typed), and for the last few declined or
 * redirected referrals of the signed-in author's team, written as them
 * (kes-demo-signposting.c). */
gboolean kes_demo_signpost_screening (KesStore    *store,
                                      const char  *screening_id,
                                      const char  *housing_service_id,
                                      const char  *on,
                                      GError     **error);
gboolean kes_demo_signpost_referrals (KesStore    *store,
                                      GError     **error);

/* ---- The second thread (kes-demo-feed.c) ---- */

/* Makes patient @index's records (KesBulkRecord*), or NULL with @error. */
typedef GPtrArray *(*KesDemoMake) (guint     index,
                                   gpointer  data,
                                   GError  **error);

typedef struct _KesDemoFeed KesDemoFeed;

/* Starts making patients 0 to @n_patients - 1, in order, a few ahead of
 * the writer. @make runs on the feed's thread with @data. */
KesDemoFeed *kes_demo_feed_start   (guint         n_patients,
                                    KesDemoMake   make,
                                    gpointer      data);
/* The next patient's records, waiting for them if need be; NULL with
 * @error when making them failed. Hand them back with
 * kes_demo_feed_release() once written. */
GPtrArray   *kes_demo_feed_next    (KesDemoFeed  *feed,
                                    GError      **error);
void         kes_demo_feed_release (KesDemoFeed  *feed,
                                    GPtrArray    *records);
/* Stops the thread (also part-way) and frees the feed. */
void         kes_demo_feed_stop    (KesDemoFeed  *feed);

G_END_DECLS
