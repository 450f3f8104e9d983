/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-cli-services"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-cli.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-services.h"

/* kestrel-cli services …: the service directory (teams, bases, crisis
 * numbers by area), as an administrator edits it without the app. */

static int services_list     (KesCliContext *context);
static int services_show     (KesCliContext *context);
static int services_add      (KesCliContext *context);
static int services_edit     (KesCliContext *context);
static int services_withdraw (KesCliContext *context);

const KesCliCommand kes_cli_services_commands[] = {
  { "services list", N_("List the service directory (optionally for one area)"), services_list },
  { "services show", N_("Show one entry of the service directory, with its revision"), services_show },
  { "services add", N_("Add a team, base or crisis line to the service directory"), services_add },
  { "services edit", N_("Change an entry of the service directory"), services_edit },
  { "services withdraw", N_("Take an entry out of the service directory"), services_withdraw },
  { NULL, NULL, NULL },
};

/* Option values in field order; NULL when the option wasn't given. */
static const char *const option_fields[] = {
  "name", "kind", "area", "address", "office_hours", "general_phone", "urgent_phone",
  "crisis_phone", "email", "notes",
};
#define N_OPTION_FIELDS G_N_ELEMENTS (option_fields)

static void
fill_entries (GOptionEntry *entries,
              char        **values)
{
  static const char *const long_names[N_OPTION_FIELDS] = {
    "name", "kind", "area", "address", "hours", "general", "urgent", "crisis", "email", "notes",
  };
  static const char *const descriptions[N_OPTION_FIELDS] = {
    N_("Name of the team or service"),
    N_("team, base, crisis, helpline, emergency or other"),
    N_("Area it serves (empty for every area)"),
    N_("Address"),
    N_("Office hours, e.g. “Monday to Friday 9:00–17:00”"),
    N_("General phone number"),
    N_("Urgent phone number (office hours)"),
    N_("Out-of-hours crisis number"),
    N_("Email address"),
    N_("Notes"),
  };

  for (guint i = 0; i < N_OPTION_FIELDS; i++)
    entries[i] = (GOptionEntry) { long_names[i], 0, 0, G_OPTION_ARG_STRING, &values[i],
                                  descriptions[i], "TEXT" };
  entries[N_OPTION_FIELDS] = (GOptionEntry) { NULL };
}

/* --revision N: the revision the change starts from (see services show). */
static GOptionEntry
revision_entry (gint64 *revision)
{
  return (GOptionEntry) { "revision", 0, 0, G_OPTION_ARG_INT64, revision,
                          N_("The revision you read (services show); refused if the entry has "
                             "changed since. Default: the revision stored now"), "N" };
}

/* The entry as stored, at the revision the change starts from: @revision
 * when given (the one the user read), else the stored one. */
static KesFieldRecord *
load_at_revision (KesCliContext  *context,
                  const char     *id,
                  gint64          revision,
                  GError        **error)
{
  g_autoptr(KesFieldRecord) service = kes_store_load_service (context->store, id, error);

  if (service == NULL)
    return NULL;
  if (revision < 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("--revision must be 1 or more"));
      return NULL;
    }
  if (revision > 0)
    kes_field_record_set_identity (service, id, revision, kes_field_record_get_state (service));
  return g_steal_pointer (&service);
}

static void
free_values (char **values)
{
  for (guint i = 0; i < N_OPTION_FIELDS; i++)
    g_free (values[i]);
}

static void
print_service (KesFieldRecord *service)
{
  const char *area = kes_field_record_get_text (service, "area");

  g_print ("%s\t%s\t%s\t%s", kes_field_record_get_id (service),
           kes_field_record_get_text (service, "kind"),
           *area != '\0' ? area : _("every area"), kes_field_record_get_text (service, "name"));
  if (*kes_field_record_get_text (service, "general_phone") != '\0')
    g_print ("\t%s %s", _("general"), kes_field_record_get_text (service, "general_phone"));
  if (*kes_field_record_get_text (service, "urgent_phone") != '\0')
    g_print ("\t%s %s", _("urgent"), kes_field_record_get_text (service, "urgent_phone"));
  if (*kes_field_record_get_text (service, "crisis_phone") != '\0')
    g_print ("\t%s %s", _("out of hours"), kes_field_record_get_text (service, "crisis_phone"));
  if (*kes_field_record_get_text (service, "office_hours") != '\0')
    g_print ("\t%s", kes_field_record_get_text (service, "office_hours"));
  g_print ("\n");
}

static int
services_list (KesCliContext *context)
{
  g_autofree char *area = NULL;
  GOptionEntry entries[] = {
    { "area", 0, 0, G_OPTION_ARG_STRING, &area, N_("Only services for this area (and every area)"), "AREA" },
    { NULL }
  };
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GError) error = NULL;

  if (!kes_cli_parse_options (context, entries, NULL,
                              _("One line per service: id, kind, area, name, numbers and hours.")))
    return KES_CLI_USAGE;
  services = kes_store_list_services (context->store, area, &error);
  if (services == NULL)
    return kes_cli_fail (error);
  for (guint i = 0; i < services->len; i++)
    print_service (services->pdata[i]);
  return KES_CLI_OK;
}

static int
services_show (KesCliContext *context)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(KesFieldRecord) service = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  const char *who;

  if (!kes_cli_parse_options (context, entries, _("ID"),
                              _("One field a line; the revision is what services edit --revision "
                                "takes.")))
    return KES_CLI_USAGE;
  if (context->argc != 2)
    {
      kes_cli_print_error (_("services show needs the id of one entry (see services list)"));
      return KES_CLI_USAGE;
    }
  service = kes_store_load_service (context->store, context->argv[1], &error);
  if (service == NULL)
    return kes_cli_fail (error);
  g_print ("id\t%s\n", kes_field_record_get_id (service));
  g_print ("revision\t%" G_GINT64_FORMAT "\n", kes_field_record_get_revision (service));
  when = kes_time_to_display (kes_field_record_get_updated_at (service));
  who = kes_field_record_get_author_name (service);
  g_print ("changed\t%s%s%s\n", when != NULL ? when : "", *who != '\0' ? " · " : "", who);
  if (kes_field_record_get_state (service) != KES_RECORD_ACTIVE)
    g_print ("withdrawn\tyes\n");
  for (guint i = 0; i < N_OPTION_FIELDS; i++)
    g_print ("%s\t%s\n", option_fields[i], kes_field_record_get_text (service, option_fields[i]));
  return KES_CLI_OK;
}

static int
save_with_options (KesCliContext  *context,
                   KesFieldRecord *service,
                   char          **values)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_OPTION_FIELDS; i++)
    if (values[i] != NULL)
      kes_field_record_set_text (service, option_fields[i], values[i]);
  if (!kes_store_save_service (context->store, service, &error))
    return kes_cli_fail (error);
  g_print ("%s\n", kes_field_record_get_id (service));
  return KES_CLI_OK;
}

static int
services_add (KesCliContext *context)
{
  char *values[N_OPTION_FIELDS] = { NULL };
  GOptionEntry entries[N_OPTION_FIELDS + 1];
  g_autoptr(KesFieldRecord) service = kes_service_new ();
  int status;

  fill_entries (entries, values);
  if (!kes_cli_parse_options (context, entries, NULL,
                              _("Prints the new entry’s id. Needs at least one phone number.")))
    status = KES_CLI_USAGE;
  else if (context->argc > 1)
    {
      kes_cli_print_error (_("services add takes only options"));
      status = KES_CLI_USAGE;
    }
  else
    status = save_with_options (context, service, values);
  free_values (values);
  return status;
}

static int
services_edit (KesCliContext *context)
{
  char *values[N_OPTION_FIELDS] = { NULL };
  GOptionEntry entries[N_OPTION_FIELDS + 2];
  g_autoptr(KesFieldRecord) service = NULL;
  g_autoptr(GError) error = NULL;
  gint64 revision = 0;
  int status;

  fill_entries (entries, values);
  entries[N_OPTION_FIELDS] = revision_entry (&revision);
  entries[N_OPTION_FIELDS + 1] = (GOptionEntry) { NULL };
  if (!kes_cli_parse_options (context, entries, _("ID"),
                              _("Changes only the fields given; an empty value clears a field. "
                                "Refused if someone changed the entry after the revision it "
                                "starts from.")))
    status = KES_CLI_USAGE;
  else if (context->argc != 2)
    {
      kes_cli_print_error (_("services edit needs the id of one entry (see services list)"));
      status = KES_CLI_USAGE;
    }
  else if ((service = load_at_revision (context, context->argv[1], revision, &error)) == NULL)
    status = kes_cli_fail (error);
  else
    status = save_with_options (context, service, values);
  free_values (values);
  return status;
}

static int
services_withdraw (KesCliContext *context)
{
  gint64 revision = 0;
  GOptionEntry entries[] = { revision_entry (&revision), { NULL } };
  g_autoptr(KesFieldRecord) service = NULL;
  g_autoptr(GError) error = NULL;

  if (!kes_cli_parse_options (context, entries, _("ID"),
                              _("The entry stops appearing in lists, crisis plans and letters.")))
    return KES_CLI_USAGE;
  if (context->argc != 2)
    {
      kes_cli_print_error (_("services withdraw needs the id of one entry (see services list)"));
      return KES_CLI_USAGE;
    }
  if ((service = load_at_revision (context, context->argv[1], revision, &error)) == NULL ||
      !kes_store_withdraw_service (context->store, context->argv[1],
                                   kes_field_record_get_revision (service), &error))
    return kes_cli_fail (error);
  return KES_CLI_OK;
}
