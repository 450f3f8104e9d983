# SPDX-License-Identifier: GPL-3.0-or-later
#
# What a screen reader announces, checked over AT-SPI: every interactive
# accessible on the screen has a name a person would say and a description
# in words (issue 24). Used by test-accessible-names.py.

import re
import time

from kestrel_atspi import drawn, pyatspi

# What a person can act on: a screen reader announces each of these by
# name when the focus reaches it.
INTERACTIVE_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_ENTRY, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_ROW, pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_CHECK_MENU_ITEM, pyatspi.ROLE_RADIO_MENU_ITEM,
    pyatspi.ROLE_LINK, pyatspi.ROLE_SLIDER, pyatspi.ROLE_SCROLL_BAR,
}

TYPE_NAME = re.compile(r"^(Gtk|Adw|Kes)[A-Z]")
# An underscore before a letter or digit is a mnemonic left in ("_Edit").
MNEMONIC = re.compile(r"_[^\W_]")
# A test handle, not words: one token with - . or _ in it ("new-patient",
# "A.name") or a lower-case identifier ("declined").
ID_LIKE = re.compile(r"^(?=\S*[-._])\S+$|^[a-z][a-z0-9]*$")


def repeats_itself(name):
    """“Edit Edit”, “Search Notes Search Notes”: a label announced twice."""
    words = name.split()
    half = len(words) // 2
    return len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]


def problems(node):
    """What is wrong with how @node is announced, as short phrases."""
    found = []
    name = node.name or ""
    description = node.description or ""
    if not name.strip():
        found.append("no name")
    elif TYPE_NAME.match(name):
        found.append("named by its type")
    if MNEMONIC.search(name):
        found.append("a mnemonic underscore in its name")
    if repeats_itself(name.replace("_", "")):
        found.append("its name repeated")
    if description and ID_LIKE.match(description.strip()):
        found.append("an id-like description")
    return found


def path_of(node):
    """Where @node is, from its window down: each named ancestor (the
    nameless panels between them left out), then @node's role and name."""
    steps = []
    while node is not None and node.getRole() != pyatspi.ROLE_APPLICATION:
        label = node.name or ""
        if label or not steps:
            steps.append(f"{node.getRoleName()} “{label[:50]}”")
        node = node.parent
    return " / ".join(reversed(steps))


def interactive_on_screen(root):
    """Every interactive accessible drawn under @root. One pass, asking each
    node as little as possible over D-Bus: what is not visible is not
    descended into, and only an interactive node is asked for its place
    (GTK 4.8 calls a hidden tab's widgets visible; one never drawn has no
    size)."""
    found = []
    stack = [root]
    while stack:
        node = stack.pop()
        try:
            if node is None or not node.getState().contains(pyatspi.STATE_VISIBLE):
                continue
            interactive = node.getRole() in INTERACTIVE_ROLES
            count = node.childCount
            # A container never drawn holds nothing drawn: not worth asking.
            if (interactive or count > 0) and not drawn(node):
                continue
            if interactive:
                found.append(node)
            stack.extend(node[i] for i in range(count))
        except Exception:  # a node can vanish while we look at it
            continue
    return found


# Offenders inside GTK 4.8's own windows that kes-accessible-names.c does
# not reach, each by the screen it is on and its path (exact). They are
# printed as KNOWN and do not fail the walk; one no longer found fails it,
# so that this list only ever shrinks. Empty since issue 24's last two were
# named from outside: the shortcuts window's search button (an icon-only
# toggle button, "edit-find-symbolic") and the file chooser's path-bar root
# button (a themed GIcon, not an icon name).
KNOWN_GTK_OFFENDERS = set()


class Walk:
    """Counts what was visited and collects every offender once (a widget
    seen on several screens is reported where it was first seen)."""

    def __init__(self):
        self.visited = 0
        self.screens = []
        self.offenders = {}
        self.known = set()
        self.roles = {}
        self.skipped = []
        self.started = time.monotonic()

    def screen(self, title, root):
        found = interactive_on_screen(root)
        self.visited += len(found)
        bad = 0
        for node in found:
            self.roles[node.getRoleName()] = self.roles.get(node.getRoleName(), 0) + 1
            wrong = problems(node)
            if not wrong:
                continue
            key = (node.getRoleName(), node.name, node.description, path_of(node.parent))
            if (title, path_of(node)) in KNOWN_GTK_OFFENDERS:
                self.known.add((title, path_of(node)))
                continue
            if key not in self.offenders:
                self.offenders[key] = (title, path_of(node), wrong, node.description)
                bad += 1
        self.screens.append(title)
        print(f"# {title}: {len(found)} interactive, {bad} new offenders "
              f"({time.monotonic() - self.started:.0f} s)", flush=True)
        return found

    def report(self):
        for title, path, wrong, description in self.offenders.values():
            extra = f" (description “{description}”)" if description else ""
            print(f"OFFENDER [{title}] {path}{extra}: {', '.join(wrong)}", flush=True)
        for title, path in sorted(self.known):
            print(f"KNOWN (GTK's own) [{title}] {path}", flush=True)
        print("# by role: " + ", ".join(f"{role} {count}" for role, count in sorted(self.roles.items())))
        print(f"# visited {len(self.screens)} screens, {self.visited} interactive accessibles, "
              f"{len(self.offenders)} offenders, {len(self.known)} known in GTK's own windows", flush=True)

    def known_gone(self):
        """KNOWN_GTK_OFFENDERS on a screen walked that were not found: fixed,
        so to be taken off the list."""
        return sorted((title, path) for title, path in KNOWN_GTK_OFFENDERS
                      if title in self.screens and (title, path) not in self.known)
