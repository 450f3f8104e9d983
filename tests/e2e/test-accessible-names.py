#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Issue 24's first acceptance test, over AT-SPI on a demo database: a
# clinician signs in and visits every area, every tab of a record (one with
# alerts) and every form and secondary window (each opened, walked and
# closed), the shortcuts window, the main and Export menus, the summary's
# preview and its Save dialog (GTK's file chooser), and Share with Crisis
# Team… on a patient with a crisis plan; then an administrator signs in and
# opens Administration's editors. A form not reached fails the walk. Any interactive accessible with an empty name, a type name
# ("GtkBox"), a mnemonic underscore ("_Edit"), a name said twice
# ("Edit Edit") or an id-like description ("new-patient") fails the test;
# every offender is printed with its path.
#
# Usage: test-accessible-names.py KESTREL KESTREL_CLI [SCHEMA_DIR]

import sqlite3
import subprocess
import sys
import time

from kestrel_a11y_walk import Walk
from kestrel_atspi import (BUTTONS, Failure, by_handle, click, find, log, nodes, on_screen, open_from_caseload, press, pyatspi,
                           run_demo_journey, scroll_into_view, sensitive, show_area, showing, sidebar_row, sign_in_as,
                           start_app, stop_app, wait_for)

AREAS = ("Today", "Caseload", "Referrals", "Reports", "Carers", "Liaison & Diversion", "Administration")
# The buttons that open a form or a secondary window, where each is (its
# area or record tab, its name). Each is opened, walked and closed (Escape,
# or Cancel for a form inside the page). A file chooser is GTK's own and
# left out ("Import Case Record…", "Attach Letter…").
AREA_FORMS = (
    ("Caseload", "New Patient"),
    ("Referrals", "New Referral…"),
    ("Carers", "Add Carer"),
    ("Liaison & Diversion", "New Screening"),
    ("Liaison & Diversion", "Activity Report"),
)
RECORD_FORMS = (
    ("Overview", "Edit"),
    ("Contacts", "Add Contact"),
    ("Notes", "Add Note"),
    ("Care Plan", "Edit Care Plan…"),
    ("Care Plan", "Write Crisis Plan…"),
    ("Care Plan", "Book Review…"),
    ("Medication", "Add Prescription…"),
    ("Medication", "Add Check…"),
    ("Medication", "Add Level…"),
    ("Medication", "Add Result…"),
    ("Legal & MoJ", "Record Status…"),
    ("Legal & MoJ", "Add Condition…"),
    ("Legal & MoJ", "Record Move…"),
    ("Legal & MoJ", "New Application…"),
    ("Legal & MoJ", "Record Late Notice…"),
    ("Legal & MoJ", "Record Incident…"),
    ("Legal & MoJ", "New Report"),
    ("Risk", "New Assessment"),
    ("Referral", "Add Visit…"),
    ("Referral", "Correct Details…"),
    ("Referral", "Assessment PDF…"),
    ("Referral", "In-Reach Plan PDF…"),
)
# Each record tab's view, by the name GTK 4.8 gives it (its type): walking
# the view alone, not the whole window with every tab drawn so far, keeps
# the walk to a few minutes (each node is a D-Bus round trip).
TAB_VIEWS = {
    "Contacts": "KesContactsView", "Notes": "KesNotesView", "History": "KesHistoryView",
    "Care Plan": "KesCarePlanView", "Medication": "KesMedicationView", "Legal & MoJ": "KesMojView",
    "Risk": "KesRiskView", "Carers": "KesPatientCarersView", "Referral": "KesReferralTab",
}
RECORD_TABS = ("Overview", "Contacts", "Notes", "History", "Care Plan", "Medication", "Legal & MoJ", "Risk",
               "Carers", "Referral")


# An administrator's editors (a second sign-in): each opens a window.
ADMIN_FORMS = (
    ("Administration", "Add Account…"),
    ("Administration", "Add Team"),
    ("Administration", "Add Service…"),
    ("Administration", "Add Area…"),
    ("Administration", "Back Up Now…"),
)

# The demo's accounts (src/core/demo/kes-demo.c).
CLINICIAN = ("demo.clinician", "amber-otter-lantern")
ADMINISTRATOR = ("demo.admin", "cobalt-wren-valley")


def windows(app):
    return [app[i] for i in range(app.childCount) if app[i] is not None and showing(app[i])]


def main_window(app):
    return wait_for("the main window", lambda: next((w for w in windows(app) if w.name.startswith("Kestrel")),
                                                    None))


def settle():
    time.sleep(1.0)


def keys(*names):
    subprocess.run(["xdotool", "key", "--delay", "150", *names], check=True)


def close_window(app, window, before):
    """Escape closes every secondary window; a form that asks before losing
    what was typed is answered Discard."""
    for _ in range(3):
        keys("Escape")
        try:
            wait_for("the window to close", lambda: len(windows(app)) <= before, 5)
            return
        except Failure:
            discard = find(app, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON
                           and (n.name or "").startswith("Discard") and showing(n))
            if discard is not None:
                discard.queryAction().doAction(0)
                wait_for("the window to close", lambda: len(windows(app)) <= before, 10)
                return
    raise Failure(f"“{window.name}” did not close with Escape")


def open_walk_close(app, walk, where, name, page, scroll=False):
    """Presses the button named @name; walks the window it opens (or, for
    a form inside the page, the page) and closes it again. With @scroll,
    the button is scrolled into view first (further down a long page)."""
    try:
        if scroll:
            # Further down a long page (Administration): drawn, but maybe
            # below the window's edge until scrolled to.
            button = wait_for(f"“{name}” on {where}",
                              lambda: find(page, lambda n: n.getRole() in BUTTONS and n.name == name
                                           and showing(n) and sensitive(n)), 10)
        else:
            # In the page, or (New Patient) in the window's header bar.
            button = wait_for(f"“{name}” on {where}",
                              lambda: find(page, lambda n: n.getRole() in BUTTONS and n.name == name
                                           and on_screen(n) and sensitive(n))
                              or find(main_window(app), lambda n: n.getRole() in BUTTONS
                                      and n.name == name and on_screen(n) and sensitive(n)), 10)
    except Failure:
        # Said, not hidden: every form is to be walked, so a form not
        # offered fails the walk at the end.
        walk.skipped.append(f"{where} → {name}")
        log(f"“{name}” is not offered on {where}; buttons there: "
            f"{sorted({n.name for n in nodes(page, lambda n: n.getRole() in BUTTONS)})}")
        return
    if scroll:
        scroll_into_view(button)
    before = len(windows(app))
    button.queryAction().doAction(0)
    try:
        wait_for(f"the window “{name}” opens", lambda: len(windows(app)) > before, 8)
    except Failure:
        # A form inside the page (a note, a contact, the record's Edit).
        settle()
        walk.screen(f"{where} → {name}", page)
        cancel = find(page, lambda n: n.getRole() in BUTTONS and n.name == "Cancel" and on_screen(n)
                      and sensitive(n))
        if cancel is not None:
            cancel.queryAction().doAction(0)
            settle()
        return
    window = windows(app)[-1]
    settle()
    walk.screen(f"{where} → {window.name or name}", window)
    close_window(app, window, before)


class Sidebar:
    """The sidebar's rows, found once: searching the whole window for each
    area is a D-Bus round trip per node."""

    def __init__(self, app):
        row = wait_for("the sidebar", lambda: sidebar_row(app, "Caseload"))
        self.rows = {}
        listing = row.parent
        for i in range(listing.childCount):
            item = listing[i]
            labels = [c.name for c in nodes(item, lambda c: c.getRole() == pyatspi.ROLE_LABEL)]
            for area in AREAS:
                if area in labels or item.name == area:
                    self.rows[area] = item

    def show(self, area):
        row = self.rows.get(area)
        if row is None or not showing(row):
            return False
        press(row)
        return True


def area_page(app, area):
    """The area's page (a stack page named for it), not the whole window."""
    window = main_window(app)
    return find(window, lambda n: n.getRole() == pyatspi.ROLE_PANEL and n.name == area) or window


def walk_areas(app, walk, who, forms=()):
    sidebar = Sidebar(app)
    for area in AREAS:
        if not sidebar.show(area):
            continue
        settle()
        page = area_page(app, area)
        walk.screen(f"{who}: {area}", page)
        for _, name in (form for form in forms if form[0] == area):
            open_walk_close(app, walk, area, name, page)


def pick_patient(database):
    """A North patient (the demo clinician's team) under a restriction
    order with a referral and alerts: every tab of a record is shown for
    them, and the alert banner."""
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    row = db.execute(
        "SELECT p.nhs_number, p.family_name, p.given_name FROM patient p "
        "JOIN team t ON t.id = p.team_id AND t.name = 'North' "
        "JOIN record r ON r.id = p.id AND r.state = 'active' "
        "WHERE EXISTS (SELECT 1 FROM moj_record m WHERE m.patient_id = p.id) "
        "ORDER BY EXISTS (SELECT 1 FROM referral f WHERE f.patient_id = p.id) DESC, "
        "EXISTS (SELECT 1 FROM record k JOIN revision v ON v.record_id = k.id AND v.revision = k.revision "
        "        WHERE k.id = p.id AND json_array_length(json_extract(v.data, '$.alerts')) > 0) DESC, "
        "p.sort_name "
        "LIMIT 1").fetchone()
    db.close()
    if row is None:
        raise Failure("the demo has no restricted North patient")
    return {"nhs": row[0], "name": f"{row[1].upper()}, {row[2]}"}


def pick_crisis_plan_patient(database):
    """A North patient with an agreed crisis plan: "Share with Crisis
    Team…" is offered only then (none of the demo's also has alerts)."""
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    row = db.execute(
        "SELECT p.nhs_number, p.family_name, p.given_name FROM patient p "
        "JOIN team t ON t.id = p.team_id AND t.name = 'North' "
        "JOIN record r ON r.id = p.id AND r.state = 'active' "
        "JOIN crisis_plan c ON c.patient_id = p.id "
        "JOIN record k ON k.id = c.id AND k.state = 'active' "
        "ORDER BY p.sort_name LIMIT 1").fetchone()
    db.close()
    if row is None:
        raise Failure("the demo has no North patient with a crisis plan")
    return {"nhs": row[0], "name": f"{row[1].upper()}, {row[2]}"}


def walk_crisis_share(app, walk, database):
    """Share with Crisis Team… on a record with an agreed crisis plan."""
    open_patient(app, pick_crisis_plan_patient(database))
    record = find(main_window(app), lambda n: n.name == "KesPatientPage" and on_screen(n))
    press(record_tab(record, "Care Plan"))
    settle()
    view = find(record, lambda n: n.name == TAB_VIEWS["Care Plan"]) or record
    open_walk_close(app, walk, "Care Plan", "Share with Crisis Team…", view)


def open_patient(app, patient):
    show_area(app, "Caseload")
    # The demo clinician's caseload opens on their own patients; the record
    # walked may be a colleague's in the team.
    mine = by_handle(app, "my-caseload")
    if mine is not None and (mine.getState().contains(pyatspi.STATE_CHECKED)
                             or mine.getState().contains(pyatspi.STATE_PRESSED)):
        click(mine)
    open_from_caseload(app, patient)
    log(f"opened {patient['name']}")


def record_tab(record, title):
    return find(record, lambda n: n.getRole() in (pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PAGE_TAB)
                and (n.name or "").replace("_", "").endswith(title) and on_screen(n))


def walk_record(app, walk):
    record = find(main_window(app), lambda n: n.name == "KesPatientPage" and on_screen(n))
    for title in RECORD_TABS:
        tab = record_tab(record, title)
        if tab is None:
            log(f"no {title} tab")
            continue
        press(tab)
        settle()
        # The first tab is walked with the record's header; later ones alone.
        view = find(record, lambda n: n.name == TAB_VIEWS[title]) if title in TAB_VIEWS else None
        page = view or record
        walk.screen(f"record: {title}", page)
        for _, name in (form for form in RECORD_FORMS if form[0] == title):
            open_walk_close(app, walk, title, name, page)
            press(record_tab(record, title))


def walk_popover(app, walk, where, open_keys=None, button=None):
    """Opens a menu (keys, or pressing @button), walks what it shows and
    closes it with Escape."""
    if open_keys:
        keys(*open_keys)
    else:
        press(button)
    menu = wait_for(f"the {where}", lambda: find(main_window(app), lambda n: n.getRole() in (
        pyatspi.ROLE_MENU, pyatspi.ROLE_POPUP_MENU, pyatspi.ROLE_WINDOW) and on_screen(n)
        and find(n, lambda m: m.getRole() == pyatspi.ROLE_MENU_ITEM) is not None)
        or find(main_window(app), lambda n: n.getRole() == pyatspi.ROLE_MENU_ITEM and on_screen(n)), 10)
    walk.screen(where, menu if menu.getRole() != pyatspi.ROLE_MENU_ITEM else menu.parent)
    return menu


def walk_windows_and_menus(app, walk):
    """The shortcuts window, the main menu, the record's Export menu, the
    preview it opens and the file chooser its Save As opens (GTK's own)."""
    before = len(windows(app))
    keys("ctrl+question")
    wait_for("the shortcuts window", lambda: len(windows(app)) > before, 10)
    settle()
    walk.screen("Keyboard Shortcuts", windows(app)[-1])
    close_window(app, windows(app)[-1], before)

    # F10 opens the primary menu, as in every GNOME application.
    walk_popover(app, walk, "main menu", open_keys=("F10",))
    keys("Escape")
    settle()

    walk_popover(app, walk, "Export menu", open_keys=("ctrl+e",))
    keys("Return")
    preview = wait_for("the summary preview", lambda: len(windows(app)) > before, 60)
    settle()
    window = windows(app)[-1]
    walk.screen(f"preview: {window.name}", window)
    keys("ctrl+s")
    wait_for("the save dialog", lambda: len(windows(app)) > before + 1, 30)
    settle()
    walk.screen("file chooser: Save Document", windows(app)[-1])
    keys("Escape")
    wait_for("the save dialog closed", lambda: len(windows(app)) <= before + 1, 10)
    close_window(app, window, before)
    return preview


def walk_as_administrator(kestrel, database, env, processes, walk):
    """A second sign-in, as an administrator: Administration's editors."""
    process, app = start_app([kestrel, "--database", database], env)
    processes.append(process)
    sign_in_as(app, *ADMINISTRATOR)
    sidebar = Sidebar(app)
    if not sidebar.show("Administration"):
        raise Failure("an administrator has no Administration area")
    settle()
    page = area_page(app, "Administration")
    walk.screen("administrator: Administration", page)
    # A row's buttons are named by their row ("Edit Norfolk"): one name on
    # every row ("Edit…") says nothing about which row.
    row_buttons = [n.name for n in nodes(page, lambda n: n.getRole() in BUTTONS
                                         and (n.name or "").split(" ")[0] in ("Edit", "Edit…", "Retire", "Retire…"))]
    shared = sorted({name for name in row_buttons if row_buttons.count(name) > 1})
    if not row_buttons or shared:
        raise Failure(f"Administration's row buttons are not named by their row: {shared or 'none found'}")
    log(f"{len(row_buttons)} row buttons on Administration, each named by its row")
    for _, name in ADMIN_FORMS:
        open_walk_close(app, walk, "Administration", name, page, scroll=True)
    stop_app(process)


def main_journey(kestrel, cli, database, env, processes):
    started = time.monotonic()
    process, app = start_app([kestrel, "--database", database], env)
    processes.append(process)
    walk = Walk()
    try:
        walk.screen("sign-in", main_window(app))
        sign_in_as(app, *CLINICIAN)
        walk_areas(app, walk, "clinician", AREA_FORMS)
        open_patient(app, pick_patient(database))
        walk_record(app, walk)
        walk_windows_and_menus(app, walk)
        walk_crisis_share(app, walk, database)
        stop_app(process)
        walk_as_administrator(kestrel, database, env, processes, walk)
    finally:
        walk.report()
        log(f"the walk took {time.monotonic() - started:.0f} s")
    if walk.offenders:
        raise Failure(f"{len(walk.offenders)} accessibles announced wrongly")
    if walk.skipped:
        raise Failure(f"forms not reached, so not walked: {', '.join(walk.skipped)}")
    if walk.known_gone():
        raise Failure(f"known offenders no longer found (take them off KNOWN_GTK_OFFENDERS): {walk.known_gone()}")
    return f"{walk.visited} interactive accessibles on {len(walk.screens)} screens, every one named"


if __name__ == "__main__":
    sys.exit(run_demo_journey("test-accessible-names.py", main_journey))
