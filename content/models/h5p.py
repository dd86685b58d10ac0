"""H5P packages and the libraries they share.

A package's content is unpacked once under `storage_path`; each library version
(`Machine.Name-major.minor`) is unpacked once under its own `storage_path` and
shared by every package that uses it. Files go through Django's storage API, so
an S3-compatible default storage works the same as the local disk.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class H5PLibrary(models.Model):
    """One installed library version. Libraries are code that runs in learners'
    browsers: only users with `content.install_h5p_library` may add one."""

    machine_name = models.CharField(_("machine name"), max_length=127)
    major_version = models.PositiveIntegerField(_("major version"))
    minor_version = models.PositiveIntegerField(_("minor version"))
    patch_version = models.PositiveIntegerField(_("patch version"), default=0)
    title = models.CharField(_("title"), max_length=255, blank=True)
    storage_path = models.CharField(max_length=255, unique=True)
    library_json = models.JSONField(default=dict)
    installed_at = models.DateTimeField(auto_now_add=True)
    installed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["machine_name", "major_version", "minor_version"],
                name="one_h5p_library_per_minor_version",
            )
        ]
        verbose_name = _("H5P library")
        verbose_name_plural = _("H5P libraries")

    def __str__(self):
        return f"{self.machine_name} {self.major_version}.{self.minor_version}"

    @property
    def folder_name(self) -> str:
        return f"{self.machine_name}-{self.major_version}.{self.minor_version}"


class H5PPackage(index.Indexed, models.Model):
    title = models.CharField(_("title"), max_length=255)
    main_library = models.CharField(_("main library"), max_length=160)
    content_hash = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the uploaded .h5p file"
    )
    storage_path = models.CharField(max_length=255, unique=True)
    original_filename = models.CharField(_("file name"), max_length=255, blank=True)
    size_bytes = models.PositiveBigIntegerField(_("unpacked size (bytes)"), default=0)
    h5p_json = models.JSONField(default=dict)
    libraries = models.ManyToManyField(
        H5PLibrary, related_name="packages", blank=True, verbose_name=_("libraries")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["title"]
        permissions = [
            (
                "install_h5p_library",
                _("Can upload H5P packages that bring new libraries"),
            )
        ]
        verbose_name = _("H5P package")
        verbose_name_plural = _("H5P packages")

    def __str__(self):
        return self.title
