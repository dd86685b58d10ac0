"""Unpacking an import beside the live folders, then moving it into place.

A worker can die anywhere in an import (killed, out of memory, a deploy), so an
import writes nothing where the player looks until its database rows are ready:

1. every file goes to a staging folder `h5p-incoming/<token>/`, laid out like
   the live tree; it is outside `h5p/`, so the serving view never reaches it;
2. inside the import's transaction, after its rows are saved and just before it
   commits, each staged folder is moved into place: a new library or content
   folder with one `os.rename`, so it appears whole or not at all; the files of
   an installed library updated to a newer patch one by one with `os.replace`,
   so the packages that play it meanwhile find each file whole, old or new,
   never missing or cut short (files the new patch no longer has go once the
   transaction has committed);
3. the staging folder is removed.

What a worker killed on the way leaves: before step 2, a staging folder and no
rows; between the move and the commit, folders no row points to (the next
import that needs one moves its own copy over it) or a library whose files are
already at the new patch while its row still names the old one (whole files;
importing the package again finishes the update). A row never points at a
folder that is not whole. Imports on one storage run one at a time (an
exclusive `flock` on `h5p-incoming/`), so a staging folder found by an import
is a dead import's leftover, and it is removed then.

Files are written through the storage API; moving and locking need the local
file system behind it (FileSystemStorage, what the platform configures). On a
storage without local paths (an S3 bucket) files are copied into place through
the storage API instead, which is not atomic, and imports are not serialised.
Nothing is fsync'ed: this protects against a dead process, not a power cut.
"""

import fcntl
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

STAGING_PREFIX = "h5p-incoming"


def _local_path(name: str) -> Path | None:
    try:
        return Path(default_storage.path(name))
    except NotImplementedError:
        return None


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@contextmanager
def import_lock() -> Iterator[None]:
    """Hold the storage's H5P import lock (waiting for a running import to end)
    and remove what imports that died left in the staging folder."""
    root = _local_path(STAGING_PREFIX)
    if root is None:
        yield
        return
    root.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        for leftover in root.iterdir():
            _remove(leftover)
        yield
    finally:
        os.close(descriptor)  # releases the lock, as a killed process's exit does


def _unlink_all(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _files_below(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*") if not p.is_dir()}


class Staging:
    """One import's staging folder: `save` files under their live names,
    `publish` live folders, and `discard` what is left in the end."""

    def __init__(self):
        self.root = f"{STAGING_PREFIX}/{uuid.uuid4().hex}"
        self.folders: list[str] = []
        self._saved: list[str] = []

    def save(self, name: str, data: bytes, *, folder: str) -> None:
        """Stage `data` as the live storage name `name`, which lies in `folder`."""
        staged = f"{self.root}/{name}"
        saved = default_storage.save(staged, ContentFile(data))
        self._saved.append(saved)
        if saved != staged:
            raise OSError(f"storage saved {staged!r} as {saved!r}")
        if folder not in self.folders:
            self.folders.append(folder)

    def publish(self) -> None:
        """Move every staged folder to its live place; call inside the
        transaction that saves the rows pointing at them, just before it ends."""
        for folder in self.folders:
            source, target = _local_path(f"{self.root}/{folder}"), _local_path(folder)
            if source is None or target is None:
                self._copy(folder)
            elif not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.rename(source, target)
            else:
                self._replace_files(source, target)

    def _replace_files(self, source: Path, target: Path) -> None:
        """A live folder (a library updated to a newer patch), or one a killed
        import moved into place without committing its row."""
        new = _files_below(source)
        for relative in sorted(new):
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            os.replace(source / relative, target / relative)
        dropped = [target / relative for relative in _files_below(target) - new]
        if dropped:
            transaction.on_commit(lambda: _unlink_all(dropped))

    def _copy(self, folder: str) -> None:
        prefix = f"{self.root}/"
        for staged in self._saved:
            name = staged.removeprefix(prefix)
            if not name.startswith(f"{folder}/"):
                continue
            with default_storage.open(staged, "rb") as file:
                data = file.read()
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, ContentFile(data))

    def discard(self) -> None:
        """Remove the staging folder (after a publish, what is left of it)."""
        local = _local_path(self.root)
        if local is not None:
            shutil.rmtree(local, ignore_errors=True)
            return
        for name in self._saved:
            default_storage.delete(name)
