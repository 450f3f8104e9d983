#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end (issue 21, restricted patients): on a demo database, the demo
# clinician opens a conditionally discharged patient's Legal & MoJ tab and
# reads the whole report schedule (the reports sent, the next one due);
# records an incident (a breach of the residence condition), then writes
# the urgent report from it: the report's form starts with what happened,
# when and what was done, and once saved the incident says its urgent
# report is drafted. The saved report names the incident in the file.
#
# Usage: test-restricted-patient.py KESTREL KESTREL_CLI [SCHEMA_DIR]
# Needs a display and a D-Bus session (tests/run-with-display.sh gives both).

import datetime
import sqlite3
import sys
import time

from kestrel_atspi import (MESSAGES, Failure, open_from_caseload, button_labelled, by_handle, choose_with_keys, click, find, log, on_screen,
                           press, pyatspi, run_demo_journey, showing, sign_in_as, start_app, stop_app, text_of,
                           type_into, wait_for)

USER, PASSWORD = "demo.clinician", "amber-otter-lantern"
WHAT = "Two nights away from the approved address without agreement (e2e)"
DONE = "Seen at home; MHCS and the responsible clinician told (e2e)"


def pick_patient(database):
    """A North patient (the demo clinician's team) conditionally discharged
    long enough to have reports sent, and no incident yet."""
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    row = db.execute(
        "SELECT p.id, p.nhs_number, p.family_name, p.given_name FROM patient p "
        "JOIN team t ON t.id = p.team_id AND t.name = 'North' "
        "JOIN record r ON r.id = p.id AND r.state = 'active' "
        "JOIN moj_record m ON m.patient_id = p.id AND m.kind = 'legal-status' "
        "WHERE json_extract (m.data, '$.conditional_discharge_date') <= date ('now', '-120 days') "
        "AND NOT EXISTS (SELECT 1 FROM moj_record i WHERE i.patient_id = p.id AND i.kind = 'moj-incident') "
        "ORDER BY p.sort_name LIMIT 1").fetchone()
    db.close()
    if row is None:
        raise Failure("the demo has no conditionally discharged North patient")
    return {"id": row[0], "nhs": row[1], "name": f"{row[2].upper()}, {row[3]}"}


def open_patient(app, patient):
    open_from_caseload(app, patient)
    tab = wait_for("the Legal & MoJ tab",
                   lambda: find(app, lambda n: n.name == "Legal & MoJ" and on_screen(n)
                                and n.getRole() in (pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON,
                                                    pyatspi.ROLE_PAGE_TAB)))
    press(tab)
    time.sleep(1)
    log(f"opened {patient['name']}, Legal & MoJ")


def rows_of(group):
    """The rows' titles and subtitles (labels) under a preferences group."""
    return [n.name for n in pyatspi.findAllDescendants(group, lambda n: n is not None
                                                        and n.getRole() == pyatspi.ROLE_LABEL
                                                        and n.name and showing(n))]


def read_schedule(app):
    schedule = wait_for("the report schedule", lambda: by_handle(app, "moj-schedule"), 30)
    texts = wait_for("the schedule's rows", lambda: [t for t in rows_of(schedule) if t.startswith("Due ")])
    sent = [t for t in rows_of(schedule) if t.startswith("Sent ")]
    log(f"schedule: {len(texts)} reports listed; newest: {texts[0]!r}")
    if not any("first report after conditional discharge" in t for t in texts):
        raise Failure("the schedule does not start at the first report after discharge")
    if len(sent) < 1 or len(texts) < 2:
        raise Failure(f"the schedule lists {len(texts)} reports, {len(sent)} sent: {rows_of(schedule)}")
    if not any(t in ("Due", "Late") for t in rows_of(schedule)):
        raise Failure("the schedule shows no report still to send")


def record_incident(app):
    group = wait_for("the incidents group", lambda: by_handle(app, "moj-incidents"))
    click(wait_for("Record Incident…", lambda: button_labelled(group, "Record Incident…")))
    dialog = wait_for("the incident dialog", lambda: by_handle(app, "moj-record-save"), 30)
    del dialog
    # Saving with nothing filled in says what is missing, in plain words.
    click(by_handle(app, "moj-record-save"))
    wait_for("the missing fields named",
             lambda: find(app, lambda n: n.getRole() in MESSAGES and showing(n)
                          and "Date of the incident: please fill this in" in (n.name or "")))
    log("an empty incident is refused, naming the fields")
    today = datetime.date.today()
    type_into(app, "Date of the incident", today.strftime("%d/%m/%Y"))
    dialog = wait_for("the incident window", lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_FRAME
                                                          and n.name.startswith("New Incident")))
    choose_with_keys(dialog, "What kind of incident", ["End", "Up", "Up", "Up"], "Breach of a condition")
    for name, value in (("What happened", WHAT), ("What has been done", DONE)):
        field = wait_for(f"the “{name}” field", lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_TEXT
                                                               and n.name == name and showing(n)))
        field.queryEditableText().setTextContents(value)
    click(by_handle(app, "moj-record-save"))
    wait_for("the incident listed", lambda: find(app, lambda n: showing(n) and WHAT in (n.name or "")), 30)
    wait_for("no urgent report yet", lambda: find(app, lambda n: showing(n)
                                                   and "No urgent report yet" in (n.name or "")))
    log("incident recorded; no urgent report yet")


def urgent_report(app):
    click(wait_for("Urgent Report…", lambda: by_handle(app, "incident-urgent-report"), 30))
    form = wait_for("the urgent report form",
                    lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_FRAME
                                 and "Urgent Report to the Ministry of Justice" in n.name), 30)
    what = wait_for("What happened, filled in", lambda: find(form, lambda n: n.getRole() == pyatspi.ROLE_TEXT
                                                            and showing(n) and text_of(n) == WHAT))
    del what
    log("the urgent report starts from the incident")
    click(wait_for("Save", lambda: by_handle(form, "moj-report-save")))
    wait_for("the report saved", lambda: find(app, lambda n: showing(n)
                                              and "Urgent report drafted, not sent yet" in (n.name or "")), 30)
    log("the incident shows its urgent report, drafted")


def stored_link(database, patient):
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    rows = db.execute(
        "SELECT i.id, json_extract (r.data, '$.incident_id'), json_extract (r.data, '$.trigger_what') "
        "FROM moj_record i JOIN moj_record r ON r.patient_id = i.patient_id AND r.kind = 'moj-report' "
        "AND json_extract (r.data, '$.report_type') = 'urgent' "
        "WHERE i.kind = 'moj-incident' AND i.patient_id = ?", (patient["id"],)).fetchall()
    db.close()
    return rows


def journey(kestrel, cli, database, env, processes):
    patient = pick_patient(database)
    log(f"patient: {patient['name']}")
    process, app = start_app([kestrel, "--database", database], env)
    processes.append(process)
    sign_in_as(app, USER, PASSWORD)
    # The demo clinician coordinates patients of their own, so the caseload
    # opens on theirs: the patient chosen may be a colleague's.
    click(wait_for("My Caseload", lambda: by_handle(app, "my-caseload")))
    open_patient(app, patient)
    read_schedule(app)
    record_incident(app)
    urgent_report(app)
    stop_app(process)
    links = stored_link(database, patient)
    if len(links) != 1 or links[0][0] != links[0][1] or links[0][2] != WHAT:
        raise Failure(f"the stored incident and report: {links}")
    log("stored: the urgent report names the incident")
    return "the schedule listed; an incident recorded and its urgent report written from it"


if __name__ == "__main__":
    sys.exit(run_demo_journey("test-restricted-patient.py", journey, patients=60))
