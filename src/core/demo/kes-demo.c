/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-demo"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-catchment.h"
#include "kes-demo-private.h"
#include "kes-demo.h"
#include "kes-error.h"
#include "kes-services.h"
#include "kes-store-staff.h"
#include "kes-validate.h"

static const char * const given_names[] = {
  "Aaron", "Abdul", "Adebayo", "Aiden", "Alex", "Amir", "Andrzej", "Ashley", "Ben", "Callum",
  "Chidi", "Ciarán", "Connor", "Daniel", "Darius", "Dean", "Dylan", "Elliot", "Emeka", "Farid",
  "Gareth", "Hassan", "Imran", "Jamal", "Jordan", "Joseph", "Kai", "Kieran", "Kwame", "Leon",
  "Liam", "Luca", "Marcus", "Mohammed", "Nathan", "Niall", "Oliver", "Owen", "Patrick", "Rhys",
  "Ryan", "Sam", "Sean", "Tariq", "Thomas", "Tyrone", "Wesley", "Zoë", "Chloe", "Danielle",
  "Emma", "Grace", "Jade", "Kayleigh", "Leanne", "Natalie", "Priya", "Sophie", "Stacey", "Yasmin",
};

/* Birds and trees: plausible as names, recognisably invented as a set. */
static const char * const family_names[] = {
  "Alder", "Ashby-Wren", "Bittern", "Blackthorn", "Brambling", "Bunting", "Buzzard", "Chiffchaff",
  "Coppice", "Corncrake", "Curlew", "Dunlin", "Dunnock", "Elmswood", "Fieldfare", "Firecrest",
  "Gannet", "Goldcrest", "Greenfinch", "Hawthorne", "Hazelby", "Heronsgate", "Hobbyfield",
  "Kittiwake", "Lapwing", "Larchmont", "Linnet", "Marshwood", "Merlin", "Nightjar", "O’Kestrel",
  "Oakley-Teal", "Ouzel", "Peregrine", "Pipit", "Plover", "Redpoll", "Redshank", "Redwing",
  "Rowanby", "Sanderling", "Shrike", "Siskin", "Skylark", "Stonechat", "Swiftfield", "Twite",
  "Wagtail", "Warbler", "Waxwing", "Whimbrel", "Whinchat", "Willowby", "Woodcock", "Yellowhammer",
};

static const char * const towns[] = {
  "Norwich", "Ipswich", "Great Yarmouth", "King’s Lynn", "Lowestoft", "Bury St Edmunds",
  "Thetford", "Cromer", "Felixstowe", "Dereham",
};

static const char * const postcodes[] = {
  "NR1 3SR", "NR2 4PT", "NR30 1BN", "PE30 1EX", "NR32 1DL", "IP1 2AQ", "IP4 1JJ", "IP33 1XB",
  "IP24 1AB", "NR27 9BD", "IP11 7HB", "NR19 1DU",
};

static const char * const legal_statuses[] = { "09", "09", "09", "15", "17", "37", "10", "03", "01" };

static const char * const diagnoses[] = { "F20.0", "F20.9", "F25.0", "F31.2", "F60.2", "F33.1", "F20.0" };

#define DEMO_BATCH_PATIENTS 1000
#define DEMO_PATIENTS_PER_TEAM 1000

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

/* The next valid NHS number in the 999 test range after @stem. */
static char *
next_test_nhs_number (guint *stem)
{
  for (;;)
    {
      g_autofree char *nine = g_strdup_printf ("999%06u", (*stem)++ % 1000000);
      int check = kes_nhs_number_check_digit (nine);
      if (check >= 0)
        return g_strdup_printf ("%s%d", nine, check);
    }
}

/* One account per role, with the passwords `kestrel-cli demo` prints, so
 * that each role can be tried. */
static const KesDemoAccount demo_accounts[] = {
  { "demo.clinician", "Demo Clinician", KES_ROLE_CLINICIAN, "amber-otter-lantern" },
  { "demo.supervisor", "Demo Social Supervisor", KES_ROLE_SOCIAL_SUPERVISOR, "copper-heron-meadow" },
  { "demo.carers", "Demo Carers’ Liaison", KES_ROLE_CARERS_LIAISON, "willow-ferry-summit" },
  { "demo.liaison", "Demo Liaison and Diversion", KES_ROLE_LIAISON_DIVERSION, "granite-plum-orchard" },
  { "demo.manager", "Demo Team Manager", KES_ROLE_TEAM_MANAGER, "silver-fox-harbour" },
  { "demo.admin", "Demo Administrator", KES_ROLE_ADMINISTRATOR, "cobalt-wren-valley" },
};

const KesDemoAccount *
kes_demo_accounts (guint *n_accounts)
{
  *n_accounts = G_N_ELEMENTS (demo_accounts);
  return demo_accounts;
}

/* The demo accounts, in the North team but for the administrator. */
static KesStaff *
create_demo_accounts (KesStore  *store,
                      GError   **error)
{
  g_autoptr(KesTeam) north = kes_store_lookup_team (store, "North");
  g_autoptr(KesStaff) author = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (demo_accounts); i++)
    {
      const KesDemoAccount *account = &demo_accounts[i];
      const char *roles[] = { account->role, NULL };
      gboolean admin = g_str_equal (account->role, KES_ROLE_ADMINISTRATOR);
      g_autoptr(KesStaff) staff = NULL;

      staff = kes_store_create_account (store, account->username, account->display_name, NULL,
                                        north != NULL && !admin ? kes_team_get_id (north) : NULL,
                                        NULL, roles, account->password, error);
      if (staff == NULL)
        return NULL;
      if (author == NULL)
        author = g_steal_pointer (&staff);
    }
  return g_steal_pointer (&author);
}

static KesStaff *
ensure_staff_member (KesStore    *store,
                     const char  *username,
                     const char  *name,
                     const char  *role,
                     const char  *team_name,
                     GError     **error)
{
  KesStaff *member = kes_store_lookup_staff (store, username);
  g_autoptr(KesTeam) team = NULL;

  if (member != NULL)
    return member;
  team = kes_store_lookup_team (store, team_name);
  if (team == NULL && (team = kes_store_add_team (store, team_name, error)) == NULL)
    return NULL;
  return kes_store_add_staff (store, username, name, role, kes_team_get_id (team), "01603 000000", error);
}

/* Six named clinicians in the North and South teams; a large demo (a whole
 * trust) adds a team of three for every further DEMO_PATIENTS_PER_TEAM
 * patients, so that a team's caseload stays the size of a real one. Each
 * team is three consecutive entries: psychiatrist, nurse, social worker. */
static GPtrArray *
ensure_demo_staff (KesStore  *store,
                   guint      n_teams,
                   GError   **error)
{
  static const struct { const char *username, *name, *role, *team; } people[] = {
    { "demo.okafor", "Dr Ngozi Okafor", "Consultant forensic psychiatrist", "North" },
    { "demo.hughes", "Rhian Hughes", "Community psychiatric nurse", "North" },
    { "demo.patel", "Sunil Patel", "Social worker (social supervisor)", "North" },
    { "demo.clarke", "Dr Helen Clarke", "Consultant forensic psychiatrist", "South" },
    { "demo.brennan", "Siobhan Brennan", "Community psychiatric nurse", "South" },
    { "demo.mensah", "Kofi Mensah", "Social worker (social supervisor)", "South" },
  };
  static const char * const roles[] = {
    "Consultant forensic psychiatrist", "Community psychiatric nurse", "Social worker (social supervisor)",
  };
  static const char * const role_names[] = { "psychiatrist", "nurse", "socialworker" };
  g_autoptr(GPtrArray) staff = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      KesStaff *member = ensure_staff_member (store, people[i].username, people[i].name, people[i].role,
                                              people[i].team, error);
      if (member == NULL)
        return NULL;
      g_ptr_array_add (staff, member);
    }
  for (guint t = 3; t <= n_teams; t++)
    for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
      {
        g_autofree char *team = g_strdup_printf ("Demo team %u", t);
        g_autofree char *username = g_strdup_printf ("demo.team%u.%s", t, role_names[r]);
        g_autofree char *name = g_strdup_printf ("Demo %s, team %u", role_names[r], t);
        KesStaff *member = ensure_staff_member (store, username, name, roles[r], team, error);

        if (member == NULL)
          return NULL;
        g_ptr_array_add (staff, member);
      }
  return g_steal_pointer (&staff);
}

/* Each demo team in the service directory with its own numbers, so the
 * crisis plan names the team's crisis line (an entry already there, from
 * an earlier demo run or a person, is kept). */
static gboolean
ensure_team_services (KesStore   *store,
                      GPtrArray  *staff,
                      GError    **error)
{
  g_autoptr(GPtrArray) services = kes_store_list_services (store, NULL, error);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (services == NULL)
    return FALSE;
  for (guint i = 0; i < services->len; i++)
    g_hash_table_add (listed, g_strdup (kes_field_record_get_text (services->pdata[i], "team_id")));
  for (guint i = 0; i < staff->len; i++)
    {
      const char *team_id = kes_staff_get_team_id (staff->pdata[i]);
      g_autoptr(KesTeam) team = team_id != NULL ? kes_store_find_team (store, team_id) : NULL;
      g_autoptr(KesFieldRecord) service = NULL;
      g_autofree char *name = NULL;

      if (team == NULL || g_hash_table_contains (listed, team_id))
        continue;
      name = g_strdup_printf ("%s forensic community team (demo)", kes_team_get_name (team));
      service = kes_service_new ();
      kes_field_record_set_text (service, "name", name);
      kes_field_record_set_text (service, "kind", "team");
      kes_field_record_set_text (service, "area", "Norfolk");
      kes_field_record_set_text (service, "team_id", team_id);
      kes_field_record_set_text (service, "office_hours", "Monday to Friday 9:00–17:00");
      kes_field_record_set_text (service, "general_phone", "01603 000 100");
      kes_field_record_set_text (service, "urgent_phone", "01603 000 101");
      kes_field_record_set_text (service, "crisis_phone", "0800 000 0101");
      kes_field_record_set_text (service, "notes", "Demo numbers: not real.");
      if (!kes_store_save_service (store, service, error))
        return FALSE;
      g_hash_table_add (listed, g_strdup (team_id));
    }
  return TRUE;
}

/* What the second thread needs to make a patient: read only once it runs,
 * but for the two random sequences and the NHS number stem it advances. */
typedef struct
{
  GRand                *rand;          /* the patients */
  GRand                *clinical_rand; /* their contacts and notes */
  GPtrArray            *staff;
  guint                 nhs_stem;
  GDateTime            *now;
  GDate                *today;
  const KesDemoOptions *options;
  guint32               seed;
  KesAuditTail          tail;     /* the audit chain as the records are sealed */
  const char           *actor_id;
  KesStaff             *author;    /* demo.clinician: care coordinator of a few of their team */
  KesCatchment         *catchment; /* the areas, for the referrals' eligibility */
} Maker;

/* One patient and everything recorded about them, ready to write (runs on
 * the feed's thread: see kes-demo-feed.c). */
static GPtrArray *
make_patient (guint     index,
              gpointer  data,
              GError  **error)
{
  Maker *maker = data;
  GRand *rand = maker->rand;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_bulk_record_free);
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autofree char *nhs = next_test_nhs_number (&maker->nhs_stem);
  g_autofree char *birth = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1958, 2004),
                                            g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
  g_autofree char *address = g_strdup_printf ("%d %s Road\n%s", g_rand_int_range (rand, 1, 200),
                                              PICK (rand, family_names), PICK (rand, towns));
  /* A team, then its coordinator (any of the three), psychiatrist and social worker. */
  guint team = g_rand_int_range (rand, 0, maker->staff->len / 3);
  KesStaff *coordinator = g_ptr_array_index (maker->staff, team * 3 + g_rand_int_range (rand, 0, 3));
  KesStaff *clinician = g_ptr_array_index (maker->staff, team * 3);
  KesStaff *supervisor = g_ptr_array_index (maker->staff, team * 3 + 2);
  /* The demo clinician coordinates one in four of their own team, so that
   * signing in as them opens on a caseload of their own. */
  gboolean own = g_strcmp0 (kes_staff_get_team_id (coordinator), kes_staff_get_team_id (maker->author)) == 0 &&
                 index % 4 == 1;
  const char *legal = PICK (rand, legal_statuses);
  const char *mappa_level = NULL;
  const char *diagnosis[] = { PICK (rand, diagnoses), NULL };
  KesCodeList *ethnicities = kes_code_list_get (KES_CODES_ETHNIC_CATEGORY);
  g_autofree char *at = NULL;
  KesBulkRecord *ready;
  const char *id;

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, PICK (rand, family_names));
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, PICK (rand, given_names));
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, birth);
  kes_patient_set_text (patient, KES_PATIENT_NHS_NUMBER, nhs);
  kes_patient_set_text (patient, KES_PATIENT_GENDER, g_rand_int_range (rand, 0, 10) < 8 ? "1" : "2");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY,
                        kes_code_list_get_code (ethnicities,
                                                g_rand_int_range (rand, 0, 10) < 6
                                                  ? 0 : g_rand_int_range (rand, 0, kes_code_list_get_n_codes (ethnicities))));
  kes_patient_set_text (patient, KES_PATIENT_ADDRESS, address);
  kes_patient_set_text (patient, KES_PATIENT_POSTCODE, PICK (rand, postcodes));
  kes_patient_set_text (patient, KES_PATIENT_GP_PRACTICE, "Riverside Medical Practice (demo)");
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, kes_staff_get_team_id (coordinator));
  kes_patient_set_text (patient, KES_PATIENT_COORDINATOR_ID, kes_staff_get_id (own ? maker->author : coordinator));
  kes_patient_set_text (patient, KES_PATIENT_CLINICIAN_ID, kes_staff_get_id (clinician));
  kes_patient_set_text (patient, KES_PATIENT_SUPERVISOR_ID, kes_staff_get_id (supervisor));
  kes_patient_set_list (patient, KES_PATIENT_DIAGNOSES, diagnosis);
  if (g_rand_int_range (rand, 0, 4) == 0)
    {
      const char *alerts[] = { "Victim exclusion zone: do not arrange contact in the NR2 area", NULL };
      mappa_level = g_rand_boolean (rand) ? "1" : "2";
      kes_patient_set_list (patient, KES_PATIENT_ALERTS, alerts);
    }

  ready = kes_bulk_record_patient (patient, maker->today, error);
  if (ready == NULL)
    return NULL;
  g_ptr_array_add (records, ready);
  id = kes_patient_get_id (patient);
  kes_demo_add_clinical (records, maker->clinical_rand, maker->now, id, maker->options->contacts_per_patient,
                         maker->options->notes_per_patient);
  if (!kes_demo_add_moj (records, patient, legal, mappa_level, supervisor, clinician, index, error))
    return NULL;
  if (!kes_demo_add_community (records, maker->seed * 7919u + index, id, error))
    return NULL;
  /* A conditionally discharged patient's referral ends on that discharge. */
  /* A few referrals are always still open, so that even a small demo's
   * Referrals area has some in hand. */
  if (!kes_demo_add_referrals (records, maker->catchment, maker->seed * 104729u + index, index % 8 == 5 && index < 40,
                               patient, legal, clinician, coordinator,
                               g_str_equal (legal, "09") ? kes_demo_moj_discharged_days_ago (index) : -1, error))
    return NULL;
  /* The audit entries hashed here too, off the writer's thread. */
  at = kes_clock_now_iso ();
  kes_bulk_records_seal (records, &maker->tail, maker->actor_id, at);
  return g_steal_pointer (&records);
}

static gboolean
write_patients (KesStore              *store,
                Maker                 *maker,
                KesDemoProgress        progress,
                gpointer               user_data,
                GError               **error)
{
  const KesDemoOptions *options = maker->options;
  KesDemoFeed *feed = kes_demo_feed_start (options->patients, make_patient, maker);
  gboolean ok = kes_store_batch_begin (store, error);

  for (guint i = 0; ok && i < options->patients; i++)
    {
      GPtrArray *records = kes_demo_feed_next (feed, error);

      ok = records != NULL;
      for (guint r = 0; ok && r < records->len; r++)
        ok = kes_store_bulk_write (store, records->pdata[r], error);
      if (records != NULL)
        kes_demo_feed_release (feed, records);
      if (!ok)
        kes_store_batch_rollback (store);
      /* Committed in batches so the write-ahead log is checkpointed as it
       * goes rather than growing to the size of the whole generation; a
       * failure keeps the batches already committed. */
      else if ((i + 1) % DEMO_BATCH_PATIENTS == 0 && i + 1 < options->patients)
        ok = kes_store_batch_commit (store, error) && kes_store_batch_begin (store, error);
      if (ok && progress != NULL && ((i + 1) % 500 == 0 || i + 1 == options->patients))
        progress (i + 1, options->patients, user_data);
    }
  kes_demo_feed_stop (feed);
  return ok && kes_store_batch_commit (store, error);
}

static gboolean
generate (KesStore             *store,
          const KesDemoOptions *options,
          KesDemoProgress       progress,
          gpointer              user_data,
          GError              **error)
{
  guint32 seed = options->seed != 0 ? options->seed : 1984;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GRand) clinical_rand = g_rand_new_with_seed (seed * 65537u);
  g_autoptr(GDateTime) now = kes_clock_now_utc ();
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(KesStaff) author = NULL;
  g_autoptr(KesCatchment) catchment = NULL;
  Maker maker = { rand, clinical_rand, NULL, 1, now, today, options, seed, { 0 }, NULL, NULL, NULL };
  gboolean ok;

  /* Accounts and staff first, in a transaction of their own: the patients
   * refer to them. No one is signed in: this is the demo's own system
   * operation, allowed only on a new file. */
  kes_store_set_system_operation (store, KES_SYSTEM_DEMO);
  if (!kes_store_batch_begin (store, error))
    goto fail;
  author = create_demo_accounts (store, error);
  staff = author != NULL
    ? ensure_demo_staff (store, MAX (2, (options->patients + DEMO_PATIENTS_PER_TEAM - 1) / DEMO_PATIENTS_PER_TEAM), error)
    : NULL;
  if (staff == NULL || !ensure_team_services (store, staff, error) || !kes_demo_add_liaison_services (store, error))
    {
      kes_store_batch_rollback (store);
      goto fail;
    }
  maker.staff = staff;
  maker.actor_id = kes_staff_get_id (author);
  maker.author = author;
  if (!kes_store_batch_commit (store, error))
    goto fail;
  kes_store_set_system_operation (store, KES_SYSTEM_NONE);

  /* The records are written as the demo clinician, their author. */
  kes_store_set_actor (store, author);
  maker.catchment = catchment = kes_store_get_catchment (store, error);
  ok = catchment != NULL && kes_store_audit_read_tail (store, &maker.tail, error) &&
       write_patients (store, &maker, progress, user_data, error) &&
       kes_demo_add_carers (store, author, error) &&
       kes_demo_add_risk (store, author, demo_accounts[0].password, error) &&
       kes_demo_add_liaison (store, error) &&
       kes_demo_signpost_referrals (store, error);
  kes_store_set_actor (store, NULL);
  return ok;

fail:
  kes_store_set_system_operation (store, KES_SYSTEM_NONE);
  return FALSE;
}

gboolean
kes_demo_generate (KesStore             *store,
                   const KesDemoOptions *options,
                   KesDemoProgress       progress,
                   gpointer              user_data,
                   GError              **error)
{
  gboolean ok;

  g_return_val_if_fail (KES_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  /* Fictional data never goes into a database people use. */
  if (kes_store_get_actor (store) != NULL || !kes_store_is_empty (store))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The demo only fills a new, empty database: give it a file that does "
                             "not exist yet, for example --database demo.db"));
      return FALSE;
    }
  ok = kes_store_bulk_relax (store, TRUE, error) && generate (store, options, progress, user_data, error);
  /* Restored after a failure too, keeping the first error. */
  ok = kes_store_bulk_restore (store, ok ? error : NULL) && ok;
  return ok;
}
