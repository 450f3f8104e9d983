#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that po/POTFILES.in lists every file with translatable strings, sorted.

Usage: check-potfiles.py [--update] [SOURCE_ROOT]

Scans src/, ui/ and data/ for files holding translatable strings:
  - C sources and headers using _(), N_(), C_(), NC_(), Q_(), ngettext() or g_d*gettext*()
  - GtkBuilder files with translatable="yes"
  - desktop entries, AppStream metainfo and GSettings schemas (always translatable)
Fails, naming the file, when one is missing from POTFILES.in, when POTFILES.in lists a file
that does not exist, lists a file twice, or is not sorted. With --update, rewrites POTFILES.in
from the scan instead (tools/update-potfiles.sh).
"""

import os
import re
import sys

SCANNED_DIRS = ('src', 'ui', 'data')

HEADER = (
    '# Files with translatable strings, one per line, sorted (LC_ALL=C).\n'
    '# Regenerate with tools/update-potfiles.sh; the potfiles-complete test checks it.\n'
)

C_MARKERS = re.compile(
    r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext)\s*\(\s*"'
    r'|(?<![A-Za-z0-9_])g_d(?:c|n|p)?gettext2?\s*\('
)
UI_MARKER = re.compile(r'translatable\s*=\s*["\']yes["\']')
ALWAYS_TRANSLATABLE = (
    '.desktop.in.in',
    '.desktop.in',
    '.metainfo.xml.in.in',
    '.metainfo.xml.in',
    '.gschema.xml',
)


def read_text(path):
    try:
        with open(path, encoding='utf-8') as f:
            return f.read()
    except (UnicodeDecodeError, OSError):
        return ''


def is_translatable(path):
    name = os.path.basename(path)
    if name.endswith(ALWAYS_TRANSLATABLE):
        return True
    if name.endswith(('.c', '.h')):
        return C_MARKERS.search(read_text(path)) is not None
    if name.endswith('.ui'):
        return UI_MARKER.search(read_text(path)) is not None
    return False


def scan(root):
    found = []
    for top in SCANNED_DIRS:
        base = os.path.join(root, top)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for name in filenames:
                if name.startswith('.') or name.endswith('~'):
                    continue
                path = os.path.join(dirpath, name)
                if is_translatable(path):
                    found.append(os.path.relpath(path, root).replace(os.sep, '/'))
    return sorted(found, key=lambda p: p.encode('utf-8'))


def read_potfiles(potfiles):
    entries = []
    with open(potfiles, encoding='utf-8') as f:
        for number, line in enumerate(f, start=1):
            entry = line.strip()
            if not entry or entry.startswith('#'):
                continue
            entries.append((number, entry))
    return entries


def write_potfiles(potfiles, files):
    with open(potfiles, 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for path in files:
            f.write(path + '\n')


def check(root, potfiles):
    rel = os.path.relpath(potfiles, root)
    if not os.path.exists(potfiles):
        print(f'{rel}: missing')
        return 1

    entries = read_potfiles(potfiles)
    listed = [entry for _, entry in entries]
    problems = []

    for number, entry in entries:
        if not os.path.isfile(os.path.join(root, entry)):
            problems.append(f'{rel}:{number}: lists {entry}, which does not exist')

    seen = set()
    for number, entry in entries:
        if entry in seen:
            problems.append(f'{rel}:{number}: lists {entry} twice')
        seen.add(entry)

    for (number, entry), (_, following) in zip(entries, entries[1:]):
        if entry.encode('utf-8') > following.encode('utf-8'):
            problems.append(f'{rel}:{number}: not sorted: {entry} comes before {following}')

    for path in scan(root):
        if path not in seen:
            problems.append(f'{path}: has translatable strings but is not listed in {rel}')

    for problem in problems:
        print(problem)
    if problems:
        print(f'{len(problems)} problem(s); run tools/update-potfiles.sh to regenerate {rel}')
        return 1

    print(f'{rel}: {len(listed)} files, complete and sorted')
    return 0


def main(argv):
    update = '--update' in argv
    args = [a for a in argv if a != '--update']
    if len(args) > 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    default_root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
    root = os.path.abspath(args[0] if args else default_root)
    potfiles = os.path.join(root, 'po', 'POTFILES.in')

    if update:
        files = scan(root)
        write_potfiles(potfiles, files)
        print(f'po/POTFILES.in: wrote {len(files)} files')
        return 0
    return check(root, potfiles)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
