#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Parse and sanity-check the Flatpak manifest.

Usage: check-flatpak-manifest.py MANIFEST

Uses `flatpak-builder --show-manifest` when flatpak-builder is installed; the JSON is always
parsed and checked for what Kestrel relies on: the GNOME 43 runtime, the `kestrel` command,
minimal finish-args, archive sources pinned by sha256, and the app module built with meson
from the source tree with its tests run.
"""

import json
import os
import re
import shutil
import subprocess
import sys

ALLOWED_FINISH_ARGS = {
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
}
SHA256 = re.compile(r'^[0-9a-f]{64}$')


def check_manifest(path, manifest):
    problems = []

    def expect(key, value):
        if manifest.get(key) != value:
            problems.append(f'"{key}" is {manifest.get(key)!r}, expected {value!r}')

    app_id = os.path.basename(path)[: -len('.json')]
    expect('app-id', app_id)
    expect('runtime', 'org.gnome.Platform')
    expect('sdk', 'org.gnome.Sdk')
    expect('runtime-version', '43')
    expect('command', 'kestrel')

    finish_args = manifest.get('finish-args', [])
    for arg in finish_args:
        if arg not in ALLOWED_FINISH_ARGS:
            problems.append(f'finish-args: {arg} is more than the app needs')

    modules = manifest.get('modules', [])
    if not modules:
        problems.append('no modules')
        return problems

    for module in modules:
        if isinstance(module, str):
            continue
        name = module.get('name', '<unnamed>')
        if 'buildsystem' not in module:
            problems.append(f'module {name}: no buildsystem')
        sources = module.get('sources', [])
        if not sources:
            problems.append(f'module {name}: no sources')
        for source in sources:
            if source.get('type') == 'archive':
                if not source.get('url', '').startswith('https://'):
                    problems.append(f'module {name}: archive url must be https')
                if not SHA256.match(source.get('sha256', '')):
                    problems.append(f'module {name}: archive needs a sha256')

    app = modules[-1]
    if isinstance(app, str) or app.get('name') != 'kestrel':
        problems.append('the last module must be kestrel')
        return problems
    if app.get('buildsystem') != 'meson':
        problems.append('module kestrel: buildsystem must be meson')
    if app.get('run-tests') is not True:
        problems.append('module kestrel: "run-tests" must be true')
    dirs = [s for s in app.get('sources', []) if s.get('type') == 'dir']
    if not dirs:
        problems.append('module kestrel: needs a dir source for the source tree')
    for source in dirs:
        tree = os.path.normpath(os.path.join(os.path.dirname(path), source.get('path', '')))
        if not os.path.isfile(os.path.join(tree, 'meson.build')):
            problems.append(f'module kestrel: dir source {source.get("path")!r} is not the source tree')
    return problems


def main(argv):
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path = os.path.abspath(argv[0])

    builder = shutil.which('flatpak-builder')
    if builder:
        result = subprocess.run([builder, '--show-manifest', path],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            print(f'{path}: flatpak-builder --show-manifest failed:\n{result.stderr}')
            return 1
        print('flatpak-builder --show-manifest: parsed')
    else:
        print('flatpak-builder not installed: checking the JSON only')

    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except json.JSONDecodeError as e:
        print(f'{path}:{e.lineno}:{e.colno}: {e.msg}')
        return 1

    problems = check_manifest(path, manifest)
    for problem in problems:
        print(f'{os.path.basename(path)}: {problem}')
    if problems:
        return 1
    print(f'{os.path.basename(path)}: {len(manifest["modules"])} modules, manifest OK')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
