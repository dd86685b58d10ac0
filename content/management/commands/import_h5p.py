"""Import an .h5p file from the command line, e.g. for seeding or bulk loads."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from content.h5p.services import H5PValidationError, h5p_package_import


class Command(BaseCommand):
    help = (
        "Validate an .h5p file and unpack it into media storage. Without --user "
        "the import runs as the system with administrator rights, so it may "
        "install new H5P libraries; with --user it has exactly that user's "
        "rights (a trainer can only use libraries that are already installed). "
        "The package id is printed on the last line."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .h5p file")
        parser.add_argument(
            "--user",
            help="import as this username (default: the system, allowed to "
            "install libraries)",
        )

    def handle(self, *args, path, user=None, **options):
        uploader = None
        if user:
            try:
                uploader = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist as error:
                raise CommandError(f"No user with username {user!r}.") from error
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"{path}: no such file.")
        with source.open("rb") as file:
            try:
                package = h5p_package_import(
                    file=file, user=uploader, filename=source.name
                )
            except H5PValidationError as error:
                raise CommandError(f"{source.name}: {error.message}") from error
        self.stdout.write(
            f"{package.title} ({package.main_library}, "
            f"{package.libraries.count()} libraries) at {package.storage_path}"
        )
        self.stdout.write(str(package.pk))
