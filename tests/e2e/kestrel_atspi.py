# SPDX-License-Identifier: GPL-3.0-or-later
#
# Driving the real kestrel binary over AT-SPI: what every end-to-end test
# shares. Needs python3-pyatspi, a display and a D-Bus session
# (tests/run-with-display.sh gives both). GTK 4.8's quirks are in
# TESTING.md ("Driving the real app over AT-SPI").

import os
import re
import subprocess
import sys
import time

# G_DEBUG=fatal-criticals (the test environment's) is for the app under
# test. This process loads GLib too, through pyatspi, and an AT-SPI client
# can log a critical of its own when a node goes away while it is read:
# that must not abort the test before the app has done anything.
APP_G_DEBUG = os.environ.get("G_DEBUG")
if APP_G_DEBUG:
    os.environ["G_DEBUG"] = ",".join(flag for flag in APP_G_DEBUG.split(",")
                                     if flag not in ("fatal-criticals", "fatal-warnings"))

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


def app_environment(schema_dir=None):
    """The environment for the app under test: accessibility on (the UI
    test environment turns it off), in-memory settings, X11, cairo."""
    env = dict(os.environ)
    if APP_G_DEBUG:
        env["G_DEBUG"] = APP_G_DEBUG
    env.pop("NO_AT_BRIDGE", None)
    env["GTK_A11Y"] = "atspi"
    env.setdefault("GSETTINGS_BACKEND", "memory")
    env.setdefault("GDK_BACKEND", "x11")
    env.setdefault("GSK_RENDERER", "cairo")
    if schema_dir:
        env["GSETTINGS_SCHEMA_DIR"] = schema_dir
    return env


def start_app(command, env, **popen_args):
    """Starts the app and waits for it on the accessibility bus; returns
    (process, accessible application). On a loaded machine the X server
    occasionally refuses a connection at start-up ("cannot open display"):
    a start that fails before the window appears is retried twice."""
    for attempt in range(3):
        process = subprocess.Popen(command, env=env, **popen_args)

        def running_app():
            if process.poll() is not None:
                raise Failure(f"kestrel exited with status {process.returncode} before it "
                              "appeared on the accessibility bus")
            return find_app(process.pid)

        try:
            return process, wait_for("kestrel on the accessibility bus", running_app)
        except Failure as failure:
            if process.poll() is None or attempt == 2:
                stop_app(process)
                raise
            log(f"{failure}; starting it again")
    raise AssertionError("not reached")


def stop_app(process):
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def showing(node):
    # GTK 4.8 reports "visible" but not "showing" for its widgets.
    return node.getState().contains(pyatspi.STATE_VISIBLE)


def drawn(node):
    """Whether @node has a size on the screen: GTK 4.8 calls the widgets of
    a hidden tab "visible" too, but one never drawn has no size. (One drawn
    once and hidden since keeps its old place, so this is no test of a page
    hidden later.)"""
    try:
        extents = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except NotImplementedError:
        return True
    return extents.width > 0 and extents.height > 0


def on_screen(node):
    return showing(node) and drawn(node)


def sensitive(node):
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


def find(root, predicate):
    return pyatspi.findDescendant(root, lambda n: n is not None and predicate(n))


BUTTONS = (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON)
FIELDS = (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY)
LABELS = (pyatspi.ROLE_LABEL,)
# A form's refusal is a label with the alert role (kes-form-errors.h).
MESSAGES = (pyatspi.ROLE_LABEL, pyatspi.ROLE_ALERT)
GROUPS = (pyatspi.ROLE_PANEL, pyatspi.ROLE_LIST, pyatspi.ROLE_FILLER, pyatspi.ROLE_GROUPING)

# What the tests find, by what a screen reader says: the role and the name
# (or, for a label whose words change, how its words start). The app's
# own handles (widget names, "new-patient") are for the C tests; GTK 4.8
# does not publish them over AT-SPI (its AccessibleId is always empty).
HANDLES = {
    "add-note": (BUTTONS, "Add Note"),
    "back-to-caseload": (BUTTONS, "Caseload"),
    "care-form-save": (BUTTONS, "Save"),
    "caseload-count": (LABELS, re.compile(r"^\d[\d,]* (patient|of)")),
    "caseload-search": (FIELDS, "Search the caseload"),
    "edit-care-plan": (BUTTONS, re.compile(r"^(Edit|Write) Care Plan…$")),
    "edit-record": (BUTTONS, "Edit"),
    "export-record": (BUTTONS, "Export record"),
    "incident-urgent-report": (BUTTONS, re.compile(r"^Write the urgent report about the incident of ")),
    "moj-incidents": (GROUPS, "Incidents and Recalls"),
    "moj-new-report": (BUTTONS, "New Report"),
    "moj-record-save": (BUTTONS, "Save"),
    "moj-report-save": (BUTTONS, "Save"),
    "moj-schedule": (GROUPS, "Report Schedule"),
    "my-caseload": (BUTTONS, "My Caseload"),
    "new-patient": (BUTTONS, "New Patient"),
    "new-referral": (BUTTONS, "New Referral…"),
    "onward-reason": ((pyatspi.ROLE_LIST_ITEM,) + FIELDS, "What the service is asked to do"),
    "patient-name": ((pyatspi.ROLE_HEADING,), re.compile(r".")),
    "patient-next-review": (LABELS, re.compile(r"^Next review ")),
    "plan-item-add": (BUTTONS, "Add a Need"),
    "record-onward-referral": (BUTTONS, "Record Referral"),
    "referral-reason": (FIELDS, "Reason for referral"),
    "referral-referrer": (FIELDS, "Referrer"),
    # "Received since 7 Dec 2026" (kes-referral-view.c)
    "referral-stage": (LABELS, re.compile(r"^[A-Z][^.,:]* since \d{1,2} [A-Z][a-z]+ \d{4}$")),
    "referral-unit": (FIELDS, "Ward or hospital"),
    "save-record": (BUTTONS, "Save"),
    "save-referral": (BUTTONS, "Save Referral"),
    "sign-in": (BUTTONS, "Sign In"),
    "today-list": ((pyatspi.ROLE_LIST,), "Due and overdue work"),
    "welcome-continue": (BUTTONS, "Create Account and Start"),
}


def name_matches(node, name):
    if isinstance(name, str):
        return node.name == name
    return name.search(node.name or "") is not None


def by_role_name(root, roles, name):
    """The showing widget of one of @roles whose name is @name (a string,
    or a pattern its name must match). Insensitive widgets (a disabled
    action) are not ready to use yet."""
    return find(root, lambda n: n.getRole() in roles and name_matches(n, name) and showing(n) and sensitive(n))


def by_handle(root, handle):
    """The widget the tests call @handle (HANDLES), found by role and name."""
    roles, name = HANDLES[handle]
    return by_role_name(root, roles, name)


def button_labelled(root, label):
    """A push button by its label. A button with a mnemonic label is named
    after both ("_Save Note Save Note")."""
    return find(root, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON and n.name.endswith(label)
                and showing(n) and sensitive(n))


def text_field(root, name):
    return find(root, lambda n: n.getRole() == pyatspi.ROLE_TEXT and n.name == name and showing(n)
                and n.getState().contains(pyatspi.STATE_EDITABLE))


def text_of(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)


def label_texts(root):
    """Every label under @root with text: what the user reads there (error
    messages included), for a failure's report."""
    labels = pyatspi.findAllDescendants(root, lambda n: n is not None
                                        and n.getRole() == pyatspi.ROLE_LABEL and n.name)
    return [label.name for label in labels]


def click(node):
    node.queryAction().doAction(0)


def type_into(root, name, value):
    field = wait_for(f"the editable “{name}” field", lambda: text_field(root, name))
    field.queryEditableText().setTextContents(value)
    wait_for(f"“{value}” in “{name}”", lambda: text_of(field) == value, 5)


def secret_field(root, name):
    return find(root, lambda n: n.getRole() in (pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT)
                and n.name == name and showing(n) and n.getState().contains(pyatspi.STATE_EDITABLE))


def type_secret(root, name, value):
    """A password entry reads back as bullets: check the length only."""
    field = wait_for(f"the password field “{name}”", lambda: secret_field(root, name))
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


def choose_with_keys(app, name, keys, expected=None, typed=None):
    """Opens the drop-down named @name, types @typed (a search, for long
    lists) and presses @keys (xdotool key names), then Return; waits until
    the button shows a value starting with @expected (any value when None). As in
    choose_second_item, the popover is driven with keys."""
    combo = wait_for(f"the “{name}” choice",
                     lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_COMBO_BOX
                                  and n.name.replace("_", "") == name and showing(n)))
    button = find(combo, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON)
    subprocess.run(["xdotool", "mousemove", "0", "0"], check=True)
    click(button)
    time.sleep(0.6)
    if typed:
        subprocess.run(["xdotool", "type", "--delay", "60", typed], check=True)
        time.sleep(0.6)
    subprocess.run(["xdotool", "key", "--delay", "150", *keys, "Return"], check=True)

    def chosen():
        labels = pyatspi.findAllDescendants(button, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                                            and showing(n))
        names = [label.name for label in labels
                 if label.name and label.name not in ("Not set", "(None)", "Choose…")]
        if expected is None:
            return names
        return [label for label in names if label.startswith(expected)]

    picked = wait_for(f"“{expected or 'a value'}” in “{name}”", chosen, 5)
    log(f"{name}: {picked[0]}")


def new_patient_through_form(app, family, given, birth_date, nhs_number):
    """Registers a patient through the register form as a user would; the
    record's page is showing afterwards."""
    click(wait_for("the New Patient button", lambda: by_handle(app, "new-patient")))
    type_into(app, "Family name", family)
    type_into(app, "Given name", given)
    type_into(app, "Date of birth", birth_date)
    type_into(app, "NHS number", nhs_number)
    choose_second_item(app, "Gender")
    choose_second_item(app, "Ethnic category")
    click(wait_for("the Save button", lambda: by_handle(app, "save-record")))


def first_run(app, full_name, role_title, password):
    """A new database's first run: the first user introduces themselves
    (administrator and clinician) and is signed in."""
    type_into(app, "Full name", full_name)
    type_into(app, "Role title", role_title)
    type_secret(app, "Password", password)
    type_secret(app, "Confirm password", password)
    click(wait_for("the start button", lambda: by_handle(app, "welcome-continue")))
    log(f"first user {full_name} added and signed in")


def click_at(node):
    """Clicks the middle of @node on the screen, for widgets whose AT-SPI
    action GTK 4.8 does not offer (list rows). A button's action presses it
    and clicks a moment later; a click here is one at once."""
    extents = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    x = extents.x + extents.width // 2
    y = extents.y + extents.height // 2
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], check=True)


def screenshot_on_failure():
    shots = os.environ.get("KESTREL_E2E_SCREENSHOT")
    if shots:
        subprocess.run(["import", "-window", "root", shots], check=False)


def nodes(root, predicate=lambda n: True, skip=None):
    """Every node under @root the predicate accepts, not descending into
    @skip's subtree."""
    found = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node is None or (skip is not None and skip(node)):
            continue
        try:
            if predicate(node):
                found.append(node)
            stack.extend(node[i] for i in range(node.childCount))
        except Exception:  # a node can vanish while we look at it
            continue
    return found


def sidebar_row(app, area):
    """The sidebar's row for @area ("Liaison & Diversion"), or None. Found
    in nodes()' order, as the roles test always has: in document order the
    first list item with that label is not always the sidebar's."""
    rows = nodes(app, lambda n: n.getRole() == pyatspi.ROLE_LIST_ITEM
                 and any(child.name == area for child in nodes(n, lambda c: c.getRole() == pyatspi.ROLE_LABEL)))
    return rows[0] if rows else None


def show_area(app, area):
    click_at(wait_for(f"the {area} row", lambda: sidebar_row(app, area)))


def choose_item(app, name, label):
    """Opens the drop-down named @name and picks @label: GTK 4.8 drop-downs
    cannot be selected through AT-SPI, so the popover's list is read for
    where @label is and driven with keys from its first item. The button
    shows the choice in a list item (beside a placeholder label)."""
    combo = wait_for(f"the “{name}” choice",
                     lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_COMBO_BOX
                                  and n.name == name and showing(n)))
    button = find(combo, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON)

    def rows():
        found = find(combo, lambda n: n.getRole() == pyatspi.ROLE_LIST)
        return [n.name for n in pyatspi.findAllDescendants(found, lambda n: n is not None
                                                           and n.getRole() == pyatspi.ROLE_LABEL)] if found else []

    def shown():
        # The button shows the choice in a label of its own.
        chosen = find(button, lambda n: n.getRole() == pyatspi.ROLE_LABEL and n.name == label and showing(n))
        return label if chosen is not None else None

    # A popover anchored off the screen has no monitor (a critical on 4.8).
    scroll_into_view(button)
    subprocess.run(["xdotool", "mousemove", "0", "0"], check=True)
    click(button)
    listed = wait_for(f"“{label}” in the “{name}” list", lambda: label in rows() and rows(), 10)
    time.sleep(0.8)
    subprocess.run(["xdotool", "key", "--delay", "150", "Home", *(["Down"] * listed.index(label)), "Return"],
                   check=True)
    wait_for(f"“{label}” chosen in “{name}”", lambda: shown() == label, 5)
    log(f"{name}: {label}")


def scroll_into_view(node):
    """Scrolls the window under the pointer with the wheel until @node is
    inside the Kestrel window (GTK 4.8 has no AT-SPI scrollTo)."""
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Kestrel"],
                           capture_output=True, text=True).stdout.split()
    if not found:
        return
    window = found[-1]
    shell = subprocess.run(["xdotool", "getwindowgeometry", "--shell", window],
                           capture_output=True, text=True).stdout
    size = dict(line.split("=", 1) for line in shell.split() if "=" in line)
    width, height = int(size["WIDTH"]), int(size["HEIGHT"])
    for _ in range(60):
        x, y, w, h = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        if y >= 60 and y + h <= height - 20:
            return
        subprocess.run(["xdotool", "mousemove", "--window", window, str(max(x, width // 2)), str(height // 2),
                        "click", "5" if y + h > height - 20 else "4"], check=True)
        time.sleep(0.15)
    raise Failure("could not scroll to the widget")


def open_from_caseload(app, patient):
    """Opens @patient ({"nhs", "name"}) from the caseload: the search typed
    with the NHS number, the row pressed twice. The list refilters as the
    search is typed: a row found a moment too early can move, so it is
    pressed again until the record opens."""
    search = wait_for("the caseload search", lambda: by_handle(app, "caseload-search"))
    search.queryEditableText().setTextContents(patient["nhs"])
    for attempt in range(3):
        time.sleep(1)
        row = wait_for(f"{patient['name']} in the caseload",
                       lambda: find(app, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                                    and n.name == patient["name"] and on_screen(n)))
        press(row, double=True)
        try:
            wait_for(f"{patient['name']}'s record", lambda: by_handle(app, "edit-record"), 15)
            return
        except Failure:
            if attempt == 2:
                raise
            log("the record did not open: pressing again")


def sign_in_as(app, user, password):
    """Signs @user in on the sign-in form and waits for the caseload."""
    button = wait_for("the sign-in form", lambda: by_handle(app, "sign-in"), 90)
    type_into(button.parent, "User name", user)
    type_secret(button.parent, "Password", password)
    click(button)
    wait_for("the caseload", lambda: by_handle(app, "caseload-search"), 60)


def press(node, double=False):
    """Clicks @node with the pointer inside the Kestrel window: GTK 4.8
    gives tabs, menu buttons and list rows no AT-SPI action."""
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Kestrel"],
                           capture_output=True, text=True).stdout.split()
    if not found:
        raise Failure("no Kestrel window on the display")
    x, y, w, h = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    subprocess.run(["xdotool", "mousemove", "--window", found[-1], str(x + w // 2), str(y + h // 2),
                    "click", "--repeat", "2" if double else "1", "1"], check=True)


def run_demo_journey(name, journey, patients=30):
    """The frame of a journey on a demo database: argv is KESTREL
    KESTREL_CLI [SCHEMA_DIR]; the demo is made with kestrel-cli, then
    journey(kestrel, cli, database, env, processes) runs (it appends every
    app process it starts to @processes, which are ended afterwards).
    Returns the exit status: 0 passed, 1 failed (a screenshot to
    $KESTREL_E2E_SCREENSHOT), 77 skipped, 2 usage."""
    import shutil
    import tempfile

    if len(sys.argv) < 3:
        print(f"usage: {name} KESTREL KESTREL_CLI [SCHEMA_DIR]", file=sys.stderr)
        return 2
    if shutil.which("xdotool") is None:
        print("SKIP: xdotool is not installed")
        return 77
    kestrel, cli = sys.argv[1], sys.argv[2]
    tmpdir = tempfile.mkdtemp(prefix="kestrel-e2e-")
    database = os.path.join(tmpdir, "demo.db")
    env = app_environment(sys.argv[3] if len(sys.argv) > 3 else None)
    processes = []
    try:
        subprocess.run([cli, "--database", database, "demo", "--patients", str(patients)],
                       check=True, capture_output=True, env=env)
        print(f"PASS: {journey(kestrel, cli, database, env, processes)}")
        return 0
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        shots = os.environ.get("KESTREL_E2E_SCREENSHOT")
        if shots:
            subprocess.run(["import", "-window", "root", shots], check=False)
        return 1
    finally:
        for process in processes:
            stop_app(process)
        if os.environ.get("KESTREL_E2E_KEEP") is None:
            shutil.rmtree(tmpdir, ignore_errors=True)
        else:
            log(f"kept {tmpdir}")
