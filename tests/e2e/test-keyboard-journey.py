#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end, with the keyboard alone (issue 24's acceptance): sign in →
# open a patient from the caseload → add a note → save it → export the
# patient summary as PDF. Every step is a key press sent to the X server
# (xdotool), never a click or an AT-SPI action; after each, the test asks
# AT-SPI where the focus is (the focused accessible's role and name) and
# fails when it is nowhere or somewhere a person would not expect. The
# note is read back from the database and the PDF through pdftotext. Last,
# a new patient saved empty (Ctrl+N, Ctrl+S): the focus must be on the
# first field in error, marked invalid and described by its message.
# Widgets are found by role and name only.
#
# Usage: test-keyboard-journey.py KESTREL KESTREL_CLI [SCHEMA_DIR]
# Needs a display and a D-Bus session (tests/run-with-display.sh gives both).

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

from kestrel_atspi import (Failure, app_environment, log, pyatspi, start_app, stop_app, wait_for)

USER, PASSWORD = "demo.clinician", "amber-otter-lantern"
NOTE_TITLE = "Seen at home (keyboard e2e)"
NOTE_BODY = "Calm and engaged. Plan unchanged."
TEXT_ROLES = (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY)


def pick_patient(database):
    """A patient the demo clinician is care coordinator for, in the active
    register: the caseload opens on their own ("My Caseload")."""
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    row = db.execute("SELECT p.id, p.nhs_number, p.family_name, p.given_name FROM patient p "
                     "JOIN staff s ON s.id = p.coordinator_id AND s.username = ? "
                     "JOIN record r ON r.id = p.id AND r.state = 'active' "
                     "ORDER BY p.sort_name LIMIT 1", (USER,)).fetchone()
    db.close()
    if row is None:
        raise Failure("the demo clinician coordinates no one")
    return {"id": row[0], "nhs": row[1], "family": row[2], "given": row[3],
            "name": f"{row[2].upper()}, {row[3]}"}


# ---- Keys and the focus ----

def keys(*names):
    subprocess.run(["xdotool", "key", "--clearmodifiers", "--delay", "150", *names], check=True)
    time.sleep(0.4)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "40", text], check=True)
    time.sleep(0.3)


def focused(root):
    """The accessible with the keyboard focus under @root (a window or the
    app), or None. Hidden subtrees are not walked."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        try:
            states = node.getState()
            if node is not root and not states.contains(pyatspi.STATE_VISIBLE):
                continue
            if states.contains(pyatspi.STATE_FOCUSED) and node is not root \
                    and node.getRole() not in (pyatspi.ROLE_FRAME, pyatspi.ROLE_WINDOW):
                return node
            stack.extend(node[i] for i in range(node.childCount - 1, -1, -1))
        except Exception:  # a node can go while it is read
            continue
    return None


def describe(node):
    return "nothing" if node is None else f"{node.getRoleName()} “{node.name}”"


def screenshot(what):
    """With KESTREL_E2E_SHOTS=DIR, the screen after each step, to look at."""
    folder = os.environ.get("KESTREL_E2E_SHOTS")
    if folder:
        name = "".join(c if c.isalnum() else "-" for c in what.lower()).strip("-")
        subprocess.run(["import", "-window", "root", os.path.join(folder, f"keys-{name}.png")],
                       check=False)


def expect_focus(app, what, predicate, timeout=15):
    """Waits until the focused accessible satisfies @predicate (role, name)."""
    last = [None]

    def check():
        node = focused(app)
        last[0] = node
        return node is not None and predicate(node.getRole(), node.name or "")

    try:
        wait_for(what, check, timeout)
    except Failure:
        raise Failure(f"after {what}, the focus is on {describe(last[0])}")
    log(f"{what}: the focus is on {describe(last[0])}")
    screenshot(what)
    return last[0]


def frame_named(app, prefix):
    return pyatspi.findDescendant(app, lambda n: n is not None and n.getRole() == pyatspi.ROLE_FRAME
                                  and n.name.startswith(prefix))


def clean(name):
    """A name with its mnemonic underline taken out."""
    return name.replace("_", "")


# ---- The journey ----

def sign_in(app):
    expect_focus(app, "start: the sign-in form",
                 lambda role, name: role == pyatspi.ROLE_TEXT and name == "User name", 90)
    type_text(USER)
    keys("Tab")
    expect_focus(app, "Tab to the password",
                 lambda role, name: role in (pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_TEXT)
                 and name == "Password")
    type_text(PASSWORD)
    keys("Return")
    # Signed in, on the first area; Ctrl+2 is the caseload, Ctrl+F its search.
    expect_focus(app, "signing in", lambda role, name: role != pyatspi.ROLE_PASSWORD_TEXT
                 and name not in ("User name", "Password"), 60)


def open_patient(app, patient):
    keys("ctrl+2")
    expect_focus(app, "Ctrl+2 (the caseload)", lambda role, name: name != "")
    keys("ctrl+f")
    expect_focus(app, "Ctrl+F (search the caseload)",
                 lambda role, name: role in TEXT_ROLES and "Search" in name)
    type_text(patient["nhs"])
    time.sleep(1.5)  # the list filters as it is typed
    keys("Down")
    expect_focus(app, "Down from the search to the list",
                 lambda role, name: patient["family"].upper() in name.upper()
                 or role in (pyatspi.ROLE_TABLE_ROW, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_CELL))
    keys("Return")
    return expect_focus(app, "Return (the record opens)",
                        lambda role, name: role in (pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PAGE_TAB,
                                                    pyatspi.ROLE_PUSH_BUTTON)
                        and clean(name).startswith("Overview"), 30)


def add_note(app, database, patient):
    keys("ctrl+shift+n")
    expect_focus(app, "Ctrl+Shift+N (a new note)",
                 lambda role, name: role in TEXT_ROLES and "Title" in name)
    type_text(NOTE_TITLE)
    keys("Tab")
    expect_focus(app, "Tab to the note's text",
                 lambda role, name: role in TEXT_ROLES and name != "" and "Title" not in name)
    type_text(NOTE_BODY)
    keys("ctrl+s")
    expect_focus(app, "Ctrl+S (the note saved)",
                 lambda role, name: role == pyatspi.ROLE_PUSH_BUTTON and clean(name).startswith("Add Note"))

    def saved():
        db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            return db.execute("SELECT count(*) FROM note WHERE patient_id = ? AND title = ?",
                              (patient["id"], NOTE_TITLE)).fetchone()[0] == 1
        finally:
            db.close()

    wait_for("the note in the database", saved, 10)
    log("the note is in the database")


def export_summary(app, folder, patient):
    path = os.path.join(folder, "summary.pdf")
    keys("ctrl+e")
    expect_focus(app, "Ctrl+E (the Export menu)",
                 lambda role, name: role == pyatspi.ROLE_MENU_ITEM and "Summary" in name)
    keys("Return")
    preview = wait_for("the preview window", lambda: frame_named(app, "Patient Summary"), 60)
    expect_focus(preview, "the preview opened", lambda role, name: name != "")
    # Save As… is the preview's Ctrl+S too.
    keys("ctrl+s")
    chooser = wait_for("the Save Document dialog", lambda: pyatspi.findDescendant(
        app, lambda n: n is not None and n.name == "Save Document"), 30)
    expect_focus(chooser, "the save dialog opened",
                 lambda role, name: role in TEXT_ROLES and name == "Name:")
    keys("ctrl+a")
    type_text(path)
    keys("Return")
    wait_for(f"{path} written", lambda: os.path.exists(path) and os.path.getsize(path) > 0, 30)
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    if patient["family"].upper() not in flat.upper() or patient["given"] not in flat:
        raise Failure(f"the summary does not name {patient['name']}")
    log(f"{path}: names {patient['name']}")
    # Tagged, so a screen reader reads its structure (cairo 1.16's).
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    if "Tagged:          yes" not in info:
        raise Failure(f"the summary is not a tagged PDF:\n{info}")
    log("the summary is a tagged PDF")
    expect_focus(preview, "the summary saved (back in the preview)", lambda role, name: name != "")
    # One Escape closes it, even while the "Document saved" toast shows
    # (libadwaita 1.2's overlay once took the first to dismiss the toast).
    keys("Escape")
    wait_for("the preview closed by one Escape", lambda: frame_named(app, "Patient Summary") is None, 10)
    log("Escape closed the preview")
    expect_focus(app, "back in the record", lambda role, name: name != "")


def go_back(app, patient):
    keys("alt+Left")
    # Back on the row the record was opened from.
    expect_focus(app, "Alt+Left (back to the caseload)",
                 lambda role, name: role == pyatspi.ROLE_TABLE_ROW
                 or patient["family"].upper() in name.upper())


def relation_targets(node, relation_type):
    """The accessibles @node is related to by @relation_type (AT-SPI)."""
    targets = []
    for relation in node.getRelationSet():
        if relation.getRelationType() == relation_type:
            targets.extend(relation.getTarget(i) for i in range(relation.getNTargets()))
    return targets


def refused_new_patient(app):
    """Ctrl+N, then Ctrl+S on the empty form: the save is refused. What a
    screen reader is given: the focus on the first field in error, which is
    invalid and carries its message as its description and through a
    described-by relation to the label showing it; the summary is a visible
    alert (no toast repeats it)."""
    keys("ctrl+n")
    expect_focus(app, "Ctrl+N (a new patient)",
                 lambda role, name: role in TEXT_ROLES and clean(name).startswith("Family name"))
    keys("ctrl+s")
    node = expect_focus(app, "Ctrl+S on the empty form (refused)",
                        lambda role, name: role in TEXT_ROLES and clean(name).startswith("Family name"))
    # GTK 4.8 publishes its invalid state as AT-SPI "invalid", not
    # "invalid-entry" (which Orca says); the description is what is read.
    states = node.getState()
    if not (states.contains(pyatspi.STATE_INVALID) or states.contains(pyatspi.STATE_INVALID_ENTRY)):
        raise Failure("the first field in error is not marked invalid: "
                      f"{[pyatspi.stateToString(x) for x in states.getStates()]}")
    description = node.description or ""
    if description == "":
        raise Failure("the first field in error has no description (its message)")
    described_by = [text_of_label(t) for t in relation_targets(node, pyatspi.RELATION_DESCRIBED_BY)]
    if description not in described_by:
        raise Failure(f"the field is not described by its message's label: {described_by!r}")
    log(f"the focused field says: {description!r} (description and described-by)")
    # GTK 4.8 publishes "visible" (not "showing") for what is shown.
    alert = pyatspi.findDescendant(app, lambda n: n is not None and n.getRole() == pyatspi.ROLE_ALERT
                                   and n.getState().contains(pyatspi.STATE_VISIBLE))
    if alert is None or "problem" not in text_of_label(alert):
        raise Failure("no showing alert summarises the problems")
    log(f"the summary is an alert: {text_of_label(alert)!r}")


def text_of_label(node):
    """A label's text (GTK 4.8 names a label by its text once set)."""
    try:
        text = node.queryText()
        return text.getText(0, text.characterCount) or node.name or ""
    except NotImplementedError:
        return node.name or ""


def main():
    if len(sys.argv) < 3:
        print("usage: test-keyboard-journey.py KESTREL KESTREL_CLI [SCHEMA_DIR]", file=sys.stderr)
        return 2
    for tool in ("xdotool", "pdftotext"):
        if shutil.which(tool) is None:
            print(f"SKIP: {tool} is not installed")
            return 77

    kestrel, cli = sys.argv[1], sys.argv[2]
    tmpdir = tempfile.mkdtemp(prefix="kestrel-e2e-keys-")
    database = os.path.join(tmpdir, "demo.db")
    out = os.path.join(tmpdir, "out")
    os.makedirs(out)
    env = app_environment(sys.argv[3] if len(sys.argv) > 3 else None)
    process = None
    try:
        subprocess.run([cli, "--database", database, "demo", "--patients", "30"], check=True,
                       capture_output=True, env=env)
        patient = pick_patient(database)
        log(f"patient: {patient['name']}")
        process, app = start_app([kestrel, "--database", database], env)
        sign_in(app)
        open_patient(app, patient)
        add_note(app, database, patient)
        export_summary(app, out, patient)
        go_back(app, patient)
        refused_new_patient(app)
        print("PASS: sign in, a record, a note and its summary PDF with the keyboard alone; "
              "a refused save puts the focus on the first field in error, which says why")
        return 0
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        focus = subprocess.run(["xdotool", "getwindowfocus", "getwindowname"], capture_output=True,
                               text=True).stdout.strip()
        log(f"the X focus is on the window “{focus}”")
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
