from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    label = "content"
    verbose_name = _("Lesson content")

    def ready(self):
        from django.db.models.signals import post_delete

        from .models import H5PPackage
        from .signals import delete_package_files

        post_delete.connect(
            delete_package_files, sender=H5PPackage, dispatch_uid="h5p-package-files"
        )
