#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end, a liaison and diversion practitioner's journey (issue 21):
#   1. a screening in police custody, with arrival, seen and outcome times,
#      gender and ethnic category: a mistyped time is refused in plain words
#      and nothing typed is lost;
#   2. the outcome: diverted to community services;
#   3. a referral to the community mental health team in the service
#      directory (not through the forensic referral pathway): refused
#      without a service, then recorded;
#   4. the activity report for the day: by place, outcome, gender and ethnic
#      category, with the referral onward counted.
# The demo database is made with kestrel-cli; the app is driven over AT-SPI.
#
# Usage: test-liaison-diversion.py KESTREL KESTREL_CLI [SCHEMA_DIR]
# Needs a display and a D-Bus session (tests/run-with-display.sh gives both).

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from kestrel_atspi import (MESSAGES, Failure, app_environment, button_labelled, by_handle, choose_item, click, find,
                           label_texts, log, on_screen, pyatspi, screenshot_on_failure, show_area, sidebar_row,
                           start_app, stop_app, text_field, type_into, type_secret, wait_for)

USER, PASSWORD = "demo.liaison", "granite-plum-orchard"
FAMILY, GIVEN = "Halloran", "Niamh"
SERVICE = "Norwich community mental health team (demo)"
SERVICE_LABEL = f"{SERVICE} (Community mental health team, Norfolk)"


def sign_in(app):
    button = wait_for("the sign-in form", lambda: by_handle(app, "sign-in"), 90)
    type_into(button.parent, "User name", USER)
    type_secret(button.parent, "Password", PASSWORD)
    click(button)
    wait_for("the Liaison & Diversion area", lambda: sidebar_row(app, "Liaison & Diversion"), 60)
    log(f"signed in as {USER}")


def shown_label(app, predicate):
    return find(app, lambda n: n.getRole() in MESSAGES and predicate(n.name or "") and on_screen(n))


def screening(app):
    show_area(app, "Liaison & Diversion")
    click(wait_for("New Screening", lambda: button_labelled(app, "New Screening")))
    type_into(app, "Family name", FAMILY)
    type_into(app, "Given name", GIVEN)
    choose_item(app, "Gender", "Female")
    choose_item(app, "Ethnic category", "White: Irish")
    choose_item(app, "Setting", "Police custody")
    type_into(app, "Time of arrival (HH:MM)", "09:10")
    type_into(app, "Time seen (HH:MM)", "09:55")
    choose_item(app, "Referred by", "Police (custody staff or officer)")
    choose_item(app, "Outcome", "Diverted to community services")
    type_into(app, "Time of outcome (HH:MM)", "25:20")
    click(wait_for("Save", lambda: button_labelled(app, "Save")))
    wait_for("the refusal naming the time",
             lambda: shown_label(app, lambda t: "“25:20” is not a time of day" in t), 15)
    log("a time of 25:20 is refused in plain words")
    # Nothing typed is lost: the form is still there with the name in it.
    family = wait_for("the family name kept", lambda: text_field(app, "Family name"))
    text = family.queryText()
    if text.getText(0, text.characterCount) != FAMILY:
        raise Failure("the family name was lost when the save was refused")
    type_into(app, "Time of outcome (HH:MM)", "11:20")
    click(wait_for("Save", lambda: button_labelled(app, "Save")))
    wait_for("the screening's page", lambda: shown_label(app, lambda t: t == f"{FAMILY.upper()}, {GIVEN}"), 20)
    wait_for("its times", lambda: shown_label(app, lambda t: t == "arrived 09:10 · seen 09:55 · outcome 11:20"))
    log("screening saved: diverted to community services")


def refer_onward(app):
    reason = wait_for("the referral form", lambda: by_handle(app, "onward-reason"))
    reason.queryEditableText().setTextContents("Assessment by the duty worker this week (e2e)")
    click(wait_for("Record Referral", lambda: by_handle(app, "record-onward-referral")))
    wait_for("the refusal naming the service",
             lambda: shown_label(app, lambda t: "Service referred to is required" in t), 15)
    text = reason.queryText()
    if "duty worker" not in text.getText(0, text.characterCount):
        raise Failure("the reason typed was lost when the referral was refused")
    log("a referral with no service is refused, the reason kept")
    choose_item(app, "Service", SERVICE_LABEL)
    click(wait_for("Record Referral", lambda: by_handle(app, "record-onward-referral")))
    wait_for("the referral listed", lambda: find(app, lambda n: n.name == SERVICE and on_screen(n)), 15)
    log(f"referral to {SERVICE} recorded")


def activity(app):
    click(wait_for("Activity Report", lambda: button_labelled(app, "Activity Report")))
    today = wait_for("the To field", lambda: text_field(app, "To (dd/mm/yyyy)"))
    text = today.queryText()
    type_into(app, "From (dd/mm/yyyy)", text.getText(0, text.characterCount))
    click(wait_for("Show", lambda: button_labelled(app, "Show")))
    wait_for("the day's counts",
             lambda: shown_label(app, lambda t: t.startswith("1 screening;") and "referred to other services: 1" in t),
             15)
    for group, row in (("By setting", "Police custody"), ("By outcome", "Diverted to community services"),
                       ("By gender", "Female"), ("By ethnic category", "White: Irish")):
        count_of(app, group, row)
    log("activity report: by place, outcome, gender and ethnic category")


def count_of(app, group, title):
    """The count beside @title in the activity group @group must be 1."""
    heading = wait_for(f"the “{group}” group", lambda: shown_label(app, lambda t: t == group))
    box = heading
    while box is not None and find(box, lambda n: n.name == title) is None:
        box = box.parent
    row = find(box, lambda n: n.getRole() == pyatspi.ROLE_LIST_ITEM and find(n, lambda c: c.name == title))
    counts = [n.name for n in pyatspi.findAllDescendants(row, lambda n: n is not None
                                                         and n.getRole() == pyatspi.ROLE_LABEL)]
    if "1" not in counts:
        raise Failure(f"{group}: {title} shows {counts}, expected 1")
    log(f"{group}: {title} 1")


def check_stored(database):
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    row = db.execute("SELECT s.outcome, o.service_id, v.name FROM ld_screening s "
                     "JOIN ld_onward_referral o ON o.screening_id = s.id JOIN service v ON v.id = o.service_id "
                     "WHERE s.family_name = ?", (FAMILY,)).fetchone()
    db.close()
    if row is None or row[0] != "diversion-community" or row[2] != SERVICE:
        raise Failure(f"the stored screening and referral are not as made: {row}")
    log("stored: diverted, referred to the community team")


def main():
    if len(sys.argv) < 3:
        print("usage: test-liaison-diversion.py KESTREL KESTREL_CLI [SCHEMA_DIR]", file=sys.stderr)
        return 2
    if shutil.which("xdotool") is None:
        print("SKIP: xdotool is not installed")
        return 77

    kestrel, cli = sys.argv[1], sys.argv[2]
    tmpdir = tempfile.mkdtemp(prefix="kestrel-e2e-ld-")
    database = os.path.join(tmpdir, "demo.db")
    env = app_environment(sys.argv[3] if len(sys.argv) > 3 else None)
    process = app = None
    try:
        subprocess.run([cli, "--database", database, "demo", "--patients", "5", "--contacts", "1", "--notes", "1"],
                       check=True, capture_output=True, env=env)
        process, app = start_app([kestrel, "--database", database], env)
        sign_in(app)
        screening(app)
        refer_onward(app)
        activity(app)
        check_stored(database)
        print("PASS: custody screening, diverted, referred to a community team, counted in the activity report")
        return 0
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        if app is not None:
            print("# on screen: " + " | ".join(label_texts(app)), file=sys.stderr)
        screenshot_on_failure()
        return 1
    finally:
        stop_app(process)
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
