/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-cli-catchment"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-catchment.h"
#include "kes-cli.h"
#include "kes-error.h"

/* kestrel-cli catchment …: the areas the team takes referrals from, as an
 * administrator edits them in the app (Administration → Catchment Areas).
 * Areas are named by their code, which referrals keep. */

static int catchment_list    (KesCliContext *context);
static int catchment_add     (KesCliContext *context);
static int catchment_edit    (KesCliContext *context);
static int catchment_retire  (KesCliContext *context);
static int catchment_restore (KesCliContext *context);

const KesCliCommand kes_cli_catchment_commands[] = {
  { "catchment list", N_("List the catchment areas: code, how each stands, name"), catchment_list },
  { "catchment add", N_("Add a catchment area"), catchment_add },
  { "catchment edit", N_("Rename a catchment area or change how it stands in the catchment"), catchment_edit },
  { "catchment retire", N_("Stop new referrals naming a catchment area"), catchment_retire },
  { "catchment restore", N_("Let new referrals name a retired catchment area again"), catchment_restore },
  { NULL, NULL, NULL },
};

#define MEMBERSHIP_HELP N_("own (the team’s own area), external (takes external referrals from it) or outside")

static int
catchment_list (KesCliContext *context)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GError) error = NULL;

  if (!kes_cli_parse_options (context, entries, NULL,
                              _("One line per area: code, membership, retired or in use, name.")))
    return KES_CLI_USAGE;
  areas = kes_store_list_catchment_areas (context->store, TRUE, &error);
  if (areas == NULL)
    return kes_cli_fail (error);
  for (guint i = 0; i < areas->len; i++)
    g_print ("%s\t%s\t%s\t%s\n", kes_field_record_get_text (areas->pdata[i], "code"),
             kes_field_record_get_text (areas->pdata[i], "membership"),
             kes_field_record_get_bool (areas->pdata[i], "retired") ? "retired" : "in-use",
             kes_field_record_get_text (areas->pdata[i], "name"));
  return KES_CLI_OK;
}

/* The area whose code is @code, as stored now. */
static KesFieldRecord *
find_area (KesCliContext  *context,
           const char     *code,
           GError        **error)
{
  g_autoptr(GPtrArray) areas = kes_store_list_catchment_areas (context->store, TRUE, error);

  if (areas == NULL)
    return NULL;
  for (guint i = 0; i < areas->len; i++)
    if (g_str_equal (kes_field_record_get_text (areas->pdata[i], "code"), code))
      return g_object_ref (areas->pdata[i]);
  g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No catchment area has the code %s (see catchment list)"),
               code);
  return NULL;
}

static int
save (KesCliContext  *context,
      KesFieldRecord *area)
{
  g_autoptr(GError) error = NULL;

  if (!kes_store_save_catchment_area (context->store, area, &error))
    return kes_cli_fail (error);
  g_print ("%s\n", kes_field_record_get_text (area, "code"));
  return KES_CLI_OK;
}

static int
catchment_add (KesCliContext *context)
{
  g_autofree char *name = NULL;
  g_autofree char *membership = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the area, as people call it"), "TEXT" },
    { "membership", 0, 0, G_OPTION_ARG_STRING, &membership, MEMBERSHIP_HELP, "WHICH" },
    { NULL }
  };
  g_autoptr(KesFieldRecord) area = kes_catchment_area_new ();

  if (!kes_cli_parse_options (context, entries, NULL, _("Prints the new area’s code, made from its name.")))
    return KES_CLI_USAGE;
  if (context->argc > 1)
    {
      kes_cli_print_error (_("catchment add takes only options"));
      return KES_CLI_USAGE;
    }
  kes_field_record_set_text (area, "name", name);
  kes_field_record_set_text (area, "membership", membership != NULL ? membership : "own");
  return save (context, area);
}

/* The area a command names by its one argument, or NULL having said why. */
static KesFieldRecord *
named_area (KesCliContext *context,
            const char    *command,
            int           *status)
{
  g_autoptr(GError) error = NULL;
  KesFieldRecord *area;

  if (context->argc != 2)
    {
      g_autofree char *message = g_strdup_printf (_("%s needs the code of one area (see catchment list)"), command);

      kes_cli_print_error (message);
      *status = KES_CLI_USAGE;
      return NULL;
    }
  area = find_area (context, context->argv[1], &error);
  if (area == NULL)
    *status = kes_cli_fail (error);
  return area;
}

static int
catchment_edit (KesCliContext *context)
{
  g_autofree char *name = NULL;
  g_autofree char *membership = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("New name (referrals keep the code)"), "TEXT" },
    { "membership", 0, 0, G_OPTION_ARG_STRING, &membership, MEMBERSHIP_HELP, "WHICH" },
    { NULL }
  };
  g_autoptr(KesFieldRecord) area = NULL;
  int status = KES_CLI_OK;

  if (!kes_cli_parse_options (context, entries, _("CODE"), _("Changes only what is given.")))
    return KES_CLI_USAGE;
  if ((area = named_area (context, "catchment edit", &status)) == NULL)
    return status;
  if (name != NULL)
    kes_field_record_set_text (area, "name", name);
  if (membership != NULL)
    kes_field_record_set_text (area, "membership", membership);
  return save (context, area);
}

static int
set_retired (KesCliContext *context,
             const char    *command,
             gboolean       retired)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(KesFieldRecord) area = NULL;
  int status = KES_CLI_OK;

  if (!kes_cli_parse_options (context, entries, _("CODE"),
                              retired ? _("Referrals already made keep the area; new ones can’t name it.")
                                      : _("New referrals can name the area again.")))
    return KES_CLI_USAGE;
  if ((area = named_area (context, command, &status)) == NULL)
    return status;
  kes_field_record_set_bool (area, "retired", retired);
  return save (context, area);
}

static int
catchment_retire (KesCliContext *context)
{
  return set_retired (context, "catchment retire", TRUE);
}

static int
catchment_restore (KesCliContext *context)
{
  return set_retired (context, "catchment restore", FALSE);
}
