"""A full disk or a read-only output folder: the build — scripts/build and plain `mkdocs build` —
ends with one clear line and a non-zero exit, no traceback, and the previous site as it was
(hooks/swap_in.py, hooks/output_folders.py).

Each case runs in a mount namespace of its own (`unshare`), so nothing it mounts outlives it: a
tmpfs of a few megabytes is the disk, filled by the build; a read-only bind mount is the output
folder. Skipped, saying why, only where the machine allows no mount namespace."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys

import pytest

import output_folders
from conftest import ROOT, build_environment

# The disk: big enough for the previous site, far too small for a new one (some 7 MB).
DISK_SIZE = "2m"
NAMESPACE = ["unshare", "--mount", "--propagation", "private"] if os.geteuid() == 0 else ["unshare", "--user", "--map-root-user", "--mount"]

# Runs inside the namespace, on the mounted disk: a previous site, then the build, then what is left.
DRIVER = r"""
import json, os, subprocess, sys
from pathlib import Path

disk, case, command = Path(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
site = disk / "site"
site.mkdir()
(site / "index.html").write_text("the previous build")
if case == "read-only output folder":
    subprocess.run(["mount", "--bind", str(site), str(site)], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", str(site)], check=True)
result = subprocess.run(command + ["-d", str(site)], capture_output=True, text=True)
print(json.dumps({
    "returncode": result.returncode, "output": result.stdout + result.stderr,
    "site": sorted(os.listdir(site)), "index": (site / "index.html").read_text(), "disk": sorted(os.listdir(disk)),
}))
"""

COMMANDS = {
    "scripts/build": [str(ROOT / "scripts" / "build"), "-q", "-f", str(ROOT / "mkdocs.yml")],
    "mkdocs build": [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml")],
}
ERRORS = {"full disk": "No space left on device", "read-only output folder": "is read-only"}


def run_in_own_mount_namespace(disk, case: str, command: list[str]) -> dict:
    mount = f'mount -t tmpfs -o size={DISK_SIZE} tmpfs "$0" && exec "$@"'
    probe = subprocess.run([*NAMESPACE, "sh", "-c", mount, str(disk), "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs in a mount namespace of its own here ({' '.join(NAMESPACE)}: {probe.stderr.strip()})")
    result = subprocess.run(
        [*NAMESPACE, "sh", "-c", mount, str(disk), sys.executable, "-c", DRIVER, str(disk), case, json.dumps(command)],
        capture_output=True, text=True, timeout=300, env=build_environment(),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("case", ERRORS)
@pytest.mark.parametrize("builder", COMMANDS)
def test_a_build_that_cannot_write_says_so_in_one_line_and_leaves_the_previous_site(tmp_path, builder, case):
    disk = tmp_path / "disk"
    disk.mkdir()
    outcome = run_in_own_mount_namespace(disk, case, COMMANDS[builder])

    lines = [line for line in outcome["output"].splitlines() if line.strip()]
    assert outcome["returncode"] != 0
    assert "Traceback" not in outcome["output"]
    assert len([line for line in lines if ERRORS[case] in line]) == 1, outcome["output"]
    assert not [line for line in lines if line.startswith("ERROR")], outcome["output"]
    assert "the previous site is unchanged" in outcome["output"]
    assert outcome["site"] == ["index.html"] and outcome["index"] == "the previous build"
    assert outcome["disk"] == ["site"], "the failed build left folders behind"


def test_a_first_build_that_cannot_write_does_not_speak_of_a_previous_site(tmp_path):
    error = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "site" / "index.html"))
    assert output_folders.failure_line(error, tmp_path / "site").endswith("; no site was written")
    (tmp_path / "site").mkdir()
    assert output_folders.failure_line(error, tmp_path / "site").endswith("; the previous site is unchanged")
