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

from kestrel_atspi import (Failure, app_environment, by_handle, click, find, log,
                           new_patient_through_form, pyatspi, start_app, stop_app, text_of,
                           type_into, type_secret, wait_for)


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

    env = app_environment(sys.argv[2] if len(sys.argv) > 2 else None)

    process = None
    try:
        process, app = start_app([kestrel, "--database", database], env)
        log("kestrel is running")

        # First run: the staff directory is empty.
        type_into(app, "Full name", "Test Clinician")
        type_into(app, "Role title", "Community psychiatric nurse")
        type_secret(app, "Password", "amber lantern orchard")
        type_secret(app, "Confirm password", "amber lantern orchard")
        click(wait_for("the start button", lambda: by_handle(app, "welcome-continue")))
        log("first user added (administrator and clinician, signed in)")

        # A new patient through the register form.
        new_patient_through_form(app, "Kestrelton", "Ada", "21/11/1984", "943 476 5919")

        name = wait_for("the saved record's heading",
                        lambda: by_handle(app, "patient-name"))
        wait_for("the record to be saved",
                 lambda: by_handle(app, "edit-record") is not None
                 and text_of(name) == "KESTRELTON, Ada")
        log(f"saved: {text_of(name)}")

        # Back to the caseload and find the patient by typing.
        click(wait_for("the Caseload button", lambda: by_handle(app, "back-to-caseload")))
        search = wait_for("the caseload search", lambda: by_handle(app, "caseload-search"))
        count = wait_for("the patient count", lambda: by_handle(app, "caseload-count"))
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
        stop_app(process)
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
