"""Where H5P files live in storage, and the URLs the player fetches them from.

Everything sits under one prefix so the serving view can confine requests to it:

    h5p/libraries/<Machine.Name-major.minor>/...   one folder per library version,
                                                   shared by every package
    h5p/content/<sha256>/h5p.json                  one folder per uploaded file
    h5p/content/<sha256>/content/content.json      (+ the content's media)

This is the layout h5p-standalone expects: `h5pJsonPath` is the package folder,
`contentJsonPath` its `content/` subfolder and `librariesPath` the shared folder.
"""

from django.urls import reverse

PREFIX = "h5p/"
LIBRARIES_PREFIX = f"{PREFIX}libraries/"
CONTENT_PREFIX = f"{PREFIX}content/"


def library_storage_path(folder: str) -> str:
    return f"{LIBRARIES_PREFIX}{folder}"


def package_storage_path(content_hash: str) -> str:
    return f"{CONTENT_PREFIX}{content_hash}"


def h5p_file_url(storage_name: str) -> str:
    """The serving URL of a storage name (or folder) under the "h5p/" prefix."""
    if not storage_name.startswith(PREFIX):
        raise ValueError(f"{storage_name!r} is not under {PREFIX!r}")
    return reverse("h5p-file", kwargs={"path": storage_name.removeprefix(PREFIX)})


def h5p_player_paths(package) -> dict[str, str]:
    """The three paths h5p-standalone needs to play `package` (no trailing slash)."""
    return {
        "h5pJsonPath": h5p_file_url(package.storage_path),
        "contentJsonPath": h5p_file_url(f"{package.storage_path}/content"),
        "librariesPath": h5p_file_url(LIBRARIES_PREFIX.rstrip("/")),
    }


def storage_folder_delete(folder: str) -> int:
    """Delete every file below `folder` in the default storage (which has no
    folders of its own on S3); returns how many files went."""
    from django.core.files.storage import default_storage

    if not folder.startswith("h5p/") or not default_storage.exists(folder):
        return 0
    deleted = 0
    subfolders, files = default_storage.listdir(folder)
    for name in files:
        default_storage.delete(f"{folder}/{name}")
        deleted += 1
    for sub in subfolders:
        deleted += storage_folder_delete(f"{folder}/{sub}")
    return deleted
