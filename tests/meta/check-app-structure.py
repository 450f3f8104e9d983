#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fail when a C file under src/ grows past 800 lines, or when an action installed with
gtk_widget_class_install_action() has a handler not named kes_<thing>_<action>_action
(HACKING.md, "Inside a .c file").

Usage: check-app-structure.py [SOURCE_ROOT]

Prints one FILE:LINE: problem line for each offence.
"""

import os
import re
import sys

MAX_LINES = 800

# Files still over the limit or with handlers of the old names, owned by work in progress
# elsewhere (issue 22). This list may only shrink: remove a file once it is fixed.
KNOWN_LONG = set()
KNOWN_ACTION_NAMES = set()

INSTALL = re.compile(r'gtk_widget_class_install_action\s*\(\s*[^,]+,\s*"([^"]+)"\s*,\s*[^,]+,\s*([A-Za-z_0-9]+)\s*\)',
                     re.S)
HANDLER = re.compile(r'^kes_[a-z0-9_]+_action$')


def check_file(path, rel):
    problems = []
    with open(path, encoding='utf-8') as f:
        text = f.read()
    lines = text.count('\n')
    if lines > MAX_LINES and rel not in KNOWN_LONG:
        problems.append(f'{rel}:{lines}: {lines} lines, over {MAX_LINES}: give a part its own file '
                        '(kes-thing-part.c with a kes-thing-private.h)')
    if rel not in KNOWN_ACTION_NAMES:
        for match in INSTALL.finditer(text):
            action, handler = match.groups()
            if not HANDLER.match(handler):
                number = text.count('\n', 0, match.start()) + 1
                problems.append(f'{rel}:{number}: action "{action}" is handled by {handler}: name it '
                                'kes_<thing>_<action>_action')
    return problems


def main(argv):
    default_root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
    root = os.path.abspath(argv[0] if argv else default_root)
    problems = []
    checked = 0
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, 'src')):
        dirnames[:] = sorted(dirnames)
        for name in sorted(filenames):
            if not name.endswith('.c'):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root).replace(os.sep, '/')
            problems.extend(check_file(path, rel))
            checked += 1
    for known in sorted(KNOWN_LONG | KNOWN_ACTION_NAMES):
        if not os.path.exists(os.path.join(root, known)):
            problems.append(f'{known}: listed as a known exception but gone: take it off the list')
    for problem in problems:
        print(problem)
    if problems:
        print(f'{len(problems)} problem(s) in {checked} files')
        return 1
    print(f'{checked} files checked: none over {MAX_LINES} lines, every installed action named '
          'kes_<thing>_<action>_action')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
