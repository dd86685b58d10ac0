"""A deleted package takes its unpacked content with it (after the transaction
commits, so a rolled-back delete keeps the files). Libraries stay: they are
shared and installing them again needs the install permission."""

from django.db import transaction

from .h5p.storage import storage_folder_delete


def delete_package_files(sender, instance, **kwargs):
    folder = instance.storage_path
    transaction.on_commit(lambda: storage_folder_delete(folder))
