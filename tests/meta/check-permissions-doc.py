#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every public entry point of core is accounted for in docs/permissions.md.

A function named kes_store_* or kes_backup_* declared in a public header of
src/core (not *-private.h) must be in the table "Where core enforces it"
(which tests/core/test-permission-walk.c tries as every role) or in
"Needing no permission" (with the reason). A new entry point that is in
neither fails here, so nobody adds one without deciding what it needs; a
name in the tables that no header declares any more fails too.
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
declared = set()
for header in sorted((root / "src" / "core").rglob("*.h")):
    if header.name.endswith("-private.h"):
        continue
    text = header.read_text(encoding="utf-8")
    # A declaration: the name, then its arguments, at the start of a
    # line's name column (after the return type).
    for name in re.findall(r"\b(kes_(?:store|backup)_[a-z0-9_]+)\s*\(", text):
        if not name.endswith("_get_type"):  # the GObject type, no entry point
            declared.add(name)

doc = (root / "docs" / "permissions.md").read_text(encoding="utf-8")
listed = set()
section = None
for line in doc.splitlines():
    if line.startswith("## "):
        section = line[3:].strip()
    if section in ("Where core enforces it", "Needing no permission") and line.startswith("| `"):
        first_cell = line.split("|")[1]
        listed.update(re.findall(r"`(kes_(?:store|backup)_[a-z0-9_]+)`", first_cell))

problems = []
for name in sorted(declared - listed):
    problems.append(f"{name} is declared in src/core but in neither table of docs/permissions.md")
for name in sorted(listed - declared):
    problems.append(f"docs/permissions.md lists {name}, which no public header of src/core declares")
for problem in problems:
    print(problem)
if problems:
    sys.exit(1)
print(f"{len(declared)} entry points, each in docs/permissions.md")
