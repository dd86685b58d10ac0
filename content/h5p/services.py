"""Importing .h5p files: validate, resolve libraries, unpack into storage.

The whole archive is validated and every dependency resolved before the first
byte is written, so a rejected package leaves storage and the database as they
were. Files are written through `default_storage` into a staging folder and
moved into place in the last step of the transaction that saves their rows, so
a worker killed half-way leaves no half-unpacked package or library behind
(staging.py says how, and what it takes of the storage).

Libraries are shared: each version (`Machine.Name-major.minor`) is unpacked once
under `h5p/libraries/<folder>/` and used by every package that needs it. Because
libraries are code that runs in the learner's browser, only users with
`content.install_h5p_library` may add a library version or update an installed
one to a newer patch; for everyone else the package's own copies are ignored and
the installed versions used, and a package that needs a library the platform
does not have is rejected. Library folders the package carries but does not need
at run time (editor libraries such as `H5PEditor.*`) are validated but not
installed, since the player never loads them.
"""

import hashlib
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from content.models import H5PLibrary, H5PPackage

from .staging import Staging, import_lock
from .storage import library_storage_path, package_storage_path
from .validation import (
    BundledLibrary,
    H5PValidationError,
    LibraryRef,
    ValidatedPackage,
    max_upload_bytes,
    parse_dependencies,
    read_entry,
    validate_package,
)

__all__ = ["H5PValidationError", "h5p_package_import"]

INSTALL_PERMISSION = "content.install_h5p_library"
HASH_CHUNK_BYTES = 1024 * 1024


@dataclass
class _Resolved:
    """How one needed library version is provided."""

    ref: LibraryRef
    installed: H5PLibrary | None
    bundled: BundledLibrary | None
    action: str  # "use", "install" or "update"


def user_can_install_h5p_libraries(user) -> bool:
    """None stands for the system (management command without --user)."""
    return user is None or user.has_perm(INSTALL_PERMISSION)


def _hash_upload(file: IO[bytes]) -> str:
    limit = max_upload_bytes()
    digest = hashlib.sha256()
    size = 0
    file.seek(0)
    while chunk := file.read(HASH_CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            raise H5PValidationError(
                _("The file is larger than the upload limit of %s.")
                % filesizeformat(limit)
            )
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _resolve_libraries(
    package: ValidatedPackage, *, can_install: bool
) -> list[_Resolved]:
    """Walk the preloaded dependencies from h5p.json through every library.json."""
    installed = {
        LibraryRef(lib.machine_name, lib.major_version, lib.minor_version): lib
        for lib in H5PLibrary.objects.all()
    }
    resolved: dict[LibraryRef, _Resolved] = {}
    missing: list[str] = []
    queue = [(ref, "h5p.json") for ref in package.dependencies]
    while queue:
        ref, required_by = queue.pop(0)
        if ref in resolved:
            continue
        bundled = package.libraries.get(ref)
        library = installed.get(ref)
        if library is None and bundled is None:
            missing.append(
                _("%(library)s (required by %(by)s)")
                % {"library": ref, "by": required_by}
            )
            resolved[ref] = _Resolved(ref, None, None, "missing")
            continue
        if library is None:
            entry = _Resolved(ref, None, bundled, "install")
            dependencies = bundled.dependencies
        elif bundled and bundled.patch > library.patch_version and can_install:
            entry = _Resolved(ref, library, bundled, "update")
            dependencies = bundled.dependencies
        else:
            entry = _Resolved(ref, library, None, "use")
            try:
                dependencies = parse_dependencies(library.library_json, str(ref))
            except H5PValidationError:
                dependencies = []
        resolved[ref] = entry
        queue.extend((dependency, ref.folder) for dependency in dependencies)
    if missing:
        raise H5PValidationError(
            _("Missing H5P libraries, neither in the package nor installed: %s.")
            % "; ".join(missing)
        )
    new = sorted(str(r.ref) for r in resolved.values() if r.action == "install")
    if new and not can_install:
        raise H5PValidationError(
            _(
                "This package brings H5P libraries that are not installed yet: "
                "%s. Only administrators may install new libraries; ask one to "
                "upload this package first."
            )
            % ", ".join(new)
        )
    return list(resolved.values())


def _library_fields(bundled: BundledLibrary) -> dict[str, Any]:
    title = bundled.library_json.get("title")
    return {
        "patch_version": bundled.patch,
        "title": (title if isinstance(title, str) else "")[:255],
        "library_json": bundled.library_json,
    }


def _stage(
    resolved: list[_Resolved],
    package: ValidatedPackage,
    archive: zipfile.ZipFile,
    staging: Staging,
    storage_path: str,
) -> None:
    """Write every file the import adds or replaces to the staging folder."""
    for entry in resolved:
        if entry.action in ("install", "update"):
            folder = library_storage_path(entry.ref.folder)
            for info, relative in entry.bundled.entries:
                staging.save(
                    f"{folder}/{relative}", read_entry(archive, info), folder=folder
                )
    for info, relative in package.content_entries:
        staging.save(
            f"{storage_path}/{relative}",
            read_entry(archive, info),
            folder=storage_path,
        )


def _library_rows(resolved: list[_Resolved], user) -> list[H5PLibrary]:
    libraries = []
    for entry in resolved:
        if entry.action == "install":
            library = H5PLibrary(
                machine_name=entry.ref.machine_name,
                major_version=entry.ref.major,
                minor_version=entry.ref.minor,
                storage_path=library_storage_path(entry.ref.folder),
                installed_by=user,
                **_library_fields(entry.bundled),
            )
            library.full_clean(exclude=[] if user else ["installed_by"])
            library.save()
        elif entry.action == "update":
            library = entry.installed
            for name, value in _library_fields(entry.bundled).items():
                setattr(library, name, value)
            library.installed_by = user
            library.full_clean(exclude=[] if user else ["installed_by"])
            library.save()
        else:
            library = entry.installed
        libraries.append(library)
    return libraries


def _package_row(
    package: ValidatedPackage, user, content_hash: str, storage_path: str, source
) -> H5PPackage:
    name = source if isinstance(source, str) else getattr(source, "name", "") or ""
    instance = H5PPackage(
        title=package.h5p_json["title"].strip()[:255],
        main_library=str(package.main_library),
        content_hash=content_hash,
        storage_path=storage_path,
        original_filename=name.replace("\\", "/").rsplit("/", 1)[-1][:255],
        size_bytes=package.size_bytes,
        h5p_json=package.h5p_json,
        uploaded_by=user,
    )
    instance.full_clean(exclude=[] if user else ["uploaded_by"])
    instance.save()
    return instance


def h5p_package_import(*, file: IO[bytes], user=None, filename: str = "") -> H5PPackage:
    """Validate and unpack an uploaded .h5p file; return its package.

    `file` is any binary, seekable file object (an UploadedFile, an open file).
    `user` is the uploader; None means the system (the import command without
    --user) and may install libraries. An identical file uploaded before (same
    SHA-256) returns the existing package without storing anything.
    Raises H5PValidationError with a message for the uploader.
    """
    content_hash = _hash_upload(file)
    with import_lock():
        existing = H5PPackage.objects.filter(content_hash=content_hash).first()
        if existing is not None:
            return existing
        try:
            archive = zipfile.ZipFile(file)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
            raise H5PValidationError(
                _("The file is not a valid H5P package (not a readable zip archive).")
            ) from error
        with archive:
            package = validate_package(archive)
            resolved = _resolve_libraries(
                package, can_install=user_can_install_h5p_libraries(user)
            )
            storage_path = package_storage_path(content_hash)
            staging = Staging()
            try:
                _stage(resolved, package, archive, staging, storage_path)
                with transaction.atomic():
                    libraries = _library_rows(resolved, user)
                    instance = _package_row(
                        package, user, content_hash, storage_path, filename or file
                    )
                    instance.libraries.set(libraries)
                    staging.publish()  # the last step before the commit
            finally:
                staging.discard()
    return instance
