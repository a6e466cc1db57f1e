"""Output folders that are never half-written (a plain module: hooks/swap_in.py and sitebuild/ use it).

A build writes into a fresh folder beside its output and swaps it in once everything is written,
so a failed build (a full disk, a folder it may not write, a broken catalogue) leaves the previous
site as it was. Folders beside the output are on the same file system, so the swap is two renames.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


# Fresh folders of this process not yet swapped in or removed: removed when the process ends early
# (Ctrl-C stops a build without MkDocs' error event).
_unfinished: set[Path] = set()


class OutputError(Exception):
    """An output folder that cannot be written or replaced, said in one line."""


def _mode_for_new_folders() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def check_replaceable(target: Path) -> None:
    """Fail before building when the output could not be replaced at the end."""
    parent = target.parent
    for folder in (target, parent) if target.exists() else (parent,):
        if folder.exists() and not os.access(folder, os.W_OK):
            raise OutputError(f"cannot replace {target}: {folder} is read-only; {_unchanged(target)}")
    if target.exists() and not target.is_dir():
        raise OutputError(f"cannot replace {target}: it is a file, not a folder")


def fresh_folder_beside(target: Path, purpose: str) -> Path:
    """A new empty folder next to `target`, named so that it is hidden and says what it is for."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.{purpose}-", dir=target.parent))
        os.chmod(folder, _mode_for_new_folders())  # a site folder, not a private temporary one (mkdtemp makes 0700)
    except OSError as error:
        raise OutputError(failure_line(error, target)) from None
    _unfinished.add(folder)
    return folder


def swap_in(fresh: Path, target: Path) -> None:
    """Put the finished `fresh` folder in the place of `target` (which may not exist yet)."""
    try:
        if not target.exists():
            fresh.rename(target)
            _unfinished.discard(fresh)
            return
        old = fresh.with_name(fresh.name + ".old")
        target.rename(old)
        try:
            fresh.rename(target)
        except OSError:
            old.rename(target)
            raise
    except OSError as error:
        remove(fresh)
        raise OutputError(failure_line(error, target)) from None
    _unfinished.discard(fresh)
    remove_in_background(old)


def remove_in_background(folder: Path) -> None:
    """Remove a folder no longer needed without waiting: a whole site's thousands of files can take
    seconds when the disk is busy, and the build is done."""
    try:
        subprocess.Popen(["rm", "-rf", "--", str(folder)], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:  # no rm
        remove(folder)


def remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        _unfinished.discard(folder)


@atexit.register
def remove_unfinished() -> None:
    for folder in list(_unfinished):
        remove(folder)


def failure_line(error: OSError, target: Path) -> str:
    """One line for an error while writing a site: what failed, where, and that nothing changed."""
    written = error.filename2 or error.filename  # copying a file names the source first, the file written second
    where = f" ({written})" if written else ""
    return f"cannot write the site to {target}: {error.strerror or error}{where}; {_unchanged(target)}"


def _unchanged(target: Path) -> str:
    return "the previous site is unchanged" if target.exists() else "no site was written"
