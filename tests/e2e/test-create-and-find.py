#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end: drives the real kestrel binary over AT-SPI on a fresh
# database. The first user introduces themselves, creates a patient through
# the register form, goes back to the caseload and finds the patient by
# typing in the search entry.
#
# Usage: test-create-and-find.py KESTREL [SCHEMA_DIR]
# Needs a display and a D-Bus session (tests/run-with-display.sh gives both).
# Exits 0 on success, 1 on failure; the app process is always ended.

import os
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import pyatspi
except ImportError:
    print("SKIP: python3-pyatspi is not installed")
    sys.exit(77)

TIMEOUT = 20.0


class Failure(Exception):
    pass


def log(message):
    print(f"# {message}", flush=True)


def wait_for(what, predicate, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = predicate()
        except Failure:
            raise
        except Exception:  # a node can vanish while we look at it
            result = None
        if result:
            return result
        time.sleep(0.2)
    raise Failure(f"timed out waiting for {what}")


def find_app(pid):
    for app in pyatspi.Registry.getDesktop(0):
        if app is None:
            continue
        try:
            if app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def showing(node):
    # GTK 4.8 reports "visible" but not "showing" for its widgets.
    return node.getState().contains(pyatspi.STATE_VISIBLE)


def find(app, predicate):
    return pyatspi.findDescendant(app, lambda n: n is not None and predicate(n))


def by_description(app, description):
    # Insensitive widgets (a disabled action) are not ready to use yet.
    return find(app, lambda n: n.description == description and showing(n)
                and n.getState().contains(pyatspi.STATE_SENSITIVE))


def text_field(app, name):
    return find(app, lambda n: n.getRole() == pyatspi.ROLE_TEXT and n.name == name and showing(n)
                and n.getState().contains(pyatspi.STATE_EDITABLE))


def text_of(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)


def click(node):
    node.queryAction().doAction(0)


def type_into(app, name, value):
    field = wait_for(f"the editable “{name}” field", lambda: text_field(app, name))
    field.queryEditableText().setTextContents(value)
    wait_for(f"“{value}” in “{name}”", lambda: text_of(field) == value, 5)


def secret_field(app, name):
    return find(app, lambda n: n.getRole() in (pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT)
                and n.name == name and showing(n) and n.getState().contains(pyatspi.STATE_EDITABLE))


def type_secret(app, name, value):
    """A password entry reads back as bullets: check the length only."""
    field = wait_for(f"the password field “{name}”", lambda: secret_field(app, name))
    field.queryEditableText().setTextContents(value)
    wait_for(f"{len(value)} characters in “{name}”",
             lambda: field.queryText().characterCount == len(value), 5)


def choose_second_item(app, name):
    """Opens a drop-down and picks the item after the current one (after
    “Not set”). GTK 4.8 drop-downs cannot be selected through AT-SPI, so the
    popover is opened with its button's action and driven with keys."""
    combo = wait_for(f"the “{name}” choice",
                     lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_COMBO_BOX
                                  and n.name == name and showing(n)))
    button = find(combo, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON)
    # The popover's list selects the item under the pointer: keep it away.
    subprocess.run(["xdotool", "mousemove", "0", "0"], check=True)
    click(button)
    time.sleep(0.6)
    subprocess.run(["xdotool", "key", "--delay", "150", "Down", "Return"], check=True)

    def chosen():
        # The button shows the selected item; the popover's list is elsewhere.
        labels = pyatspi.findAllDescendants(button, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                                            and showing(n))
        return [label.name for label in labels
                if label.name and label.name not in ("Not set", "(None)")]

    picked = wait_for(f"a value in “{name}”", chosen, 5)
    log(f"{name}: {picked[0]}")


def main():
    if len(sys.argv) < 2:
        print("usage: test-create-and-find.py KESTREL [SCHEMA_DIR]", file=sys.stderr)
        return 2

    if shutil.which("xdotool") is None:
        print("SKIP: xdotool is not installed")
        return 77

    kestrel = sys.argv[1]
    tmpdir = tempfile.mkdtemp(prefix="kestrel-e2e-")
    database = os.path.join(tmpdir, "e2e.db")

    env = dict(os.environ)
    # The UI test environment turns accessibility off; this test needs it.
    env.pop("NO_AT_BRIDGE", None)
    env["GTK_A11Y"] = "atspi"
    env.setdefault("GSETTINGS_BACKEND", "memory")
    env.setdefault("GDK_BACKEND", "x11")
    env.setdefault("GSK_RENDERER", "cairo")
    if len(sys.argv) > 2:
        env["GSETTINGS_SCHEMA_DIR"] = sys.argv[2]

    # On a loaded machine the X server occasionally refuses a connection at
    # start-up ("cannot open display"); a start that fails before the window
    # appears is retried twice before the test gives up.
    process = None
    try:
        for attempt in range(3):
            process = subprocess.Popen([kestrel, "--database", database], env=env)

            def running_app():
                if process.poll() is not None:
                    raise Failure(f"kestrel exited with status {process.returncode} before it "
                                  "appeared on the accessibility bus")
                return find_app(process.pid)

            try:
                app = wait_for("kestrel on the accessibility bus", running_app)
                break
            except Failure as failure:
                if process.poll() is None or attempt == 2:
                    raise
                log(f"{failure}; starting it again")

        log("kestrel is running")

        # First run: the staff directory is empty.
        type_into(app, "Full name", "Test Clinician")
        type_into(app, "Role title", "Community psychiatric nurse")
        type_secret(app, "Password", "amber lantern orchard")
        type_secret(app, "Confirm password", "amber lantern orchard")
        click(wait_for("the start button", lambda: by_description(app, "welcome-continue")))
        log("first user added (administrator and clinician, signed in)")

        # A new patient through the register form.
        click(wait_for("the New Patient button", lambda: by_description(app, "new-patient")))
        type_into(app, "Family name", "Kestrelton")
        type_into(app, "Given name", "Ada")
        type_into(app, "Date of birth", "21/11/1984")
        type_into(app, "NHS number", "943 476 5919")
        choose_second_item(app, "Gender")
        choose_second_item(app, "Ethnic category")
        click(wait_for("the Save button", lambda: by_description(app, "save-record")))

        name = wait_for("the saved record's heading",
                        lambda: by_description(app, "patient-name"))
        wait_for("the record to be saved",
                 lambda: by_description(app, "edit-record") is not None
                 and text_of(name) == "KESTRELTON, Ada")
        log(f"saved: {text_of(name)}")

        # Back to the caseload and find the patient by typing.
        click(wait_for("the Caseload button", lambda: by_description(app, "back-to-caseload")))
        search = wait_for("the caseload search", lambda: by_description(app, "caseload-search"))
        count = wait_for("the patient count", lambda: by_description(app, "caseload-count"))
        wait_for("the caseload to list the new patient", lambda: text_of(count) == "1 of 1 patient")

        # The rows are labels inside the column view named "Patients".
        table = wait_for("the caseload table",
                         lambda: find(app, lambda n: n.name == "Patients"
                                      and n.getRole() != pyatspi.ROLE_LABEL))
        search.queryEditableText().setTextContents("kestrelt")
        wait_for("the count of matches", lambda: text_of(count) == "1 of 1 patient")
        wait_for("the match in the caseload",
                 lambda: find(table, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                              and n.name == "KESTRELTON, Ada"))
        wait_for("the NHS number in the row",
                 lambda: find(table, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                              and n.name == "943 476 5919"))
        log("found by name")

        search.queryEditableText().setTextContents("nobody-by-this-name")
        wait_for("no matches", lambda: text_of(count) == "0 of 1 patient")
        log("a search with no match shows none")

        search.queryEditableText().setTextContents("943 476 5919")
        wait_for("the match by NHS number", lambda: text_of(count) == "1 of 1 patient")
        log("found by NHS number")

        print("PASS: created a patient through the UI and found it in the caseload")
        return 0
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        shots = os.environ.get("KESTREL_E2E_SCREENSHOT")
        if shots:
            subprocess.run(["import", "-window", "root", shots], check=False)
        return 1
    finally:
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
