/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-demo-liaison"

#include "config.h"

#include "kes-clock.h"
#include "kes-demo-private.h"
#include "kes-liaison.h"
#include "kes-services.h"
#include "kes-validate.h"

/* Demo liaison and diversion work: the local services a liaison and
 * diversion team refers on to (a crisis resolution and home treatment
 * team, a community mental health team, substance misuse, housing and
 * learning disability services) in the directory, and screenings at police
 * custody and the courts over the last weeks, some diverted with a referral
 * onward, so the area and its activity report are not empty. Fictional,
 * marked "(demo)". */

typedef struct
{
  const char *name;
  const char *kind;
  const char *hours;
  const char *phone;
  const char *crisis;
} DemoService;

static const DemoService demo_services[] = {
  { "Norfolk crisis resolution and home treatment team (demo)", "crht", "24 hours", "01603 000 210",
    "0800 000 0210" },
  { "Norwich community mental health team (demo)", "community-team", "Monday to Friday 9:00–17:00",
    "01603 000 220", NULL },
  { "Norfolk community drug and alcohol service (demo)", "substance-misuse", "Monday to Friday 9:00–17:00",
    "01603 000 230", NULL },
  { "Norwich housing options (demo)", "housing", "Monday to Friday 9:00–16:30", "01603 000 240", NULL },
  { "Norfolk community learning disability team (demo)", "learning-disability", "Monday to Friday 9:00–17:00",
    "01603 000 250", NULL },
};

typedef struct
{
  const char *family;
  const char *given;
  const char *gender;
  const char *ethnicity;
  const char *setting;
  const char *source;
  const char *outcome;
  const char *vulnerabilities; /* space-separated */
  int         days_ago;
  int         service;         /* index in demo_services, or -1 */
} DemoScreening;

static const DemoScreening demo_screenings[] = {
  { "Ashworth", "Callum", "1", "A", "police-custody", "police", "diversion-community", "mental-health self-harm",
    2, 1 },
  { "Okoye", "Grace", "2", "N", "magistrates-court", "court", "referral-services", "mental-health housing", 3,
    3 },
  { "Lindqvist", "Jonas", "1", "C", "police-custody", "police", "diversion-hospital", "mental-health", 5, 0 },
  { "Begum", "Shirin", "2", "K", "police-custody", "solicitor", "signposting", "trauma-domestic-abuse debt", 8,
    -1 },
  { "Doherty", "Sean", "1", "B", "crown-court", "court", "diversion-community", "substance-misuse mental-health",
    11, 2 },
  { "Kowalski", "Marta", "2", "C", "voluntary-attendance", "police", "no-further-action", "", 13, -1 },
  { "Grant", "Tyrone", "1", "M", "police-custody", "police", "referral-services",
    "learning-disability speech-language", 16, 4 },
  { "Fenwick", "Alex", "X", "Z", "youth-court", "court", "short-term-support", "adhd autism", 20, -1 },
  { "Marsh", "Dean", "1", "A", "magistrates-court", "probation", "information-court-police", "mental-health", 24,
    -1 },
  { "Adeyemi", "Tola", "2", "N", "police-custody", "health", "diversion-community", "mental-health housing", 27,
    1 },
};

static char *
days_ago_iso (int days)
{
  g_autoptr(GDate) date = kes_clock_today ();

  g_date_subtract_days (date, days);
  return kes_date_to_iso (date);
}

gboolean
kes_demo_add_liaison_services (KesStore  *store,
                               GError   **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_services); i++)
    {
      g_autoptr(KesFieldRecord) service = kes_service_new ();

      kes_field_record_set_text (service, "name", demo_services[i].name);
      kes_field_record_set_text (service, "kind", demo_services[i].kind);
      kes_field_record_set_text (service, "area", "Norfolk");
      kes_field_record_set_text (service, "office_hours", demo_services[i].hours);
      kes_field_record_set_text (service, "general_phone", demo_services[i].phone);
      kes_field_record_set_text (service, "urgent_phone", demo_services[i].phone);
      kes_field_record_set_text (service, "crisis_phone", demo_services[i].crisis);
      kes_field_record_set_text (service, "notes", "Demo numbers: not real.");
      if (!kes_store_save_service (store, service, error))
        return FALSE;
    }
  return TRUE;
}

/* The directory entry called @name, in use. */
static const char *
find_service (GPtrArray  *services,
              const char *name)
{
  for (guint i = 0; i < services->len; i++)
    if (g_str_equal (kes_field_record_get_text (services->pdata[i], "name"), name))
      return kes_field_record_get_id (services->pdata[i]);
  return NULL;
}

static gboolean
add_screening (KesStore             *store,
               GPtrArray            *services,
               const DemoScreening  *demo,
               GError              **error)
{
  g_autoptr(KesFieldRecord) screening = kes_screening_new ();
  g_autofree char *on = days_ago_iso (demo->days_ago);
  g_auto(GStrv) found = g_strsplit (demo->vulnerabilities, " ", -1);

  kes_field_record_set_text (screening, "family_name", demo->family);
  kes_field_record_set_text (screening, "given_name", demo->given);
  kes_field_record_set_text (screening, "gender", demo->gender);
  kes_field_record_set_text (screening, "ethnicity", demo->ethnicity);
  kes_field_record_set_text (screening, "screened_on", on);
  kes_field_record_set_text (screening, "setting", demo->setting);
  kes_field_record_set_text (screening, "arrived_at", "09:40");
  kes_field_record_set_text (screening, "seen_at", "10:15");
  kes_field_record_set_text (screening, "outcome_at", "11:30");
  kes_field_record_set_text (screening, "referral_source", demo->source);
  kes_field_record_set_text (screening, "presenting_needs",
                             "Low mood and poor sleep; tenancy recently lost; no contact with services (demo).");
  if (*demo->vulnerabilities != '\0')
    kes_field_record_set_list (screening, "vulnerabilities", (const char * const *) found);
  kes_field_record_set_text (screening, "outcome", demo->outcome);
  if (demo->service >= 0)
    kes_field_record_set_text (screening, "referred_to", demo_services[demo->service].name);
  if (!kes_store_save_screening (store, screening, KES_CHANGE_CREATE, NULL, error))
    return FALSE;

  if (demo->service >= 0)
    {
      g_autoptr(KesFieldRecord) onward = kes_onward_referral_new ();

      kes_field_record_set_text (onward, "screening_id", kes_field_record_get_id (screening));
      kes_field_record_set_text (onward, "service_id", find_service (services, demo_services[demo->service].name));
      kes_field_record_set_text (onward, "referred_on", on);
      kes_field_record_set_text (onward, "reason", "Assessment and follow-up after the screening (demo)");
      kes_field_record_set_text (onward, "contact_made", "Duty worker by telephone, letter sent (demo)");
      if (!kes_store_save_onward_referral (store, onward, error))
        return FALSE;
    }
  if (g_str_equal (demo->outcome, "signposting"))
    return kes_demo_signpost_screening (store, kes_field_record_get_id (screening),
                                        find_service (services, "Norwich housing options (demo)"), on, error);
  return TRUE;
}

gboolean
kes_demo_add_liaison (KesStore  *store,
                      GError   **error)
{
  g_autoptr(GPtrArray) services = kes_store_list_services (store, NULL, error);
  g_autoptr(KesStaff) practitioner = kes_store_lookup_staff (store, "demo.liaison");
  g_autoptr(KesStaff) previous = kes_store_get_actor (store) != NULL ? g_object_ref (kes_store_get_actor (store))
                                                                     : NULL;
  gboolean ok = services != NULL;

  /* Written as the demo liaison and diversion practitioner, whose work it is. */
  if (practitioner != NULL)
    kes_store_set_actor (store, practitioner);
  for (guint i = 0; ok && i < G_N_ELEMENTS (demo_screenings); i++)
    ok = add_screening (store, services, &demo_screenings[i], error);
  kes_store_set_actor (store, previous);
  return ok;
}
