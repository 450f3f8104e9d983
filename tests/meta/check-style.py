#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fail on tab characters or trailing whitespace in sources, on calls that are known to
break on our pinned stack, and on SQLite called anywhere but behind the database seam.

Usage: check-style.py [SOURCE_ROOT]

Checks *.c, *.h, *.ui and meson.build files under src/, ui/ and tests/ and prints one
FILE:LINE: problem line for each offence.
"""

import os
import re
import sys

CHECKED_DIRS = ('src', 'ui', 'tests')
CHECKED_SUFFIXES = ('.c', '.h', '.ui')
CHECKED_NAMES = ('meson.build',)

# Calls that must not appear in src/, with the reason and what to use instead.
FORBIDDEN_CALLS = {
    b'gtk_text_view_set_cursor_visible': 'hiding a text view\'s cursor while it blinks aborts '
                                         'GTK 4.8 (blink_cb); use kes_text_view_set_read_only',
    b'gtk_text_view_new ()': 'a form\'s multi-line field must not take Tab (keyboard users are '
                             'trapped in it); use kes_text_view_new_for_form',
}
# The one place each forbidden call may be made.
ALLOWED_IN = {
    b'gtk_text_view_new ()': 'src/app/kes-app-util.c',
}
# The database engine is reached only through the seam (src/core/store/kes-db.h): its own API
# appears in its implementation folder and nowhere else in src/.
ENGINE_MARKS = (b'sqlite3_', b'<sqlite3.h>', b'SQLITE_')
ENGINE_FOLDER = 'src/core/store/sqlite/'


def wanted(name):
    return name.endswith(CHECKED_SUFFIXES) or name in CHECKED_NAMES


# An accessible description is read aloud after the name: words, never a
# test handle ("new-patient", "A.name"). Handles are widget names
# (kes_widget_set_handle, <property name="name"> in a UI file).
ID_LIKE = re.compile(r'^(?=\S*[-._])\S+$|^[a-z][a-z0-9]*$')
UI_DESCRIPTION = re.compile(rb'<property name="description"[^>]*>([^<]*)</property>')
C_DESCRIPTION = re.compile(rb'GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,\s*"([^"]*)"')


def check_descriptions(data, rel):
    """No id-like accessible description in a UI file's <accessibility> or a
    C literal; kes_widget_set_description no longer exists."""
    problems = []
    inside = False
    for number, line in enumerate(data.split(b'\n'), start=1):
        if b'<accessibility>' in line:
            inside = True
        found = UI_DESCRIPTION.search(line) if rel.endswith('.ui') and inside else C_DESCRIPTION.search(line)
        if found and ID_LIKE.match(found.group(1).decode()):
            problems.append(f'{rel}:{number}: accessible description “{found.group(1).decode()}” is a handle, '
                            'read aloud by screen readers: use kes_widget_set_handle or a widget name')
        if b'</accessibility>' in line:
            inside = False
    return problems


def check_file(path, rel):
    problems = []
    with open(path, 'rb') as f:
        data = f.read()
    for number, raw in enumerate(data.split(b'\n'), start=1):
        line = raw[:-1] if raw.endswith(b'\r') else raw
        if b'\t' in line:
            column = line.index(b'\t') + 1
            problems.append(f'{rel}:{number}:{column}: tab character')
        if line != line.rstrip(b' \t\f\v'):
            problems.append(f'{rel}:{number}: trailing whitespace')
        if raw.endswith(b'\r'):
            problems.append(f'{rel}:{number}: carriage return (CRLF line ending)')
        if rel.startswith('src/') and not rel.startswith(ENGINE_FOLDER):
            for mark in ENGINE_MARKS:
                if mark in line:
                    problems.append(f'{rel}:{number}: {mark.decode()}: SQLite is called only in '
                                    f'{ENGINE_FOLDER}; use the seam, src/core/store/kes-db.h')
        if rel.startswith('src/'):
            for call, reason in FORBIDDEN_CALLS.items():
                if call in line and ALLOWED_IN.get(call) != rel:
                    problems.append(f'{rel}:{number}: {call.decode()}: {reason}')
    if rel.startswith('ui/') and rel.endswith('.ui'):
        problems.extend(check_text_views(data, rel))
    if rel.startswith(('ui/', 'src/app/')):
        problems.extend(check_descriptions(data, rel))
    return problems


def check_text_views(data, rel):
    """Every GtkTextView in a UI file sets accepts-tab to false (see kes_text_view_new_for_form)."""
    problems = []
    lines = data.split(b'\n')
    for number, line in enumerate(lines, start=1):
        if b'<object class="GtkTextView"' not in line:
            continue
        own = []
        for following in lines[number:]:
            if b'<object' in following or b'</object>' in following:
                break
            own.append(following)
        if not any(b'name="accepts-tab">false<' in prop for prop in own):
            problems.append(f'{rel}:{number}: GtkTextView without accepts-tab false: Tab must move to '
                            'the next field')
    return problems


def main(argv):
    default_root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
    root = os.path.abspath(argv[0] if argv else default_root)
    problems = []
    checked = 0
    for top in CHECKED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for name in sorted(filenames):
                if not wanted(name):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root).replace(os.sep, '/')
                problems.extend(check_file(path, rel))
                checked += 1
    for problem in problems:
        print(problem)
    if problems:
        print(f'{len(problems)} style problem(s) in {checked} files')
        return 1
    print(f'{checked} files checked: no tabs, no trailing whitespace')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
