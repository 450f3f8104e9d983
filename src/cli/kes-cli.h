/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* What every command gets: the open store with its signed-in user, and its
 * own arguments (argv[0] is the command's name). @password_fd is the
 * --password-fd given (-1 for none): the signed-in user's password was
 * read from it, or, for a command without sign-in, nothing yet.
 * @password is the password the user signed in with (NULL for a command
 * without sign-in), for a command that must check it again. */
typedef struct
{
  KesStore   *store;
  int         argc;
  char      **argv;
  int         password_fd;
  const char *password;
} KesCliContext;

/* Returns the process exit status; prints its own errors. */
typedef int (*KesCliCommandFunc) (KesCliContext *context);

typedef struct
{
  const char        *name;        /* "patient add" */
  const char        *summary;
  KesCliCommandFunc  run;
  /* Runs without signing in, on a database it may create: only the
   * commands that set up a new one (core refuses them anywhere else). */
  gboolean           without_sign_in;
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

/* A password or passphrase: one line read from the file descriptor @fd
 * when it is not -1, else the environment variable @variable if set, else
 * asked on the terminal without echo. */
char    *kes_cli_read_secret   (int            fd,
                                const char    *variable,
                                const char    *prompt,
                                GError       **error);
/* A new password: from @fd or @variable as above, else typed twice on the
 * terminal (refused when the two differ). */
char    *kes_cli_read_new_secret (int          fd,
                                  const char  *variable,
                                  const char  *prompt,
                                  GError     **error);

/* Command tables, one per file. */
extern const KesCliCommand kes_cli_patient_commands[];
extern const KesCliCommand kes_cli_admin_commands[];
extern const KesCliCommand kes_cli_export_commands[];
extern const KesCliCommand kes_cli_access_commands[];
extern const KesCliCommand kes_cli_account_commands[];
extern const KesCliCommand kes_cli_services_commands[];
extern const KesCliCommand kes_cli_catchment_commands[];
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
int kes_cli_backup       (KesCliContext *context);
int kes_cli_restore      (KesCliContext *context);

G_END_DECLS
