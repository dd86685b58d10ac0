"""Reads over unpacked H5P packages."""

from django.core.files.storage import default_storage

from content.models import H5PPackage


def h5p_package_files(*, package: H5PPackage) -> list[tuple[str, int]]:
    """The stored files of a package's folder as (relative name, size), sorted.

    Listed through the storage API (not the zip) so the inspect view shows what
    the player will actually find.
    """
    files = []
    folders = [""]
    root = package.storage_path.rstrip("/")
    while folders:
        folder = folders.pop()
        try:
            directories, names = default_storage.listdir(f"{root}/{folder}".rstrip("/"))
        except (FileNotFoundError, NotADirectoryError):
            continue
        folders.extend(f"{folder}{name}/" for name in directories)
        for name in names:
            relative = f"{folder}{name}"
            files.append((relative, default_storage.size(f"{root}/{relative}")))
    return sorted(files)
