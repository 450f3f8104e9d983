/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-clock"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-validate.h"

static GDateTime *fixed_now;

void
kes_clock_set_fixed (GDateTime *now)
{
  g_clear_pointer (&fixed_now, g_date_time_unref);
  if (now != NULL)
    fixed_now = g_date_time_to_utc (now);
}

GDateTime *
kes_clock_now_utc (void)
{
  const char *env;

  if (fixed_now != NULL)
    return g_date_time_ref (fixed_now);

  env = g_getenv ("KESTREL_NOW");
  if (env != NULL && *env != '\0')
    {
      GDateTime *parsed = kes_time_from_iso (env);
      if (parsed != NULL)
        return parsed;
      g_warning ("KESTREL_NOW is not an ISO 8601 time; using the real clock");
    }

  return g_date_time_new_now_utc ();
}

char *
kes_clock_now_iso (void)
{
  g_autoptr(GDateTime) now = kes_clock_now_utc ();
  return kes_time_to_iso (now);
}

GDate *
kes_clock_today (void)
{
  g_autoptr(GDateTime) now = kes_clock_now_utc ();
  g_autoptr(GDateTime) local = g_date_time_to_local (now);

  return g_date_new_dmy (g_date_time_get_day_of_month (local),
                         g_date_time_get_month (local),
                         g_date_time_get_year (local));
}

char *
kes_time_to_iso (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);
  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

GDateTime *
kes_time_from_iso (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;
  GDateTime *parsed;

  if (text == NULL || *text == '\0')
    return NULL;
  utc = g_time_zone_new_utc ();
  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL)
    return NULL;
  return parsed;
}

static const char *
month_abbreviation (int month)
{
  /* en-GB short months; translators keep three letters. */
  static const char *months[] = {
    N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
    N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
  };
  g_return_val_if_fail (month >= 1 && month <= 12, "");
  return _(months[month - 1]);
}

char *
kes_date_to_display (const char *iso_date)
{
  g_autoptr(GDate) date = kes_date_from_iso (iso_date);

  if (date == NULL)
    return g_strdup (iso_date != NULL ? iso_date : "");
  return g_strdup_printf ("%d %s %d",
                          g_date_get_day (date),
                          month_abbreviation (g_date_get_month (date)),
                          g_date_get_year (date));
}

char *
kes_time_to_display (const char *iso_time)
{
  g_autoptr(GDateTime) utc = kes_time_from_iso (iso_time);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso_time != NULL ? iso_time : "");
  local = g_date_time_to_local (utc);
  return g_strdup_printf ("%d %s %d %02d:%02d",
                          g_date_time_get_day_of_month (local),
                          month_abbreviation (g_date_time_get_month (local)),
                          g_date_time_get_year (local),
                          g_date_time_get_hour (local),
                          g_date_time_get_minute (local));
}
