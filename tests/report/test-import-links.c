/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-carers.h"
#include "kes-field-record.h"
#include "kes-record-export.h"
#include "kes-record-import.h"
#include "kes-referral.h"
#include "kes-signposting.h"
#include "kes-store-referrals.h"
#include "kes-test-accounts.h"
#include "kes-test-dump.h"

/* The rules between a case record's records hold on import as on a save
 * (issue 17 item 1): a carers' record names a carer, one open link and one
 * consent record a patient–carer pair, a share within the consent it relied
 * on, signposting hung on a referral that was turned away and not dated
 * before it. Each hostile file is refused with the database unchanged
 * apart from the access log; each valid control imports. */

#define IMPORTED_AT "2026-11-23T09:00:00Z"

static const char *medication[] = { "medication", NULL };

static KesFieldRecord *
save_carer_record (KesTestStore        *source,
                   const KesRecordKind *kind,
                   const char          *carer_id,
                   const char * const  *texts)
{
  g_autoptr(GError) error = NULL;
  KesFieldRecord *record = kes_field_record_new (kind);

  kes_field_record_set_patient_id (record, source->patient_id);
  if (carer_id != NULL)
    kes_field_record_set_text (record, "carer_id", carer_id);
  for (guint i = 0; texts[i] != NULL; i += 2)
    kes_field_record_set_text (record, texts[i], texts[i + 1]);
  if (kind == &kes_carer_consent_kind)
    kes_field_record_set_list (record, "scope", medication);
  if (kind == &kes_carer_share_kind)
    kes_field_record_set_list (record, "categories", medication);
  g_assert_true (kes_store_save_carer_record (source->store, record, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return record;
}

/* Zoë's record with a carer linked, consent given for medication on 3
 * November, and medication discussed with the carer on 20 November. */
static char *
carers_case_record (void)
{
  g_autoptr(KesTestStore) source = kes_test_store_new_with_patient ();
  g_autoptr(KesFieldRecord) carer = NULL;
  g_autoptr(KesFieldRecord) link = NULL;
  g_autoptr(KesFieldRecord) consent = NULL;
  g_autoptr(KesFieldRecord) share = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  kes_test_set_now (IMPORTED_AT);
  carer = save_carer_record (source, &kes_carer_kind, NULL,
                             (const char *[]) { "name", "Grace Okafor", "phone", "01603 000000",
                                                "preferred_contact", "phone", NULL });
  id = kes_field_record_get_id (carer);
  link = save_carer_record (source, &kes_carer_link_kind, id,
                            (const char *[]) { "relationship", "Mother", NULL });
  consent = save_carer_record (source, &kes_carer_consent_kind, id,
                               (const char *[]) { "status", "given", "decided_on", "2026-11-03",
                                                  "review_date", "2027-05-03", NULL });
  share = save_carer_record (source, &kes_carer_share_kind, id,
                             (const char *[]) { "shared_on", "2026-11-20",
                                                "summary", "Explained the change of depot.", NULL });
  g_assert_cmpstr (kes_field_record_get_text (share, "basis"), ==, "consent");
  xml = kes_record_export_bytes (source->store, source->patient_id, &error);
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
}

/* A case record holding a referral declined on 12 January where its
 * referrer was signposted that day, and a second referral, received on 2
 * February, still waiting. */
static char *
signposted_case_record (char **waiting_id)
{
  g_autoptr(KesTestStore) source = kes_test_store_new_with_patient ();
  g_autoptr(KesFieldRecord) signposting = kes_signposting_new ();
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;
  const char *given[] = { "phone-number", NULL };
  const char *received[] = { "2026-01-10", "2026-02-02" };
  KesReferral *referrals[2];

  kes_test_set_now (IMPORTED_AT);
  for (guint i = 0; i < G_N_ELEMENTS (referrals); i++)
    {
      referrals[i] = kes_referral_new ();
      kes_referral_set_text (referrals[i], KES_REFERRAL_PATIENT_ID, source->patient_id);
      kes_referral_set_text (referrals[i], KES_REFERRAL_DATE, received[i]);
      kes_referral_set_text (referrals[i], KES_REFERRAL_REFERRER, "Dr Rook");
      kes_referral_set_text (referrals[i], KES_REFERRAL_SOURCE, "external-hospital");
      kes_referral_set_text (referrals[i], KES_REFERRAL_UNIT, "Ash Ward");
      kes_referral_set_text (referrals[i], KES_REFERRAL_SECURITY_LEVEL, "medium");
      kes_referral_set_text (referrals[i], KES_REFERRAL_AREA, "other");
      kes_referral_set_text (referrals[i], KES_REFERRAL_REASON, "Discharge planning");
      g_assert_true (kes_store_save_referral (source->store, referrals[i], KES_CHANGE_CREATE, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (kes_store_move_referral (source->store, referrals[0], KES_REFERRAL_DECLINED, "2026-01-12",
                                          "Lives in Essex", NULL, NULL, &error));
  g_assert_no_error (error);
  kes_field_record_set_text (signposting, "source_id", kes_referral_get_id (referrals[0]));
  kes_field_record_set_text (signposting, "organisation", "Essex forensic community team");
  kes_field_record_set_text (signposting, "signposted_on", "2026-01-12");
  kes_field_record_set_text (signposting, "signposted_by", kes_staff_get_id (source->alice));
  kes_field_record_set_list (signposting, "given", given);
  g_assert_true (kes_store_save_signposting (source->store, signposting, &error));
  g_assert_no_error (error);
  xml = kes_record_export_bytes (source->store, source->patient_id, &error);
  g_assert_no_error (error);
  *waiting_id = g_strdup (kes_referral_get_id (referrals[1]));
  for (guint i = 0; i < G_N_ELEMENTS (referrals); i++)
    g_object_unref (referrals[i]);
  return g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
}

static void
import_text (KesStore              *store,
             const char            *xml,
             KesRecordImportFlags   flags,
             GError               **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));

  kes_test_set_now (IMPORTED_AT);
  kes_test_import_bytes (store, bytes, flags, error);
}

/* Refused with @expected in the message, and nothing but the access log
 * changed. */
static void
assert_refused (KesTestStore         *target,
                const char           *xml,
                KesRecordImportFlags  flags,
                const char           *expected)
{
  g_autofree char *before = kes_test_dump_without_audit (target);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  import_text (target->store, xml, flags, &error);
  kes_test_assert_plain_refusal (error, expected);
  after = kes_test_dump_without_audit (target);
  g_assert_cmpstr (before, ==, after);
}

static void
assert_imports (KesTestStore         *target,
                const char           *xml,
                KesRecordImportFlags  flags)
{
  g_autoptr(GError) error = NULL;

  import_text (target->store, xml, flags, &error);
  g_assert_no_error (error);
}

/* @xml with the text of the first <entry> of @kind repeated as a second
 * entry whose id ends in "99" instead. */
static char *
with_entry_repeated (const char *xml,
                     const char *kind)
{
  g_autofree char *attribute = g_strdup_printf ("<entry kind=\"%s\" id=\"", kind);
  const char *start = strstr (xml, attribute);
  const char *end = start != NULL ? strstr (start, "</entry>") : NULL;
  g_autofree char *entry = NULL;
  char *id;

  g_assert_nonnull (end);
  end += strlen ("</entry>");
  entry = g_strndup (start, end - start);
  id = entry + strlen (attribute);
  id[34] = '9';
  id[35] = '9';
  return g_strdup_printf ("%.*s\n%s%s", (int) (end - xml), xml, entry, end);
}

/* @xml with the first @from after the first entry of @kind replaced by @to. */
static char *
in_entry_replace (const char *xml,
                  const char *kind,
                  const char *from,
                  const char *to)
{
  g_autofree char *attribute = g_strdup_printf ("<entry kind=\"%s\"", kind);
  const char *entry = strstr (xml, attribute);
  const char *at = entry != NULL ? strstr (entry, from) : NULL;

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - xml), xml, to, at + strlen (from));
}

static void
test_carers_valid_control (void)
{
  g_autofree char *xml = carers_case_record ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();

  assert_imports (target, xml, KES_RECORD_IMPORT_DEFAULT);
}

/* A link naming no carer the file or the database holds was refused before
 * only by the database, with "FOREIGN KEY constraint failed". */
static void
test_unknown_carer (void)
{
  g_autofree char *xml = carers_case_record ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  const char *link = strstr (xml, "<entry kind=\"carer-link\"");
  const char *carer_id = strstr (link, "<text name=\"carer_id\">") + strlen ("<text name=\"carer_id\">");
  g_autofree char *edited = g_strdup (xml);

  memcpy (edited + (carer_id - xml), "00000000-0000-4000-8000-000000000001", 36);
  assert_refused (target, edited, KES_RECORD_IMPORT_DEFAULT, "no carer has the id");
}

/* Two open links, or two consent records, for one patient–carer pair: the
 * store refuses the second; so does the import, within the file and, on a
 * merge, against what is held. */
static void
test_one_link_and_consent_a_pair (void)
{
  g_autofree char *xml = carers_case_record ();
  const struct
  {
    const char *kind;
    const char *expected;
  } cases[] = {
    { "carer-link", "already linked" },
    { "carer-consent", "already recorded" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *twice = with_entry_repeated (xml, cases[i].kind);
      g_autofree char *attribute = g_strdup_printf ("<entry kind=\"%s\" id=\"", cases[i].kind);
      const char *id = strstr (xml, attribute) + strlen (attribute);
      g_autofree char *original_id = g_strndup (id, 36);
      g_autofree char *other_id = g_strdup (original_id);
      g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
      g_autofree char *renamed = NULL;

      assert_refused (target, twice, KES_RECORD_IMPORT_DEFAULT, cases[i].expected);

      /* Held: the record as imported; the file: the same pair's under
       * another id (two teams each recorded it). */
      other_id[34] = '9';
      other_id[35] = '9';
      renamed = in_entry_replace (xml, cases[i].kind, original_id, other_id);
      assert_imports (target, xml, KES_RECORD_IMPORT_DEFAULT);
      assert_refused (target, renamed, KES_RECORD_IMPORT_MERGE, cases[i].expected);
    }
}

/* A share of something consent did not cover, a share naming a consent
 * the file does not hold, and a share changed after it was logged. */
static void
test_share_within_consent (void)
{
  g_autofree char *xml = carers_case_record ();
  g_autofree char *diagnosis = in_entry_replace (xml, "carer-share", "<text>medication</text>",
                                                 "<text>diagnosis</text>");
  g_autofree char *no_consent = in_entry_replace (xml, "carer-share", "<text name=\"consent_revision\">1",
                                                  "<text name=\"consent_revision\">7");
  g_autofree char *changed = NULL;
  const char *share = strstr (xml, "<entry kind=\"carer-share\"");
  const char *revision = strstr (share, "<revision number=\"1\" change=\"create\"");
  const char *end = strstr (revision, "</revision>") + strlen ("</revision>");
  g_autofree char *second = g_strndup (revision, end - revision);

  {
    g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
    assert_refused (target, diagnosis, KES_RECORD_IMPORT_DEFAULT, "Not shared: Diagnosis");
  }
  {
    g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
    assert_refused (target, no_consent, KES_RECORD_IMPORT_DEFAULT, "consent this share relied on");
  }
  /* A second revision of the logged share, an edit. */
  memcpy (strstr (second, "number=\"1\"") , "number=\"2\"", strlen ("number=\"2\""));
  {
    char *create = strstr (second, "change=\"create\"");
    g_autofree char *edit = g_strdup_printf ("%.*schange=\"edit\"%s", (int) (create - second), second,
                                             create + strlen ("change=\"create\""));
    changed = g_strdup_printf ("%.*s\n%s%s", (int) (end - xml), xml, edit, end);
  }
  {
    g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
    assert_refused (target, changed, KES_RECORD_IMPORT_DEFAULT, "can’t be changed");
  }
}

/* Carers' records are edited with edit-carers: a liaison and diversion
 * practitioner (edit-clinical and edit-identity, no carers' rights) can't
 * bring them in either. */
static void
test_carers_need_edit_carers (void)
{
  g_autofree char *xml = carers_case_record ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autoptr(KesStaff) diversion = kes_test_account (target->store, "dee", "Dee Diversion", NULL,
                                                    "liaison-diversion");

  kes_test_sign_in (target->store, diversion);
  assert_refused (target, xml, KES_RECORD_IMPORT_DEFAULT, "");
}

static void
test_signposting_source (void)
{
  g_autofree char *waiting_id = NULL;
  g_autofree char *xml = signposted_case_record (&waiting_id);
  const char *entry = strstr (xml, "<entry kind=\"signposting\"");
  const char *source = strstr (entry, "<text name=\"source_id\">") + strlen ("<text name=\"source_id\">");
  g_autofree char *declined_id = g_strndup (source, 36);
  g_autofree char *waiting = in_entry_replace (xml, "signposting", declined_id, waiting_id);
  g_autofree char *missing = in_entry_replace (xml, "signposting", declined_id,
                                               "00000000-0000-4000-8000-000000000002");
  g_autofree char *early = in_entry_replace (xml, "signposting", "<text name=\"signposted_on\">2026-01-12",
                                             "<text name=\"signposted_on\">2026-01-09");
  const struct
  {
    const char *xml;
    const char *expected;
  } cases[] = {
    { waiting, "declined or redirected" },
    { missing, "not in the file" },
    { early, "before the referral was received" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KesTestStore) target = kes_test_store_new_empty ();

      assert_refused (target, cases[i].xml, KES_RECORD_IMPORT_DEFAULT, cases[i].expected);
    }
  {
    g_autoptr(KesTestStore) target = kes_test_store_new_empty ();

    assert_imports (target, xml, KES_RECORD_IMPORT_DEFAULT);
  }
}

/* Signposting's own rules: a date after the revision that records it, or
 * something given that is not on the list. */
static void
test_signposting_own_rules (void)
{
  g_autofree char *waiting_id = NULL;
  g_autofree char *xml = signposted_case_record (&waiting_id);
  g_autofree char *future = in_entry_replace (xml, "signposting", "<text name=\"signposted_on\">2026-01-12",
                                              "<text name=\"signposted_on\">2099-01-12");
  g_autofree char *voucher = in_entry_replace (xml, "signposting", "<text>phone-number</text>",
                                               "<text>voucher</text>");

  {
    g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
    assert_refused (target, future, KES_RECORD_IMPORT_DEFAULT, "Date signposted is in the future");
  }
  {
    g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
    assert_refused (target, voucher, KES_RECORD_IMPORT_DEFAULT, "What was given");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-links/carers-valid-control", test_carers_valid_control);
  g_test_add_func ("/import-links/unknown-carer", test_unknown_carer);
  g_test_add_func ("/import-links/one-link-and-consent-a-pair", test_one_link_and_consent_a_pair);
  g_test_add_func ("/import-links/share-within-consent", test_share_within_consent);
  g_test_add_func ("/import-links/carers-need-edit-carers", test_carers_need_edit_carers);
  g_test_add_func ("/import-links/signposting-source", test_signposting_source);
  g_test_add_func ("/import-links/signposting-own-rules", test_signposting_own_rules);

  return g_test_run ();
}
