/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* What every command gets: the open store with its acting user, and its own
 * arguments (argv[0] is the command's name). */
typedef struct
{
  KesStore *store;
  int       argc;
  char    **argv;
} KesCliContext;

/* Returns the process exit status; prints its own errors. */
typedef int (*KesCliCommandFunc) (KesCliContext *context);

typedef struct
{
  const char        *name;        /* "patient add" */
  const char        *summary;
  KesCliCommandFunc  run;
  /* The command checks the whole file itself (verify): opening it need
   * not read every page first as well. */
  gboolean           checks_file;
} KesCliCommand;

/* Exit statuses. */
enum
{
  KES_CLI_OK = 0,
  KES_CLI_FAILED = 1,
  KES_CLI_USAGE = 2,
  KES_CLI_UNVERIFIED = 3, /* verify: sealed with an installation key not on this computer */
};

/* Prints "kestrel-cli: MESSAGE" on one line (newlines become "; "). */
void     kes_cli_print_error   (const char    *message);
int      kes_cli_fail          (GError        *error);
/* Parses the command's options; prints usage problems and returns FALSE. */
gboolean kes_cli_parse_options (KesCliContext *context,
                                GOptionEntry  *entries,
                                const char    *parameter_string,
                                const char    *summary);

/* A password or passphrase: the environment variable @variable if set,
 * else asked on the terminal without echo. */
char    *kes_cli_read_secret   (const char    *variable,
                                const char    *prompt,
                                GError       **error);

/* Command tables, one per file. */
extern const KesCliCommand kes_cli_patient_commands[];
extern const KesCliCommand kes_cli_admin_commands[];
extern const KesCliCommand kes_cli_export_commands[];
extern const KesCliCommand kes_cli_access_commands[];
extern const KesCliCommand kes_cli_services_commands[];
extern const KesCliCommand kes_cli_referral_commands[];
extern const KesCliCommand kes_cli_equality_commands[];
extern const KesCliCommand kes_cli_rules_commands[];

int kes_cli_patient_add  (KesCliContext *context);
int kes_cli_patient_list (KesCliContext *context);
int kes_cli_patient_show (KesCliContext *context);
int kes_cli_verify       (KesCliContext *context);
int kes_cli_demo         (KesCliContext *context);
int kes_cli_guards_restore (KesCliContext *context);
int kes_cli_export       (KesCliContext *context);
int kes_cli_import       (KesCliContext *context);
int kes_cli_audit        (KesCliContext *context);
int kes_cli_account_password (KesCliContext *context);
int kes_cli_account_roles    (KesCliContext *context);
int kes_cli_account_disable  (KesCliContext *context);
int kes_cli_backup       (KesCliContext *context);
int kes_cli_restore      (KesCliContext *context);
/* Adds one demo account per role and prints their names and passwords. */
gboolean kes_cli_demo_accounts (KesStore *store,
                                GError  **error);

G_END_DECLS
