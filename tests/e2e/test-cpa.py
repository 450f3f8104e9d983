#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end, the community team's CPA day (issue 21): on a fresh database
# the first user registers a patient, and Today says the patient has no care
# plan. They write the care plan as needs, each with what will be done, who
# does it and by when, and a review date a fortnight away. A need saved
# without saying who will do it is refused in plain words, and nothing typed
# is lost; said, it saves. The Care Plan tab lists the need, the record's
# header shows the next review, and Today swaps "No care plan" for the
# plan's review, due soon.
#
# Usage: test-cpa.py KESTREL [SCHEMA_DIR]
# Needs a display and a D-Bus session (tests/run-with-display.sh gives both).

import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time

from kestrel_atspi import (MESSAGES, Failure, app_environment, by_handle, click, click_at, find, first_run,
                           label_texts, log, new_patient_through_form, on_screen, pyatspi, showing, start_app,
                           stop_app, text_of, wait_for)

PATIENT = "KESTRELTON, Ada"
NEED, INTERVENTION, WHO = "Stable housing (e2e)", "Tenancy support referral (e2e)", "Care coordinator (e2e)"


def sidebar_row(app, area):
    """The row of @area in the sidebar (not a heading of the same name in
    Today's list): the list whose rows include Caseload and Administration."""
    def labelled(row, name):
        return find(row, lambda c: c.getRole() == pyatspi.ROLE_LABEL and c.name == name) is not None

    sidebar = find(app, lambda n: n.getRole() == pyatspi.ROLE_LIST
                   and any(labelled(n[i], "Caseload") for i in range(n.childCount) if n[i] is not None)
                   and any(labelled(n[i], "Administration") for i in range(n.childCount) if n[i] is not None))
    if sidebar is None:
        return None
    rows = [sidebar[i] for i in range(sidebar.childCount) if sidebar[i] is not None and labelled(sidebar[i], area)]
    return rows[0] if rows else None


def today_items(app):
    """The accessible names of Today's rows ("Soon: Review date in the care
    plan, KESTRELTON, Ada. …"), once Today is on screen."""
    click_at(wait_for("the Today row", lambda: sidebar_row(app, "Today")))
    listing = wait_for("the Today list", lambda: (node := by_handle(app, "today-list")) is not None
                       and on_screen(node) and node, 30)
    panels = [listing[i][0] for i in range(listing.childCount)
              if listing[i] is not None and listing[i].childCount > 0]
    return [panel.name for panel in panels if panel.name and showing(panel)]


def today_has(app, words):
    seen = []

    def found():
        seen[:] = today_items(app)
        return next((name for name in seen if all(word in name for word in words)), None)
    try:
        item = wait_for(f"Today to list {' / '.join(words)}", found, 30)
    except Failure:
        log(f"Today lists: {seen}")
        raise
    log(f"Today: {item}")
    return item


# The care plan form's rows, by their titles.
ROWS = {
    "goals": "Goals, in the person's own words",
    "review_date": "Review date",
    "plan-item-need-1": "Need",
    "plan-item-intervention-1": "What will be done (intervention)",
    "plan-item-who-1": "Who will do it",
    "plan-item-by-when-1": "By when (DD/MM/YYYY)",
}


def field(form, description):
    """The editable text of the form's row titled ROWS[@description] (an
    entry row holds its text one level down)."""
    def editable():
        title = ROWS[description]
        # A date row's title carries its format: "Review date (dd/mm/yyyy)".
        node = find(form, lambda n: (n.name == title or (n.name or "").startswith(title + " (")) and showing(n)
                    and n.getRole() in (pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TEXT))
        if node is None:
            return None
        if node.getRole() == pyatspi.ROLE_TEXT and node.getState().contains(pyatspi.STATE_EDITABLE):
            return node
        return find(node, lambda n: n.getRole() == pyatspi.ROLE_TEXT and n.getState().contains(pyatspi.STATE_EDITABLE))
    return wait_for(f"the “{description}” field", editable)


def fill(form, description, value):
    node = field(form, description)
    node.queryEditableText().setTextContents(value)
    wait_for(f"“{value}” in “{description}”", lambda: text_of(node) == value, 5)


def write_care_plan(app, review):
    show_tab(app, "Care Plan")
    click(wait_for("Write Care Plan…", lambda: by_handle(app, "edit-care-plan"), 30))
    form = wait_for("the care plan form", lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_FRAME
                                                        and n.name == "CPA Care Plan"), 30)
    fill(form, "goals", "“I want to keep my flat.” (e2e)")
    fill(form, "review_date", review.strftime("%d/%m/%Y"))
    click(wait_for("Add a Need", lambda: by_handle(form, "plan-item-add")))
    fill(form, "plan-item-need-1", NEED)
    fill(form, "plan-item-intervention-1", INTERVENTION)
    by_when = (review - datetime.timedelta(days=7)).strftime("%d/%m/%Y")
    fill(form, "plan-item-by-when-1", by_when)

    # Who will do it left out: refused, said in words, nothing lost.
    click(by_handle(form, "care-form-save"))
    error = wait_for("the refusal", lambda: find(form, lambda n: n.getRole() in MESSAGES and showing(n)
                                                        and "say who will do it" in (n.name or "")))
    log(f"refused: {text_of(error)}")
    if f"Need 1 ({NEED}): say who will do it" not in text_of(error):
        raise Failure(f"the refusal does not name the need: {text_of(error)}")
    for description, value in (("plan-item-need-1", NEED), ("plan-item-intervention-1", INTERVENTION),
                               ("plan-item-by-when-1", by_when)):
        if text_of(field(form, description)) != value:
            raise Failure(f"“{description}” lost what was typed after the refusal")
    log("the need, the intervention and the date are still there")

    fill(form, "plan-item-who-1", WHO)
    click(by_handle(form, "care-form-save"))
    wait_for("the form to close", lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_FRAME
                                               and n.name == "CPA Care Plan") is None, 30)
    log("care plan saved")


def show_tab(app, title):
    tab = wait_for(f"the {title} tab", lambda: find(app, lambda n: (n.name or "").replace("_", "") == title
                                                     and on_screen(n)
                                                     and n.getRole() in (pyatspi.ROLE_TOGGLE_BUTTON,
                                                                         pyatspi.ROLE_PUSH_BUTTON,
                                                                         pyatspi.ROLE_PAGE_TAB)))
    click_at(tab)
    time.sleep(1)


def main():
    if len(sys.argv) < 2:
        print("usage: test-cpa.py KESTREL [SCHEMA_DIR]", file=sys.stderr)
        return 2
    if shutil.which("xdotool") is None:
        print("SKIP: xdotool is not installed")
        return 77

    kestrel = sys.argv[1]
    tmpdir = tempfile.mkdtemp(prefix="kestrel-e2e-cpa-")
    database = os.path.join(tmpdir, "cpa.db")
    env = app_environment(sys.argv[2] if len(sys.argv) > 2 else None)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    review = today + datetime.timedelta(days=14)
    review_shown = f"{review.day} {review.strftime('%b %Y')}"
    process = None
    try:
        process, app = start_app([kestrel, "--database", database], env)
        first_run(app, "Test Clinician", "Community psychiatric nurse", "amber lantern orchard")
        new_patient_through_form(app, "Kestrelton", "Ada", "21/11/1984", "943 476 5919")
        wait_for("the saved record", lambda: by_handle(app, "edit-record"), 30)

        today_has(app, ["No care plan", PATIENT])
        click_at(wait_for("the patient on Today",
                          lambda: find(app, lambda n: "No care plan" in (n.name or "")
                                       and PATIENT in (n.name or "") and showing(n))))
        wait_for("the record from Today", lambda: by_handle(app, "edit-record"), 30)

        write_care_plan(app, review)
        wait_for("the need on the Care Plan tab",
                 lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                              and n.name == f"Need 1: {NEED}" and showing(n)), 30)
        header = wait_for("the next review in the header", lambda: by_handle(app, "patient-next-review"))
        wait_for("the header to name the care plan review",
                 lambda: text_of(header) == f"Next review {review_shown} (care plan review)")
        log(f"header: {text_of(header)}")

        today_has(app, ["Review date in the care plan", PATIENT, f"Due {review_shown}"])
        if any("No care plan" in name and PATIENT in name for name in today_items(app)):
            raise Failure("Today still says the patient has no care plan")
        print("PASS: structured care plan written, refused without who and kept; review on the record and Today")
        return 0
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        try:
            print("\n".join(label_texts(app))[:3000], file=sys.stderr)
        except Exception:  # noqa: BLE001 - the report of a failure must not hide it
            pass
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
