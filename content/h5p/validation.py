"""Checking an uploaded .h5p file before anything is written to storage.

The rules follow H5P core's upload validation, because packages made for Moodle,
WordPress or Drupal must behave the same here: path segments starting with "." or
"_" are skipped, content may only hold data files, library folders may add code,
and every dependency must be resolvable. On top of that the archive itself is
distrusted: names that could leave the target folder, symlinks, zip bombs and
archives with more bytes than declared are rejected, counting the bytes actually
inflated rather than the sizes the zip claims.
"""

import json
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MIB = 1024 * 1024
CHUNK_BYTES = 64 * 1024
BOMB_RATIO = 100
BOMB_THRESHOLD_BYTES = MIB

CONTENT_EXTENSIONS = frozenset(
    "json png jpg jpeg gif bmp tif tiff eot ttf woff woff2 otf webm mp4 ogg mp3 m4a "
    "wav txt pdf rtf doc docx xls xlsx ppt pptx odt ods odp csv vtt webvtt gltf "
    "glb".split()
)
# H5P core's default library allowlist adds code and a few text formats (real
# packages ship `.patch` notes, e.g. jQuery.ui); code is why installing a library
# needs its own permission.
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | frozenset(
    "js css svg xml diff patch md textile".split()
)
LIBRARY_FOLDER = re.compile(r"^(?P<name>[\w.-]+)-(?P<major>\d+)\.(?P<minor>\d+)$")
MACHINE_NAME = re.compile(r"^[\w.-]{1,255}$")
DRIVE_LETTER = re.compile(r"^[A-Za-z]:")
EMBED_TYPES = {"div", "iframe"}


class H5PValidationError(Exception):
    """A rejected package; `message` is shown to the uploader as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def max_file_bytes() -> int:
    return getattr(settings, "H5P_MAX_FILE_BYTES", 16 * MIB)


def max_total_bytes() -> int:
    return getattr(settings, "H5P_MAX_TOTAL_BYTES", 64 * MIB)


def max_upload_bytes() -> int:
    return getattr(settings, "H5P_MAX_UPLOAD_BYTES", 64 * MIB)


def max_entries() -> int:
    return getattr(settings, "H5P_MAX_ENTRIES", 10_000)


@dataclass(frozen=True, order=True)
class LibraryRef:
    """A library version as H5P addresses it: machine name, major and minor."""

    machine_name: str
    major: int
    minor: int

    @property
    def folder(self) -> str:
        return f"{self.machine_name}-{self.major}.{self.minor}"

    def __str__(self) -> str:
        return f"{self.machine_name} {self.major}.{self.minor}"


@dataclass
class BundledLibrary:
    """A library folder found in the package."""

    ref: LibraryRef
    patch: int
    library_json: dict[str, Any]
    dependencies: list[LibraryRef]
    entries: list[tuple[zipfile.ZipInfo, str]] = field(default_factory=list)


@dataclass
class ValidatedPackage:
    """Everything the import needs, gathered without writing anything.

    `content_entries` and each library's `entries` pair a zip entry with its
    path relative to the package or library folder.
    """

    h5p_json: dict[str, Any]
    main_library: LibraryRef
    dependencies: list[LibraryRef]
    content_entries: list[tuple[zipfile.ZipInfo, str]]
    libraries: dict[LibraryRef, BundledLibrary]
    size_bytes: int


class _Budget:
    """Counts inflated bytes across the whole archive."""

    def __init__(self):
        self.total = 0


def read_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget | None = None
) -> bytes:
    """Inflate one entry in chunks, enforcing the limits on the bytes really read."""
    per_file = max_file_bytes()
    total_limit = max_total_bytes()
    compressed = max(info.compress_size, 1)
    chunks = []
    read = 0
    try:
        with archive.open(info) as source:
            while chunk := source.read(CHUNK_BYTES):
                read += len(chunk)
                if read > per_file:
                    raise H5PValidationError(
                        _("“%(name)s” is larger than the limit of %(limit)s per file.")
                        % {"name": info.filename, "limit": filesizeformat(per_file)}
                    )
                if read > BOMB_THRESHOLD_BYTES and read > BOMB_RATIO * compressed:
                    raise H5PValidationError(
                        _(
                            "“%(name)s” inflates to more than %(ratio)s times its "
                            "compressed size; the file looks like a zip bomb."
                        )
                        % {"name": info.filename, "ratio": BOMB_RATIO}
                    )
                if budget is not None:
                    budget.total += len(chunk)
                    if budget.total > total_limit:
                        raise H5PValidationError(
                            _("The unpacked package is larger than the limit of %s.")
                            % filesizeformat(total_limit)
                        )
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise H5PValidationError(
            _("The entry “%s” in the package is corrupt.") % info.filename
        ) from error
    except (RuntimeError, NotImplementedError) as error:  # encrypted, odd method
        raise H5PValidationError(
            _("The entry “%s” is encrypted or uses an unsupported compression.")
            % info.filename
        ) from error
    return b"".join(chunks)


def _check_name(info: zipfile.ZipInfo) -> list[str] | None:
    """The entry's path segments, None if H5P skips it; rejects unsafe names."""
    name = info.filename
    unsafe = (
        not name
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or DRIVE_LETTER.match(name)
        or any(segment in ("..", ".") for segment in name.split("/"))
    )
    if unsafe:
        raise H5PValidationError(
            _("The entry “%s” has an unsafe path (absolute, “..” or backslashes).")
            % name
        )
    if stat.S_ISLNK(info.external_attr >> 16):
        raise H5PValidationError(
            _("The entry “%s” is a symbolic link; links are not allowed.") % name
        )
    if info.is_dir():
        return None
    segments = name.split("/")
    if any(segment == "" for segment in segments):
        raise H5PValidationError(_("The entry “%s” has an empty path segment.") % name)
    if any(segment[0] in "._" for segment in segments):
        return None
    return segments


def _extension(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _load_json(data: bytes, name: str) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise H5PValidationError(_("“%s” is not valid JSON.") % name) from error


def _version(value: Any, where: str, key: str) -> int:
    if isinstance(value, bool):
        value = None
    if isinstance(value, int) and value >= 0:
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    raise H5PValidationError(
        _("“%(where)s”: “%(key)s” must be a version number.")
        % {"where": where, "key": key}
    )


def parse_dependencies(
    data: dict[str, Any], where: str, key: str = "preloadedDependencies"
) -> list[LibraryRef]:
    """The library versions listed under `key` (as in h5p.json and library.json)."""
    dependencies = data.get(key, [])
    if not isinstance(dependencies, list):
        raise H5PValidationError(
            _("“%(where)s”: “%(key)s” must be a list.") % {"where": where, "key": key}
        )
    refs = []
    for dependency in dependencies:
        if not isinstance(dependency, dict) or not MACHINE_NAME.match(
            str(dependency.get("machineName", ""))
        ):
            raise H5PValidationError(
                _("“%(where)s”: every entry of “%(key)s” needs a valid machineName.")
                % {"where": where, "key": key}
            )
        refs.append(
            LibraryRef(
                dependency["machineName"],
                _version(dependency.get("majorVersion"), where, "majorVersion"),
                _version(dependency.get("minorVersion"), where, "minorVersion"),
            )
        )
    return refs


def _check_h5p_json(h5p_json: Any) -> tuple[LibraryRef, list[LibraryRef]]:
    if not isinstance(h5p_json, dict):
        raise H5PValidationError(_("“h5p.json” must be a JSON object."))
    for key in ("title", "language", "mainLibrary"):
        if not isinstance(h5p_json.get(key), str) or not h5p_json[key].strip():
            raise H5PValidationError(
                _("“h5p.json” is missing the required field “%s”.") % key
            )
    for key in ("preloadedDependencies", "embedTypes"):
        if key not in h5p_json:
            raise H5PValidationError(
                _("“h5p.json” is missing the required field “%s”.") % key
            )
    embed_types = h5p_json["embedTypes"]
    if (
        not isinstance(embed_types, list)
        or not embed_types
        or not set(embed_types) <= EMBED_TYPES
    ):
        raise H5PValidationError(
            _("“h5p.json”: “embedTypes” must list “div” and/or “iframe”.")
        )
    dependencies = parse_dependencies(h5p_json, "h5p.json")
    main = [ref for ref in dependencies if ref.machine_name == h5p_json["mainLibrary"]]
    if not main:
        raise H5PValidationError(
            _("“h5p.json”: the main library “%s” is not among its dependencies.")
            % h5p_json["mainLibrary"]
        )
    return main[0], dependencies


def _check_library_json(folder: str, library_json: Any) -> BundledLibrary:
    where = f"{folder}/library.json"
    if not isinstance(library_json, dict):
        raise H5PValidationError(_("“%s” must be a JSON object.") % where)
    machine_name = library_json.get("machineName")
    if not isinstance(machine_name, str) or not MACHINE_NAME.match(machine_name):
        raise H5PValidationError(_("“%s” is missing a valid “machineName”.") % where)
    ref = LibraryRef(
        machine_name,
        _version(library_json.get("majorVersion"), where, "majorVersion"),
        _version(library_json.get("minorVersion"), where, "minorVersion"),
    )
    patch = _version(library_json.get("patchVersion"), where, "patchVersion")
    if ref.folder != folder:
        raise H5PValidationError(
            _(
                "The folder “%(folder)s” holds the library %(library)s; "
                "the names differ."
            )
            % {"folder": folder, "library": ref}
        )
    return BundledLibrary(
        ref=ref,
        patch=patch,
        library_json=library_json,
        dependencies=parse_dependencies(library_json, where),
    )


def validate_package(archive: zipfile.ZipFile) -> ValidatedPackage:
    """Check every rule, reading every kept entry once; raise on the first problem."""
    entries = archive.infolist()
    if len(entries) > max_entries():
        raise H5PValidationError(
            _("The package has %(count)s entries; at most %(limit)s are allowed.")
            % {"count": len(entries), "limit": max_entries()}
        )
    seen = set()
    budget = _Budget()
    h5p_json = None
    content_json = None
    content_entries: list[tuple[zipfile.ZipInfo, str]] = []
    library_entries: dict[str, list[tuple[zipfile.ZipInfo, str]]] = {}
    library_jsons: dict[str, Any] = {}
    for info in entries:
        segments = _check_name(info)
        if segments is None:
            continue
        if info.filename in seen:
            raise H5PValidationError(
                _("The entry “%s” appears twice in the package.") % info.filename
            )
        seen.add(info.filename)
        top = segments[0]
        extension = _extension(info.filename)
        if len(segments) == 1:
            if top == "h5p.json":
                h5p_json = _load_json(read_entry(archive, info, budget), top)
                content_entries.append((info, top))
                continue
            if extension not in CONTENT_EXTENSIONS:
                raise H5PValidationError(
                    _("The file “%s” is not allowed in an H5P package.") % top
                )
            continue  # other top-level files (notes, readme) are not stored
        relative = "/".join(segments[1:])
        if top == "content":
            if extension not in CONTENT_EXTENSIONS:
                raise H5PValidationError(
                    _(
                        "The file “%s” is not allowed in the content folder "
                        "(only media and data files are)."
                    )
                    % info.filename
                )
            data = read_entry(archive, info, budget)
            if relative == "content.json":
                content_json = _load_json(data, info.filename)
            content_entries.append((info, info.filename))
            continue
        if not LIBRARY_FOLDER.match(top):
            raise H5PValidationError(
                _(
                    "The folder “%s” is neither “content” nor a library folder "
                    "named “Machine.Name-major.minor”."
                )
                % top
            )
        if extension not in LIBRARY_EXTENSIONS:
            raise H5PValidationError(
                _("The file “%s” is not allowed in a library folder.") % info.filename
            )
        data = read_entry(archive, info, budget)
        if relative == "library.json":
            library_jsons[top] = _load_json(data, info.filename)
        library_entries.setdefault(top, []).append((info, relative))

    if h5p_json is None:
        raise H5PValidationError(
            _("The file is not an H5P package: “h5p.json” is missing.")
        )
    main_library, dependencies = _check_h5p_json(h5p_json)
    if content_json is None:
        raise H5PValidationError(
            _("The package has no content: “content/content.json” is missing.")
        )
    libraries = {}
    for folder, files in sorted(library_entries.items()):
        if folder not in library_jsons:
            raise H5PValidationError(
                _("The library folder “%s” has no “library.json”.") % folder
            )
        library = _check_library_json(folder, library_jsons[folder])
        library.entries = files
        libraries[library.ref] = library
    return ValidatedPackage(
        h5p_json=h5p_json,
        main_library=main_library,
        dependencies=dependencies,
        content_entries=content_entries,
        libraries=libraries,
        size_bytes=budget.total,
    )
