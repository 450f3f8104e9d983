#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end (issue 21, referrals): on a demo database, the demo clinician
# records a referral from outside the catchment through the referral form.
# It is saved (a referral failing a criterion used to be refused), the
# referral page says what it fails and shows its waiting-time clock; the
# clinician declines it with a reason and signposting, and the decline is
# on the pathway; then records the signposting as a record of its own
# through the form under the pathway (a date tomorrow refused in words,
# what was typed kept). Then the pathway report (kestrel-cli, as the demo
# team manager) counts it in its area's row.
#
# Usage: test-referrals.py KESTREL KESTREL_CLI [SCHEMA_DIR]
# Needs a display and a D-Bus session (tests/run-with-display.sh gives both).

import csv
import datetime
import io
import os
import sqlite3
import subprocess
import sys

from kestrel_atspi import (BUTTONS, Failure, by_role_name, button_labelled, by_handle, choose_with_keys, click, click_at, find, log, pyatspi,
                           press, run_demo_journey, scroll_into_view, showing, sign_in_as, start_app, stop_app, text_field, text_of, type_into,
                           wait_for)

USER, PASSWORD = "demo.clinician", "amber-otter-lantern"
MANAGER, MANAGER_PASSWORD = "demo.manager", "silver-fox-harbour"
OUT_OF_AREA = "Elsewhere (outside the catchment)"
REASON = "Lives in Essex: outside the catchment (e2e)"
SIGNPOSTED = "Essex forensic community team"
SIGNPOSTED_TO = "Essex forensic community team (e2e)"


def pick_patient(database):
    """An adult patient of the demo clinician's team (North)."""
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    row = db.execute("SELECT p.family_name, p.given_name FROM patient p "
                     "JOIN team t ON t.id = p.team_id AND t.name = 'North' "
                     "JOIN record r ON r.id = p.id AND r.state = 'active' "
                     "WHERE p.birth_date <= '2000-01-01' ORDER BY p.sort_name LIMIT 1").fetchone()
    db.close()
    if row is None:
        raise Failure("the demo has no adult North patient")
    return row[0], f"{row[0].upper()}, {row[1]}"


def stored_referral(database):
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    rows = db.execute("SELECT area, stage, is_open FROM referral WHERE area = 'other' AND referral_date = ?",
                      (datetime.date.today().isoformat(),)).fetchall()
    db.close()
    return rows


def sidebar_row(app, area):
    return find(app, lambda n: n.getRole() == pyatspi.ROLE_LIST_ITEM and showing(n)
                and find(n, lambda c: c.getRole() == pyatspi.ROLE_LABEL and c.name == area) is not None)


def labelled(app, name, says):
    """A showing label whose text @says accepts. (@name, its accessible
    label in the UI file, is replaced by its text once GTK 4.8 sets it.)"""
    return find(app, lambda n: n.getRole() == pyatspi.ROLE_LABEL and showing(n) and says(text_of(n)))


def fill(app, description, value):
    field = wait_for(f"the field {description}", lambda: by_handle(app, description))
    field.queryEditableText().setTextContents(value)
    wait_for(f"{description} filled", lambda: text_of(field) == value, 5)


def record_referral(app, patient_label):
    click_at(wait_for("the Referrals area", lambda: sidebar_row(app, "Referrals")))
    click(wait_for("the New Referral button", lambda: by_handle(app, "new-referral")))
    wait_for("the referral form", lambda: by_handle(app, "referral-referrer"))
    # The form's own window: the list behind it has "Source" and "Area" filters.
    form = wait_for("the New Referral window",
                    lambda: find(app, lambda n: n.getRole() in (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG)
                                 and n.name == "New Referral"))
    choose_with_keys(form, "Patient", ["Down"], patient_label, typed=patient_label.split(",")[0])
    # The referral date starts as today.
    wait_for("today's date in the form", lambda: text_field(app, "Referral date") is not None
             and text_of(text_field(app, "Referral date")) == datetime.date.today().strftime("%d/%m/%Y"))
    fill(app, "referral-referrer", "Dr Heron, consultant psychiatrist")
    fill(app, "referral-unit", "Oak Ward, Essex Secure Unit")
    choose_with_keys(form, "Source", ["Down"])
    choose_with_keys(form, "Security level", ["Down"])
    choose_with_keys(form, "Area", ["End"], OUT_OF_AREA)
    fill(app, "referral-reason", "Discharge planning: moving to supported housing in Essex")
    # The checklist warns, and says the referral is recorded all the same.
    wait_for("the catchment warning",
             lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_LABEL and showing(n)
                          and "recorded all the same" in n.name))
    click(wait_for("Save Referral", lambda: by_handle(app, "save-referral")))
    stage = wait_for("the saved referral's page", lambda: by_handle(app, "referral-stage"), 30)
    wait_for("the referral at “Received”", lambda: text_of(stage).startswith("Received since"))
    # The eligibility and waiting-time labels on this referral's page, by
    # what they say.
    eligibility = wait_for("the eligibility on the page",
                           lambda: labelled(app, "Eligibility", lambda t: "outside the team’s catchment" in t))
    log(f"eligibility: {text_of(eligibility)!r}")
    clocks = wait_for("the waiting-time clock",
                      lambda: labelled(app, "Waiting times", lambda t: t == "0 days since referral, no decision yet"))
    log(f"clock: {text_of(clocks)!r}")
    return stage


def decline(app, stage):
    click(wait_for("the Declined move", lambda: by_role_name(app, BUTTONS, "Declined")))
    dialog = wait_for("the decline dialog",
                      lambda: find(app, lambda n: n.getRole() in (pyatspi.ROLE_DIALOG, pyatspi.ROLE_FRAME)
                                   and n.name == "Move to “Declined”"))
    # A decline without a reason is refused, saying why.
    click(wait_for("Record", lambda: button_labelled(dialog, "Record")))
    wait_for("the refusal, in words",
             lambda: by_role_name(app, (pyatspi.ROLE_LABEL,), "Declining a referral needs a reason"))
    log("a decline without a reason is refused")
    click(wait_for("the Declined move", lambda: by_role_name(app, BUTTONS, "Declined")))
    dialog = wait_for("the decline dialog",
                      lambda: find(app, lambda n: n.getRole() in (pyatspi.ROLE_DIALOG, pyatspi.ROLE_FRAME)
                                   and n.name == "Move to “Declined”"))
    type_into(dialog, "Reason (required)", REASON)
    type_into(dialog, "Signposted to", SIGNPOSTED)
    click(wait_for("Record", lambda: button_labelled(dialog, "Record")))
    wait_for("the referral at “Declined”", lambda: text_of(stage).startswith("Declined since"))
    wait_for("the decline on the pathway",
             lambda: find(app, lambda n: showing(n) and REASON in (n.name or "")
                          and SIGNPOSTED in (n.name or "")))
    wait_for("the clock stopped at the decision",
             lambda: labelled(app, "Waiting times", lambda t: t == "Decided 0 days after referral"))
    log("declined, with its reason and signposting on the pathway")


def signpost(app):
    """The structured signposting record, through its form on the referral page."""
    organisation = wait_for("the signposting form", lambda: text_field(app, "Signposted to"), 20)
    organisation.queryEditableText().setTextContents(SIGNPOSTED_TO)
    given = wait_for("Phone number or contact details",
                     lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_CHECK_BOX
                                  and n.name == "Phone number or contact details" and showing(n)))
    # GTK 4.8 gives a check button no AT-SPI action: pressed with the pointer.
    scroll_into_view(given)
    press(given)
    wait_for("the box ticked", lambda: given.getState().contains(pyatspi.STATE_CHECKED), 5)
    date = wait_for("the date", lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_TEXT and showing(n)
                                             and (n.name or "").startswith("Date signposted")))
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    date.queryEditableText().setTextContents(tomorrow.strftime("%d/%m/%Y"))
    record = wait_for("Record Signposting", lambda: button_labelled(app, "Record Signposting"))
    click(record)
    wait_for("the refusal, in words",
             lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_LABEL and showing(n)
                          and "Date signposted is in the future" in (n.name or "")), 15)
    if text_of(organisation) != SIGNPOSTED_TO:
        raise Failure("what was typed in Signposted to was lost when the save was refused")
    log("signposting dated tomorrow refused in words, what was typed kept")
    date.queryEditableText().setTextContents(datetime.date.today().strftime("%d/%m/%Y"))
    click(record)
    wait_for("the signposting listed",
             lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_LABEL and showing(n)
                          and n.name == SIGNPOSTED_TO), 15)
    log(f"signposting to {SIGNPOSTED_TO} recorded")


def stored_signposting(database):
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    rows = db.execute("SELECT g.signposted_on, s.username, json_extract (v.data, '$.organisation') "
                      "FROM signposting g JOIN referral f ON f.id = g.source_id "
                      "JOIN staff s ON s.id = g.signposted_by JOIN record r ON r.id = g.id "
                      "JOIN revision v ON v.record_id = g.id AND v.revision = r.revision "
                      "WHERE f.area = 'other' AND f.referral_date = ?",
                      (datetime.date.today().isoformat(),)).fetchall()
    db.close()
    return rows


def report_rows(cli, database, env):
    today = datetime.date.today().isoformat()
    out = os.path.join(os.path.dirname(database), "pathway.csv")
    run_env = dict(env, KESTREL_PASSWORD=MANAGER_PASSWORD)
    result = subprocess.run([cli, "--database", database, "--user", MANAGER, "referral", "report",
                             "--from", today, "--to", today, "--format", "csv", "--output", out],
                            capture_output=True, text=True, env=run_env)
    if result.returncode != 0:
        raise Failure(f"the pathway report failed: {result.stderr.strip()}")
    with open(out, newline="", encoding="utf-8") as handle:
        text = handle.read()
    header_and_rows = text.split("\r\n\r\n")[0]
    return list(csv.DictReader(io.StringIO(header_and_rows)))


def journey(kestrel, cli, database, env, processes):
    family, patient_label = pick_patient(database)
    log(f"patient: {patient_label}")
    before = [row for row in report_rows(cli, database, env) if row["table"] == "area"]
    if any(row["group"] == "other" for row in before):
        raise Failure("the demo already has a referral from outside the catchment today")

    process, app = start_app([kestrel, "--database", database], env)
    processes.append(process)
    sign_in_as(app, USER, PASSWORD)
    stage = record_referral(app, patient_label)
    decline(app, stage)
    signpost(app)
    stop_app(process)

    stored = stored_referral(database)
    if stored != [("other", "declined", 0)]:
        raise Failure(f"stored referrals from outside the catchment today: {stored}")
    log("stored: one referral from outside the catchment, declined")
    signposted = stored_signposting(database)
    if signposted != [(datetime.date.today().isoformat(), USER, SIGNPOSTED_TO)]:
        raise Failure(f"stored signposting of that referral: {signposted}")
    log("stored: its signposting, dated today, by the clinician signed in")

    # Counted: the period holds only this referral from outside the
    # catchment, so its area has a row (its counts, 1, are hidden as every
    # count from 1 to 7 is).
    rows = {row["group"]: row for row in report_rows(cli, database, env) if row["table"] == "area"}
    other = rows.get("other")
    if other is None:
        raise Failure(f"the report has no row for the area outside the catchment: {sorted(rows)}")
    if not (other["received"] == "*" and other["decided"] == "*" and other["declined"] == "*"):
        raise Failure(f"the area's row: {other}")
    log(f"report, area outside the catchment: received {other['received']}, decided {other['decided']}, "
        f"declined {other['declined']}, accepted {other['accepted']}")
    return ("an out-of-area referral recorded, declined with a reason, signposting recorded through its form, "
            "counted in the pathway report")


if __name__ == "__main__":
    sys.exit(run_demo_journey("test-referrals.py", journey))
