"""Where uploaded proof of prior learning lives: outside MEDIA_ROOT.

MEDIA_ROOT holds what anyone may fetch by its URL (image renditions, H5P
packages behind a login check), and a web server in front of the platform may
serve it directly. Certificates name a person, so they are kept in
settings.PRIVATE_MEDIA_ROOT, which nothing serves: only the views that check
who asks hand them out (HR of the person's unit; the person in My data)."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateFileStorage(FileSystemStorage):
    """Read from settings at each use, so that tests and deployments can move it."""

    @property
    def base_location(self):
        return os.fspath(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; a view hands them out.")


private_storage = PrivateFileStorage()
