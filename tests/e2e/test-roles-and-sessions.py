#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end, over AT-SPI, on a demo database (kestrel-cli demo, one
# account per role):
#
# 1. A carers' liaison worker signs in: Today, Caseload, Carers and
#    Administration are offered, Referrals and Liaison & Diversion are not,
#    and nothing on screen names a risk, a medicine or a blood result.
# 2. An administrator signs in: no Today, no clinical area, nothing
#    clinical on screen.
# 3. A clinician opens a patient (A) from a clinical item on Today (a
#    depot, a blood test, a health check) and types A's surname in the
#    caseload search; the window locks (Ctrl+L);
#    "Sign In as Someone Else…"; the carers' liaison worker signs in. No
#    trace of A: no record open, nothing typed in any field, no medicine
#    on screen (A may still be a line of the team's register in the
#    caseload table, which this worker may read). Every Today item they can
#    click opens the patient it names, with only the Overview and Carers
#    tabs.
#
# Usage: test-roles-and-sessions.py KESTREL KESTREL_CLI [SCHEMA_DIR]
# Needs a display and a D-Bus session (tests/run-with-display.sh gives both).

import os
import re
import shutil
import subprocess
import sys
import tempfile

from kestrel_atspi import (Failure, app_environment, by_handle, click, click_at, find, log, nodes,
                           on_screen, pyatspi, screenshot_on_failure, secret_field, show_area, showing,
                           sidebar_row, start_app, stop_app, text_field, text_of, type_into, type_secret,
                           wait_for)

# Words of clinical content a carers' liaison worker or an administrator
# must never be shown (the demo's medication, blood results and risk).
CLINICAL_WORDS = re.compile(r"lithium|clozapine|depot|neutrophil|blood test|HbA1c|blood pressure|"
                            r"physical health check|risk assessment|HCR-20", re.IGNORECASE)
CARERS_TABS = {"Overview", "Carers"}


def demo_passwords(cli, database):
    """Fills @database with the demo and returns {user name: password} from
    what kestrel-cli prints."""
    result = subprocess.run([cli, "--database", database, "demo", "--patients", "150"],
                            capture_output=True, text=True, check=True)
    accounts = dict(re.findall(r"^\s+(demo\.\w+)\s+(\S+)\s", result.stdout, re.MULTILINE))
    if "demo.carers" not in accounts or "demo.admin" not in accounts:
        raise Failure(f"the demo printed no accounts: {result.stdout}")
    return accounts


def shown_text(app, skip=None):
    """Every name and text on screen, one per line (not descending into
    what is not drawn, or into @skip)."""
    lines = []
    for node in nodes(app, on_screen, lambda n: (skip is not None and skip(n)) or not on_screen(n)):
        lines.append(node.name or "")
        try:
            lines.append(text_of(node))
        except Exception:
            pass
    return "\n".join(line for line in lines if line)


def sign_in(app, username, password):
    # The sign-in form, not the first-run form beside it in the page's stack
    # (whose fields share the names): the nearest container of the button
    # that holds a user name field.
    button = wait_for("the Sign In button", lambda: by_handle(app, "sign-in"))
    form = button.parent
    while form is not None and find(form, lambda n: n.name == "User name"
                                    and n.getRole() == pyatspi.ROLE_TEXT) is None:
        form = form.parent
    type_into(form, "User name", username)
    type_secret(form, "Password", password)
    # The fields as the button will read them (a password reads back as
    # bullets: its length).
    log(f"signing in as {text_of(text_field(form, 'User name'))} "
        f"with {secret_field(form, 'Password').queryText().characterCount} characters")
    click(button)
    wait_for(f"{username} signed in", lambda: (row := sidebar_row(app, "Caseload")) is not None and showing(row))
    log(f"signed in as {username}")


def areas_offered(app):
    names = ("Today", "Caseload", "Referrals", "Reports", "Carers", "Liaison & Diversion", "Administration")
    return {name for name in names if (row := sidebar_row(app, name)) is not None and showing(row)}


def expect_areas(app, wanted):
    offered = wait_for("the areas", lambda: areas_offered(app) or None)
    if offered != wanted:
        raise Failure(f"areas offered {sorted(offered)}, expected {sorted(wanted)}")
    log(f"areas: {', '.join(sorted(offered))}")


def expect_no_clinical_words(app, skip=None):
    match = CLINICAL_WORDS.search(shown_text(app, skip))
    if match:
        raise Failure(f"“{match.group(0)}” is on screen for someone who may not read it")


def today_items(app):
    """The rows of Today's list, in order: each list item holds a panel
    named for the work and the patient ("Overdue: Lithium level due, SMITH,
    Jo. Was due …")."""
    listing = wait_for("the Today list", lambda: by_handle(app, "today-list"))
    shown = listing.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    items = [listing[i] for i in range(listing.childCount)]
    panels = [item[0] for item in items if item is not None and item.childCount > 0]

    def in_view(panel):
        # The list makes rows a little beyond what it shows: only the rows
        # inside it can be clicked.
        place = panel.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        return place.height > 0 and place.y >= shown.y and place.y + place.height <= shown.y + shown.height

    return [panel for panel in panels if panel.name and showing(panel) and in_view(panel)]


def visible_tabs(app):
    header = by_handle(app, "patient-name")
    if header is None:
        return set()
    tabs = ("Overview", "Contacts", "Notes", "History", "Care Plan", "Medication", "Legal & MoJ", "Risk",
            "Carers", "Referral")
    # The switcher's buttons, named by the tab's title (its mnemonic's
    # underscore may be left in).
    buttons = nodes(app, lambda n: n.getRole() in (pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PAGE_TAB)
                    and showing(n) and (n.name or "").replace("_", "") in tabs)
    return {b.name.replace("_", "") for b in buttons}


def lock_and_switch(app):
    subprocess.run(["xdotool", "key", "ctrl+l"], check=True)
    switch = wait_for("the lock screen's Sign In as Someone Else",
                      lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON
                                   # GTK 4.8 names it "_Label Label"
                                   and "Sign In as Someone Else" in (n.name or "") and on_screen(n)))
    click(switch)
    # A button's action presses it first and clicks a moment later, and the
    # sign-in page is in the window's stack all along: the session has
    # ended when its shell (the sidebar and every area) is gone.
    wait_for("the session's shell to go", lambda: sidebar_row(app, "Caseload") is None)
    log("locked, then signed out from the lock screen")


def carers_worker_checks(app):
    expect_areas(app, {"Today", "Caseload", "Carers", "Administration"})
    expect_no_clinical_words(app)
    show_area(app, "Today")
    items = wait_for("carers' work on Today", lambda: today_items(app) or None)
    expect_no_clinical_words(app)
    log(f"Today: {len(items)} items, none clinical")
    for index in range(min(len(items), 6)):
        item = today_items(app)[index]
        label = item.name
        click_at(item)
        header = wait_for("the record's heading", lambda: by_handle(app, "patient-name"))
        name = wait_for("the record's name", lambda: text_of(header) or None)
        surname = name.split(",")[0]
        if surname not in label:
            raise Failure(f"Today's “{label}” opened the record of {name}")
        tabs = wait_for("the record's tabs", lambda: visible_tabs(app) or None)
        if tabs != CARERS_TABS:
            raise Failure(f"{name}'s record offers {sorted(tabs)}, expected {sorted(CARERS_TABS)}")
        expect_no_clinical_words(app)
        log(f"“{label[:60]}…” opened {name}: {', '.join(sorted(tabs))}")
        show_area(app, "Today")
        wait_for("Today again", lambda: today_items(app) or None)


def main():
    if len(sys.argv) < 3:
        print("usage: test-roles-and-sessions.py KESTREL KESTREL_CLI [SCHEMA_DIR]", file=sys.stderr)
        return 2
    if shutil.which("xdotool") is None:
        print("SKIP: xdotool is not installed")
        return 77

    kestrel, cli = sys.argv[1], sys.argv[2]
    tmpdir = tempfile.mkdtemp(prefix="kestrel-e2e-")
    database = os.path.join(tmpdir, "demo.db")
    env = app_environment(sys.argv[3] if len(sys.argv) > 3 else None)
    process = None
    try:
        passwords = demo_passwords(cli, database)
        process, app = start_app([kestrel, "--database", database], env)
        log("kestrel is running on the demo database")

        # 1. Carers' liaison.
        sign_in(app, "demo.carers", passwords["demo.carers"])
        carers_worker_checks(app)
        lock_and_switch(app)

        # 2. Administrator.
        sign_in(app, "demo.admin", passwords["demo.admin"])
        expect_areas(app, {"Caseload", "Reports", "Administration"})
        expect_no_clinical_words(app)
        lock_and_switch(app)

        # 3. A clinician's patient, then the lock and someone else.
        sign_in(app, "demo.clinician", passwords["demo.clinician"])
        show_area(app, "Today")
        items = wait_for("the clinician's Today", lambda: today_items(app) or None)
        medication = [i for i in items if CLINICAL_WORDS.search(i.name)]
        if not medication:
            raise Failure("the clinician's Today shows no clinical item to open")
        click_at(medication[0])
        header = wait_for("patient A's record", lambda: by_handle(app, "patient-name"))
        patient_a = wait_for("patient A's name", lambda: text_of(header) or None)
        surname_a = patient_a.split(",")[0]
        log(f"the clinician opened {patient_a} from “{medication[0].name[:60]}…”")
        show_area(app, "Caseload")
        search = wait_for("the caseload search", lambda: by_handle(app, "caseload-search"))
        search.queryEditableText().setTextContents(surname_a)
        wait_for(f"“{surname_a}” in the search", lambda: text_of(search) == surname_a, 5)
        lock_and_switch(app)

        sign_in(app, "demo.carers", passwords["demo.carers"])
        if by_handle(app, "patient-name") is not None:
            raise Failure("a record is open for the next person")
        for field in nodes(app, lambda n: n.getRole() == pyatspi.ROLE_TEXT and showing(n)):
            if surname_a.lower() in text_of(field).lower():
                raise Failure(f"“{text_of(field)}” is still typed in “{field.name}”")
        table = find(app, lambda n: n.name == "Patients" and n.getRole() != pyatspi.ROLE_LABEL)
        if patient_a in shown_text(app, skip=lambda n: table is not None and n == table):
            raise Failure(f"{patient_a} is still on screen outside the register")
        expect_no_clinical_words(app)
        log(f"no trace of {patient_a} for the carers' liaison worker")
        carers_worker_checks(app)

        print("PASS: each role saw only what it may read; a new session kept nothing of the last")
        return 0
    except (Failure, subprocess.CalledProcessError) as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        screenshot_on_failure()
        return 1
    finally:
        stop_app(process)
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
