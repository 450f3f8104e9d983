#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A second process is normal: the real kestrel app, signed in and adding
# notes through its own forms, beside two kestrel-cli processes adding
# patients and one taking backups, all on one database file, for a bounded
# time. Then:
#   - every write any process reported committed is in the file (a backup's
#     is its entry in the access log);
#   - no process saw SQLITE_CORRUPT, SQLITE_IOERR or a "locked"/busy error,
#     and the app never showed one to its user;
#   - the app's -wal and -shm were never unlinked while it ran (its open
#     descriptors in /proc/PID/fd are watched for "(deleted)");
#   - `kestrel-cli verify` passes.
#
# Usage: test-multi-process.py KESTREL KESTREL_CLI [SCHEMA_DIR]
# KESTREL_MP_SECONDS sets how long the processes run together (default 60).
# Needs a display and a D-Bus session (tests/run-with-display.sh gives both).
# Exits 0 on success, 1 on failure, 77 when a tool it needs is missing.

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

from kestrel_atspi import (Failure, app_environment, by_handle, button_labelled, click,
                           find, label_texts, log, new_patient_through_form, pyatspi, start_app,
                           stop_app, text_field, type_into, type_secret, wait_for)

# What a process must never say: the engine's damage, I/O and lock errors
# and the message SQLite gives a damaged file.
ALARMING = re.compile(r"locked|busy|SQLITE_(CORRUPT|IOERR|BUSY|LOCKED)|malformed|disk I/O error|"
                      r"not a database|damaged|corrupt", re.IGNORECASE)

# Saves in the app wait for other processes' transactions: allow for that
# on a loaded machine before calling a save lost.
SAVE_TIMEOUT = 60.0


class Problems:
    """What went wrong, from every thread; reported together at the end."""

    def __init__(self):
        self._lock = threading.Lock()
        self.items = []

    def add(self, message):
        with self._lock:
            self.items.append(message)
        log(f"PROBLEM: {message}")


class Cli:
    """Every kestrel-cli run of this test goes through here, so that how
    the CLI authenticates is decided in one place."""

    def __init__(self, binary, database):
        self.binary = binary
        self.database = database

    def run(self, user, password, *args, new_password=None):
        env = dict(os.environ)
        env.pop("KESTREL_PASSWORD", None)
        env.pop("KESTREL_NEW_PASSWORD", None)
        if password is not None:
            env["KESTREL_PASSWORD"] = password
        if new_password is not None:
            env["KESTREL_NEW_PASSWORD"] = new_password
        return subprocess.run([self.binary, "--database", self.database, "--user", user, *args],
                              env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)

    def must(self, user, password, *args, new_password=None):
        result = self.run(user, password, *args, new_password=new_password)
        if result.returncode != 0:
            raise Failure(f"kestrel-cli {' '.join(args)} as {user}: exit {result.returncode}: "
                          f"{result.stderr.strip()}")
        return result


# The accounts the test signs in with: user name, role, password.
ADMIN = ("mp.admin", "administrator", "slate harbour lantern")
APP_USER = ("mp.clinician", "clinician", "copper heron meadow")
WRITERS = [("mp.writer1", "clinician", "amber otter ridge"),
           ("mp.writer2", "clinician", "willow ferry summit")]
BACKUP_USER = ("mp.backup", "administrator", "granite plum orchard")


def create_accounts(cli):
    """Makes every account with its role and a password, the first being
    the administrator who makes the others."""
    admin, _, admin_password = ADMIN
    cli.must(admin, None, "account", "create-admin", admin, "--name", "MP Administrator",
             new_password=admin_password)
    for user, role, password in [APP_USER, *WRITERS, BACKUP_USER]:
        # A one-time password from the administrator, replaced by the
        # owner's own at their first sign-in.
        one_time = f"once {password}"
        cli.must(admin, admin_password, "account", "add", user, "--name", user, "--role", role,
                 new_password=one_time)
        cli.must(user, one_time, "account", "password", new_password=password)


def nhs_numbers(start):
    """Valid NHS numbers from the 999 test range, from @start on."""
    number = start
    while True:
        digits = [int(c) for c in f"{number:09d}"]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            yield f"{number:09d}{check}"
        number += 1


def watch_cli_result(problems, what, result):
    if result.returncode != 0:
        problems.add(f"{what}: exit {result.returncode}: {result.stderr.strip()}")
        return False
    if ALARMING.search(result.stderr):
        problems.add(f"{what}: said “{result.stderr.strip()}”")
    return True


def writer(cli, account, numbers, stop, problems, committed):
    """Adds patients one process at a time until told to stop; a patient
    counts as committed once kestrel-cli has exited 0. @committed gets
    (user name, NHS number) pairs."""
    user, _, password = account
    count = 0
    while not stop.is_set():
        nhs = next(numbers)
        count += 1
        result = cli.run(user, password, "patient", "add", "--family-name", f"Writer{user[-1]}",
                         "--given-name", f"Number{count}", "--birth-date", "1980-01-01",
                         "--nhs-number", nhs, "--ethnicity", "A", "--gender", "1", "--team", "North")
        if watch_cli_result(problems, f"{user} patient add {nhs}", result):
            committed.append((user, nhs))


def backer_up(cli, folder, stop, problems, made):
    user, _, password = BACKUP_USER
    while not stop.is_set():
        result = cli.run(user, password, "backup", "--folder", folder, "--keep", "3")
        if watch_cli_result(problems, "backup", result):
            made.append(result.stdout.strip())


def watch_descriptors(pid, database, stop, problems):
    """Polls the app's open files: a -wal or -shm shown "(deleted)" has been
    unlinked under it, and what it writes there is lost."""
    folder = f"/proc/{pid}/fd"
    seen = set()
    while not stop.is_set():
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return
        for name in names:
            try:
                target = os.readlink(os.path.join(folder, name))
            except OSError:
                continue
            if target.startswith(database) and target.endswith("(deleted)") and target not in seen:
                seen.add(target)
                problems.add(f"the app's {target} was unlinked while it ran")
        time.sleep(0.05)


def sign_in(app, account, problems):
    user, _, password = account
    button = wait_for("the sign-in form, ready", lambda: by_handle(app, "sign-in"), 60)
    form = button.parent  # the sign-in form; the first-run form has fields of the same names
    type_into(form, "User name", user)
    type_secret(form, "Password", password)
    click(button)
    try:
        wait_for("the caseload after signing in",
                 lambda: by_handle(app, "new-patient"), 60)
    except Failure:
        problems.add(f"signing in as {user} failed; the form said: {label_texts(form)}")
        raise


def add_notes(app, deadline, problems, committed):
    """Adds notes through the Notes tab until @deadline, and at least one.
    A note counts as committed once it is listed under its title after
    saving."""
    tab = wait_for("the Notes tab", lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_PAGE_TAB
                                                 and n.name == "Notes"))
    click(tab)
    add = wait_for("the Add Note button", lambda: by_handle(app, "add-note"))
    notes = add.parent.parent  # the notes view: its header, form and list
    number = 0
    while number == 0 or time.monotonic() < deadline:
        number += 1
        title = f"mp-app-note-{number}"
        click(wait_for("the Add Note button", lambda: by_handle(notes, "add-note")))
        type_into(notes, "Title", title)
        body = wait_for("the note's text", lambda: text_field(notes, "Note"))
        body.queryEditableText().setTextContents("Written by the app beside two CLI writers.")
        click(wait_for("the Save Note button", lambda: button_labelled(notes, "Save Note")))
        try:
            wait_for(f"“{title}” in the list of notes",
                     lambda: find(notes, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                                  and n.name == title), SAVE_TIMEOUT)
        except Failure:
            problems.add(f"the app did not save {title}; the notes view said: {label_texts(notes)}")
            return
        committed.append(title)
        unexpected = [text for text in label_texts(notes) if ALARMING.search(text)]
        if unexpected:
            problems.add(f"the app showed: {unexpected}")


def quit_app(process):
    """Quits as a user would (Ctrl+Q), so the app closes its connections."""
    subprocess.run(["xdotool", "key", "ctrl+q"], check=False)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        log("the app did not quit on Ctrl+Q; ending it")
        stop_app(process)


def check_file(cli, database, patients, notes, backups, problems):
    """After every process has finished: verify, then look for each write
    (a backup's is its entry in the access log)."""
    user, _, password = ADMIN
    result = cli.run(user, password, "verify")
    if result.returncode != 0:
        problems.add(f"verify failed: {result.stdout.strip()} {result.stderr.strip()}")
    else:
        log(result.stdout.strip())
    # Read-only, and only once nothing else has the file open.
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        held = {row[0] for row in db.execute("SELECT nhs_number FROM patient")}
        titles = {row[0] for row in db.execute("SELECT title FROM note")}
        logged = {row[0] for row in db.execute("SELECT summary FROM audit WHERE action = 'backup'")}
    except sqlite3.DatabaseError as error:
        problems.add(f"the file could not be read at the end: {error}")
        return
    finally:
        db.close()
    lost_patients = [nhs for _, nhs in patients if nhs not in held]
    lost_notes = [title for title in notes if title not in titles]
    if lost_patients:
        problems.add(f"{len(lost_patients)} patients reported added are not in the file: "
                     f"{lost_patients[:10]}")
    unlogged = [path for path in backups if os.path.basename(path) not in logged]
    if unlogged:
        problems.add(f"{len(unlogged)} backups reported made have no entry in the access log: "
                     f"{unlogged[:5]}")
    if lost_notes:
        problems.add(f"{len(lost_notes)} notes the app listed as saved are not in the file: "
                     f"{lost_notes[:10]}")


def main():
    if len(sys.argv) < 3:
        print("usage: test-multi-process.py KESTREL KESTREL_CLI [SCHEMA_DIR]", file=sys.stderr)
        return 2
    if shutil.which("xdotool") is None:
        print("SKIP: xdotool is not installed")
        return 77

    kestrel, kestrel_cli = sys.argv[1], sys.argv[2]
    seconds = float(os.environ.get("KESTREL_MP_SECONDS", "60"))
    tmpdir = tempfile.mkdtemp(prefix="kestrel-mp-")
    database = os.path.realpath(os.path.join(tmpdir, "shared.db"))
    cli = Cli(kestrel_cli, database)
    problems = Problems()
    stop = threading.Event()
    patients, notes, backups = [], [], []
    threads = []
    process = None
    app_log = open(os.path.join(tmpdir, "app.log"), "w+")

    try:
        create_accounts(cli)
        log("accounts made: an administrator, the app's clinician, two writers, a backup operator")

        # The CLI processes start first: the app opens and signs in under load.
        for index, account in enumerate(WRITERS):
            numbers = nhs_numbers(999_100_000 + index * 100_000)
            threads.append(threading.Thread(target=writer, name=account[0],
                                            args=(cli, account, numbers, stop, problems, patients)))
        threads.append(threading.Thread(target=backer_up, name="backup",
                                        args=(cli, os.path.join(tmpdir, "backups"), stop, problems,
                                              backups)))
        for thread in threads:
            thread.start()

        env = app_environment(sys.argv[3] if len(sys.argv) > 3 else None)
        process, app = start_app([kestrel, "--database", database], env,
                                 stdout=app_log, stderr=subprocess.STDOUT)
        watcher = threading.Thread(target=watch_descriptors, name="descriptors",
                                   args=(process.pid, database, stop, problems))
        watcher.start()
        threads.append(watcher)
        log("kestrel is running beside two writers and a backup loop")

        sign_in(app, APP_USER, problems)
        deadline = time.monotonic() + seconds
        new_patient_through_form(app, "Kestrelton", "Ada", "21/11/1984", "999 000 0018")
        wait_for("the new patient's record", lambda: by_handle(app, "edit-record"), SAVE_TIMEOUT)
        patients.append((APP_USER[0], "9990000018"))
        log("signed in and registered a patient through the form")

        add_notes(app, deadline, problems, notes)
        log(f"the app saved {len(notes)} notes in {seconds:.0f} s")
    except Failure as failure:
        problems.add(str(failure))
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        if process is not None:
            quit_app(process)

    try:
        # Ended by SIGTERM when Ctrl+Q did not reach it; anything else is a crash.
        if process is not None and process.returncode not in (0, None, -signal.SIGTERM):
            problems.add(f"the app exited with status {process.returncode}")
        app_log.seek(0)
        said = [line.strip() for line in app_log if ALARMING.search(line)]
        if said:
            problems.add(f"the app logged: {said[:5]}")
        log(f"{len(patients)} patients added, {len(notes)} notes saved, {len(backups)} backups")
        check_file(cli, database, patients, notes, backups, problems)
        writers_heard = {user for user, _ in patients}
        if not notes or not backups or any(user not in writers_heard for user, _, _ in WRITERS):
            problems.add("too little happened to show anything: at least one note, one backup "
                         "and a patient from each writer were expected")
    finally:
        app_log.close()
        shutil.rmtree(tmpdir, ignore_errors=True)

    if problems.items:
        print(f"FAIL: {len(problems.items)} problems", file=sys.stderr)
        for item in problems.items:
            print(f"  - {item}", file=sys.stderr)
        return 1
    print(f"PASS: {len(patients)} patients, {len(notes)} notes and {len(backups)} backups "
          "from four processes, all in the file; no -wal unlinked; verify passes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
