"""Import a competency framework from a Moodle CSV or a CASE JSON file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.competencies.exchange import (
    FORMAT_CHOICES,
    FrameworkImportError,
    framework_import_file,
)


class Command(BaseCommand):
    help = (
        "Create a competency framework from a Moodle competency framework CSV "
        "(tool_lpimportcsv) or a 1EdTech CASE package (JSON). Warnings about what "
        "was skipped come first; the new framework's slug is the last line. A "
        "broken file changes nothing and exits with the problems, each naming "
        "its line or item."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .csv or .json file")
        parser.add_argument(
            "--format",
            required=True,
            choices=[value for value, _label in FORMAT_CHOICES],
            help="moodle-csv or case-json",
        )
        parser.add_argument(
            "--language",
            default="",
            help="the language of the texts where the file does not say "
            "(Moodle CSV files never do), e.g. en; default: the site's (de)",
        )

    def handle(self, *args, path, format, language, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"{path}: no such file.")
        with source.open("rb") as file:
            try:
                result = framework_import_file(file, format=format, language=language)
            except FrameworkImportError as error:
                lines = [f"{source.name}: nothing was imported.", *error.messages]
                raise CommandError("\n".join(lines)) from error
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        framework = result.framework
        self.stdout.write(
            f"Imported “{framework}”: {framework.competencies.count()} "
            f"competencies, {framework.levels.count()} levels."
        )
        self.stdout.write(framework.slug)
