"""Reads over unpacked H5P packages."""

from django.core.files.storage import default_storage

from content.models import H5PLibrary, H5PPackage


def h5p_folder_files(folder: str) -> list[tuple[str, int]]:
    """The stored files below `folder` as (name relative to it, size), sorted.

    Listed through the storage API (not the zip) so that callers see what the
    player will actually find."""
    files = []
    folders = [""]
    root = folder.rstrip("/")
    while folders:
        current = folders.pop()
        try:
            directories, names = default_storage.listdir(
                f"{root}/{current}".rstrip("/")
            )
        except (FileNotFoundError, NotADirectoryError):
            continue
        folders.extend(f"{current}{name}/" for name in directories)
        for name in names:
            relative = f"{current}{name}"
            files.append((relative, default_storage.size(f"{root}/{relative}")))
    return sorted(files)


def h5p_package_files(*, package: H5PPackage) -> list[tuple[str, int]]:
    """The stored files of a package's folder as (relative name, size)."""
    return h5p_folder_files(package.storage_path)


def h5p_library_files(*, library: H5PLibrary) -> list[tuple[str, int]]:
    """The stored files of a library version's folder as (relative name, size)."""
    return h5p_folder_files(library.storage_path)
