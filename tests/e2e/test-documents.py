#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end: every kind of document, as a clinician makes it in the real
# app, for demo patients with a carer and an alert, read back through
# Poppler (issue 20):
#   - the patient summary carries the alerts and the current medication with
#     the latest results;
#   - the subject access export leaves the carer's address out unless the
#     clinician includes it, and its manifest says so with the reason;
#   - the crisis plan shared with the crisis team carries what an
#     out-of-hours team needs: address, diagnosis, medication, risk,
#     relapse signs and the team's own crisis line;
#   - a Ministry of Justice report names the patient and their legal facts.
# The demo database is made with kestrel-cli; the app is driven over AT-SPI
# with xdotool for what GTK 4.8 does not expose (menus, file choosers).
#
# Usage: test-documents.py KESTREL KESTREL_CLI [SCHEMA_DIR]
# Needs a display and a D-Bus session (tests/run-with-display.sh gives both).

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

from kestrel_atspi import (BUTTONS, Failure, app_environment, button_labelled, by_handle, click, find, log,
                           on_screen, pyatspi, sensitive, showing, start_app, stop_app, text_field, type_into,
                           type_secret, wait_for)

import gi
gi.require_version("Poppler", "0.18")
from gi.repository import Gio, Poppler  # noqa: E402

USER, PASSWORD = "demo.clinician", "amber-otter-lantern"
ALERT = "Toxic lithium level 1.6 on 1 Dec (e2e): hold lithium, urgent review"


# ---- Data: demo patients to work with ----

def pick_patients(database):
    """A North patient (the demo clinician's team) with a carer, a crisis
    plan and a prescription, and another with a carer, an alert and a
    conditional discharge (a report to the MoJ is due)."""
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    base = ("SELECT p.id, p.nhs_number, p.family_name, p.given_name FROM patient p "
            "JOIN team t ON t.id = p.team_id AND t.name = 'North' "
            "JOIN record r ON r.id = p.id AND r.state = 'active' "
            "JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
            "WHERE EXISTS (SELECT 1 FROM carer_link l WHERE l.patient_id = p.id) ")
    first = db.execute(base + "AND EXISTS (SELECT 1 FROM crisis_plan c WHERE c.patient_id = p.id) "
                       "AND EXISTS (SELECT 1 FROM prescription x WHERE x.patient_id = p.id) "
                       "ORDER BY p.sort_name LIMIT 1").fetchone()
    second = db.execute(base + "AND json_array_length (json_extract (v.data, '$.alerts')) > 0 "
                        "AND EXISTS (SELECT 1 FROM moj_record m WHERE m.patient_id = p.id "
                        "AND m.kind = 'legal-status' "
                        "AND json_extract (m.data, '$.conditional_discharge_date') IS NOT NULL) "
                        "ORDER BY p.sort_name LIMIT 1").fetchone()
    if first is None or second is None:
        raise Failure("the demo has no patient to test with (carer and crisis plan; carer, alert "
                      "and conditional discharge)")
    facts = {}
    facts["carer"], facts["carer_address"] = db.execute(
        "SELECT c.name, json_extract (v.data, '$.address') FROM carer c JOIN carer_link l ON l.carer_id = c.id "
        "JOIN record r ON r.id = c.id JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
        "WHERE l.patient_id = ?", (first[0],)).fetchone()
    facts["address"] = db.execute(
        "SELECT json_extract (v.data, '$.address') FROM record r JOIN revision v ON v.record_id = r.id "
        "AND v.revision = r.revision WHERE r.id = ?", (first[0],)).fetchone()[0]
    facts["mhcs"] = db.execute(
        "SELECT json_extract (m.data, '$.mhcs_reference') FROM moj_record m WHERE m.patient_id = ? "
        "AND m.kind = 'legal-status'", (second[0],)).fetchone()[0]
    db.close()
    display = lambda row: f"{row[2].upper()}, {row[3]}"  # noqa: E731
    return ({"id": first[0], "nhs": first[1], "name": display(first)},
            {"id": second[0], "nhs": second[1], "name": display(second)}, facts)


def pdf_text(path):
    document = Poppler.Document.new_from_file(Gio.File.new_for_path(path).get_uri(), None)
    pages = [document.get_page(i).get_text() for i in range(document.get_n_pages())]
    return " ".join(" ".join(pages).split())


def expect(text, needle, what):
    if needle not in text:
        raise Failure(f"{what}: “{needle}” is not in it")
    log(f"{what}: has “{needle}”")


def expect_not(text, needle, what):
    if needle in text:
        raise Failure(f"{what}: “{needle}” should not be in it")
    log(f"{what}: no “{needle}”")


# ---- Driving the app ----

def window_id():
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Kestrel"],
                           capture_output=True, text=True).stdout.split()
    if not found:
        raise Failure("no Kestrel window on the display")
    return found[-1]


def press(node, double=False):
    """Clicks @node with the pointer: GTK 4.8 gives menu buttons and list
    rows no AT-SPI action."""
    x, y, w, h = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    subprocess.run(["xdotool", "mousemove", "--window", window_id(), str(x + w // 2), str(y + h // 2),
                    "click", "--repeat", "2" if double else "1", "1"], check=True)


def keys(*names):
    subprocess.run(["xdotool", "key", "--delay", "120", *names], check=True)


def named(root, name, role=None):
    return find(root, lambda n: n.name.replace("_", "") == name and showing(n)
                and (role is None or n.getRole() == role))


def sign_in(app):
    button = wait_for("the sign-in form", lambda: by_handle(app, "sign-in"), 90)
    type_into(button.parent, "User name", USER)
    type_secret(button.parent, "Password", PASSWORD)
    click(button)
    wait_for("the caseload", lambda: by_handle(app, "caseload-search"), 60)
    # The demo clinician coordinates patients of their own, so the caseload
    # opens on theirs: the patients chosen may be colleagues'.
    click(wait_for("My Caseload", lambda: by_handle(app, "my-caseload")))


def open_patient(app, patient):
    def patient_row():
        return find(app, lambda n: n.getRole() == pyatspi.ROLE_LABEL and n.name == patient["name"]
                    and on_screen(n))

    # From a record, back to the caseload (its search is "visible" all
    # along), and the search typed. A busy machine can still be closing
    # the last dialog when the back button is pressed: try again.
    for attempt in range(3):
        back = find(app, lambda n: n.getRole() in BUTTONS and n.name == "Caseload" and on_screen(n)
                    and sensitive(n))
        if back is not None:
            click(back)
            time.sleep(1)
        search = wait_for("the caseload search", lambda: by_handle(app, "caseload-search"))
        search.queryEditableText().setTextContents(patient["nhs"])
        try:
            row = wait_for(f"{patient['name']} in the caseload", patient_row)
            break
        except Failure:
            if attempt == 2:
                raise
            log(f"{patient['name']} not in the caseload yet: trying again")
    press(row, double=True)
    # This patient's record header (not the last record's, which GTK 4.8
    # still calls visible).
    nhs = f"NHS number {patient['nhs'][:3]} {patient['nhs'][3:6]} {patient['nhs'][6:]}"
    wait_for(f"{patient['name']}'s record",
             lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_LABEL and n.name.startswith(nhs)
                          and on_screen(n)) is not None
             and by_handle(app, "edit-record") is not None, 30)
    log(f"opened {patient['name']}")


def save_with_chooser(app, path, title):
    """Answers a save dialog (GTK's own under Xvfb) with a whole path."""
    chooser = wait_for(f"the “{title}” dialog", lambda: named(app, title))
    name = wait_for("the file name field", lambda: text_field(chooser, "Name:"))
    name.queryEditableText().setTextContents(path)
    time.sleep(0.3)
    keys("Return")
    wait_for(f"{path} written", lambda: os.path.exists(path) and os.path.getsize(path) > 0, 30)


def choose_folder(app, folder, title):
    chooser = wait_for(f"the “{title}” dialog", lambda: named(app, title))
    del chooser
    keys("ctrl+l")
    time.sleep(0.5)
    subprocess.run(["xdotool", "type", "--delay", "20", folder.rstrip("/") + "/"], check=True)
    time.sleep(0.5)
    keys("Return")


def preview_and_save(app, path, title_prefix):
    preview = wait_for("the preview window",
                       lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_FRAME
                                    and n.name.startswith(title_prefix)), 60)
    click(wait_for("Save As…", lambda: button_labelled(preview, "Save As…"), 30))
    save_with_chooser(app, path, "Save Document")
    click(wait_for("the preview's Close button", lambda: button_labelled(preview, "Close")))


def export_menu(app, item):
    press(wait_for("the Export button", lambda: by_handle(app, "export-record")))
    click(wait_for(f"“{item}” in the menu",
                   lambda: named(app, item, pyatspi.ROLE_MENU_ITEM)))


def show_tab(app, title):
    tab = wait_for(f"the {title} tab", lambda: find(app, lambda n: n.name == title and on_screen(n)
                                                     and n.getRole() in (pyatspi.ROLE_TOGGLE_BUTTON,
                                                                         pyatspi.ROLE_PUSH_BUTTON,
                                                                         pyatspi.ROLE_PAGE_TAB)))
    press(tab)
    time.sleep(1)


# ---- The documents ----

def add_alert(app):
    click(wait_for("Edit", lambda: by_handle(app, "edit-record")))
    alerts = wait_for("the Alerts field", lambda: text_field(app, "Alerts"))
    alerts.queryEditableText().setTextContents(ALERT)
    click(wait_for("Save", lambda: by_handle(app, "save-record")))
    wait_for("the record saved", lambda: by_handle(app, "edit-record"), 30)
    log("alert added through the register form")


def summary(app, folder, patient):
    path = os.path.join(folder, "summary.pdf")
    export_menu(app, "Patient Summary…")
    preview_and_save(app, path, "Patient Summary")
    text = pdf_text(path)
    expect(text, patient["name"].split(",")[0], "the summary")
    expect(text, ALERT, "the summary's alerts")
    expect(text, "Current medication and latest results", "the summary")
    expect_not(text, "No current prescriptions recorded", "the summary")
    expect_not(text, "No alerts are recorded", "the summary")


def subject_access(app, folder, facts, include):
    parent = os.path.join(folder, "sar-included" if include else "sar-withheld")
    os.makedirs(parent)
    export_menu(app, "Subject Access Export…")
    dialog = wait_for("the redaction step", lambda: named(app, "Other People in This Record"))
    reasons = pyatspi.findAllDescendants(app, lambda n: n is not None and n.getRole() == pyatspi.ROLE_TEXT
                                         and n.name.startswith("Reason for ") and showing(n))
    if not reasons:
        raise Failure("the redaction step lists nobody")
    for field in reasons:
        is_carer = field.name.startswith(f"Reason for {facts['carer']}")
        why = ("The patient's mother asked for her details to be shared (e2e)" if include and is_carer
               else "Third-party information without their consent (e2e)")
        field.queryEditableText().setTextContents(why)
    if include:
        choice = wait_for("the carer's choice",
                          lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_COMBO_BOX
                                       and n.name.startswith(facts["carer"]) and showing(n)))
        subprocess.run(["xdotool", "mousemove", "0", "0"], check=True)
        click(find(choice, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON))
        time.sleep(0.6)
        keys("Down", "Return")
        time.sleep(0.3)
    del dialog
    click(wait_for("Continue", lambda: button_labelled(app, "Continue")))
    choose_folder(app, parent, "Choose Where to Write the Subject Access Export")

    def written():
        for sub in os.listdir(parent):
            manifest = os.path.join(parent, sub, "manifest.txt")
            if os.path.exists(manifest) and any(f.endswith(".pdf") for f in os.listdir(os.path.join(parent, sub))):
                return os.path.join(parent, sub)
        return None

    out = wait_for("the subject access folder", written, 120)
    pdf = [f for f in os.listdir(out) if f.endswith(".pdf") and not f.startswith("letters")][0]
    text = pdf_text(os.path.join(out, pdf))
    with open(os.path.join(out, "manifest.txt"), encoding="utf-8") as f:
        manifest = f.read()
    street = facts["carer_address"].split("\n")[0]
    what = "the subject access export " + ("(carer included)" if include else "(carer withheld)")
    if include:
        expect(text, street, what)
        expect(manifest, f"Included: {facts['carer']}", what + "'s manifest")
    else:
        expect_not(text, street, what)
        expect_not(text, facts["carer"], what)
        expect(manifest, f"Withheld: {facts['carer']}", what + "'s manifest")
        expect(manifest, "Third-party information without their consent (e2e)", what + "'s manifest")
    wait_for("the export's dialog closed", lambda: button_labelled(app, "Continue") is None, 30)


def crisis_plan(app, folder, facts):
    path = os.path.join(folder, "crisis-plan.pdf")
    show_tab(app, "Care Plan")
    click(wait_for("Share with Crisis Team…", lambda: button_labelled(app, "Share with Crisis Team…"), 30))
    type_into(app, "Shared with (service or person)", "Norfolk CRHT (e2e)")
    how = wait_for("the How choice", lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_COMBO_BOX
                                                   and n.name.replace("_", "") == "How" and showing(n)))
    subprocess.run(["xdotool", "mousemove", "0", "0"], check=True)
    click(find(how, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON))
    time.sleep(0.6)
    keys("Down", "Return")
    time.sleep(0.3)
    click(wait_for("Choose Where to Save…", lambda: button_labelled(app, "Choose Where to Save…")))
    save_with_chooser(app, path, "Share with Crisis Team")
    text = pdf_text(path)
    what = "the crisis plan for the crisis team"
    expect(text, facts["address"].split("\n")[0], what)
    for heading in ("Diagnosis", "Medication, depot dates and clozapine", "Risk to others",
                    "Latest structured risk assessment", "Early warning signs", "Crisis actions",
                    "Norfolk CRHT (e2e)", "version 1 of the plan", "(the patient’s team)"):
        expect(text, heading, what)
    expect(text, "0800 000 0101", what + " (the team's own crisis line)")
    expect(text, facts["carer"], what + " (the carer, whom the patient agreed may be told)")


def moj_report(app, folder, patient, facts):
    path = os.path.join(folder, "moj-report.pdf")
    show_tab(app, "Legal & MoJ")
    click(wait_for("New Report", lambda: by_handle(app, "moj-new-report"), 30))
    # The window's title names the patient first ("BUNTING, Alex — Report Due …").
    form = wait_for("the report form", lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_FRAME
                                                     and n.name.startswith(f"{patient['name']} — Report Due ")), 30)
    click(wait_for("Preview PDF", lambda: button_labelled(form, "Preview PDF"), 30))
    preview_and_save(app, path, "Report Preview")
    text = pdf_text(path)
    what = "the MoJ report"
    expect(text, patient["name"].split(",")[0], what)
    if facts["mhcs"]:
        expect(text, facts["mhcs"], what)
    expect(text, "Section 37 with section 41 restrictions", what)


def main():
    if len(sys.argv) < 3:
        print("usage: test-documents.py KESTREL KESTREL_CLI [SCHEMA_DIR]", file=sys.stderr)
        return 2
    if shutil.which("xdotool") is None:
        print("SKIP: xdotool is not installed")
        return 77

    kestrel, cli = sys.argv[1], sys.argv[2]
    tmpdir = tempfile.mkdtemp(prefix="kestrel-e2e-docs-")
    database = os.path.join(tmpdir, "demo.db")
    out = os.path.join(tmpdir, "out")
    os.makedirs(out)
    env = app_environment(sys.argv[3] if len(sys.argv) > 3 else None)
    process = None
    try:
        subprocess.run([cli, "--database", database, "demo", "--patients", "200", "--contacts", "1",
                        "--notes", "1"], check=True, capture_output=True, env=env)
        first, second, facts = pick_patients(database)
        log(f"patients: {first['name']} (carer {facts['carer']}), {second['name']}")

        process, app = start_app([kestrel, "--database", database], env)
        sign_in(app)
        open_patient(app, first)
        add_alert(app)
        summary(app, out, first)
        subject_access(app, out, facts, include=False)
        subject_access(app, out, facts, include=True)
        crisis_plan(app, out, facts)
        open_patient(app, second)
        moj_report(app, out, second, facts)
        print("PASS: every document kind, read back through Poppler")
        return 0
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        shots = os.environ.get("KESTREL_E2E_SCREENSHOT")
        if shots:
            subprocess.run(["import", "-window", "root", shots], check=False)
        return 1
    finally:
        stop_app(process)
        if os.environ.get("KESTREL_E2E_KEEP") is None:
            shutil.rmtree(tmpdir, ignore_errors=True)
        else:
            log(f"kept {tmpdir}")


if __name__ == "__main__":
    sys.exit(main())
