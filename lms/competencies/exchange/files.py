"""Reading an uploaded or local file with the size limit checked first.

The limit (setting COMPETENCY_IMPORT_MAX_BYTES, 10 MB by default) is checked
from the file's size before a byte is read, so that a 50 MB upload or a huge
file on disk is refused without being loaded into memory.
"""

import io
import os

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .parsed import FrameworkImportError, max_bytes


def _size(file) -> int | None:
    size = getattr(file, "size", None)
    if size is not None:
        return size
    try:
        return os.fstat(file.fileno()).st_size
    except (AttributeError, OSError, io.UnsupportedOperation):
        pass
    try:
        position = file.tell()
        end = file.seek(0, io.SEEK_END)
        file.seek(position)
        return end - position
    except (AttributeError, OSError, io.UnsupportedOperation):
        return None


def _too_big(limit: int) -> FrameworkImportError:
    return FrameworkImportError(
        [
            _("The file is larger than %(limit)s; nothing was imported.")
            % {"limit": filesizeformat(limit)}
        ]
    )


def read_limited(file) -> bytes:
    """The whole content of a binary file object, or FrameworkImportError if it
    is larger than the limit (known from its size, else found while reading at
    most one byte more than the limit)."""
    limit = max_bytes()
    size = _size(file)
    if size is not None and size > limit:
        raise _too_big(limit)
    data = file.read(limit + 1)
    if len(data) > limit:
        raise _too_big(limit)
    return data


def decode_utf8(data: bytes) -> str:
    """The text without a byte-order mark. A file in another encoding is refused
    with the first line that is not UTF-8 (the first line is 1), and so is a NUL
    character, which no text column can store."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FrameworkImportError(
            [
                _(
                    "Line %(line)s: the file is not UTF-8 encoded. Save it as "
                    "UTF-8 (in Excel: “CSV UTF-8”) and try again."
                )
                % {"line": line}
            ]
        ) from error
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        raise FrameworkImportError(
            [
                _(
                    "Line %(line)s: the file contains a NUL character; it is "
                    "probably not a text file."
                )
                % {"line": line}
            ]
        )
    return text
