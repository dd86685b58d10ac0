"""Uploaded files are what their names say, and not too big.

A file's type is told by its bytes, never by its name alone: a renamed HTML
page stays an HTML page. Used for Wagtail documents (WAGTAILDOCS_DOCUMENT_FORM_BASE);
H5P packages, framework imports and prior-learning evidence have their own
checks in their apps.
"""

import io
import zipfile

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

PDF = (b"%PDF-",)
ZIP = (b"PK\x03\x04", b"PK\x05\x06")
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # old Office (.doc, .xls, .ppt)
RTF = (b"{\\rtf",)
#: Extensions whose files must start with one of these signatures.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": PDF,
    "zip": ZIP,
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "odp": ZIP,
    "key": ZIP,
    "doc": OLE,
    "xls": OLE,
    "ppt": OLE,
    "rtf": RTF,
    "mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"),
    "ogg": (b"OggS",),
    "webm": (b"\x1a\x45\xdf\xa3",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
#: Office formats are ZIPs with a known member inside.
ZIP_MEMBERS = {
    "docx": "word/",
    "xlsx": "xl/",
    "pptx": "ppt/",
    "odt": "mimetype",
    "ods": "mimetype",
    "odp": "mimetype",
}
TEXT = {"txt", "csv", "vtt", "md"}
#: Signs of markup a browser would run, refused in text files.
MARKUP = (b"<script", b"<html", b"<!doctype html", b"<svg", b"<?xml")
HEAD_BYTES = 2048


class UploadRejected(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _mp4_like(head: bytes) -> bool:
    return head[4:8] == b"ftyp"


def upload_check(file, *, extension: str, max_bytes: int) -> None:
    """Raise UploadRejected unless the file is at most max_bytes and its bytes
    match its extension. The size comes from the upload's own count, before
    anything is stored."""
    extension = extension.lower().lstrip(".")
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise UploadRejected(
            _("The file is larger than %(limit)s. Please upload a smaller file.")
            % {"limit": filesizeformat(max_bytes)}
        )
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    wrong = UploadRejected(
        _(
            "The file's content does not match its name (.%(extension)s). "
            "Please upload the original file."
        )
        % {"extension": extension}
    )
    if not head:
        raise UploadRejected(_("The file is empty."))
    if extension in ("mp4", "m4a", "mov"):
        if not _mp4_like(head):
            raise wrong
    elif extension in SIGNATURES:
        if not head.startswith(SIGNATURES[extension]):
            raise wrong
        if extension in ZIP_MEMBERS:
            try:
                with zipfile.ZipFile(file) as archive:
                    names = archive.namelist()
            except (zipfile.BadZipFile, OSError) as error:
                raise wrong from error
            finally:
                file.seek(0)
            if not any(n.startswith(ZIP_MEMBERS[extension]) for n in names):
                raise wrong
    elif extension in TEXT:
        sample = file.read(max_bytes + 1)
        file.seek(0)
        if b"\0" in sample:
            raise wrong
        try:
            io.TextIOWrapper(io.BytesIO(sample), encoding="utf-8-sig").read()
        except UnicodeDecodeError:
            try:
                sample.decode("cp1252")
            except UnicodeDecodeError as error:
                raise wrong from error
        if any(tag in sample[:HEAD_BYTES].lower() for tag in MARKUP):
            raise wrong
    else:
        # An extension allowed in settings but unknown here: refuse rather
        # than guess.
        raise wrong


def document_max_bytes() -> int:
    return settings.WAGTAILDOCS_MAX_UPLOAD_BYTES


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload) with the size and
    content check."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and hasattr(file, "seek") and "file" in self.changed_data:
            extension = file.name.rsplit(".", 1)[-1] if "." in file.name else ""
            try:
                upload_check(file, extension=extension, max_bytes=document_max_bytes())
            except UploadRejected as error:
                raise forms.ValidationError(error.message) from error
        return file
