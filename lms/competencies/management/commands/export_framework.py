"""Export a competency framework as Moodle CSV or CASE JSON."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.competencies.exchange import FORMAT_CHOICES, framework_export
from lms.competencies.models import Framework


class Command(BaseCommand):
    help = (
        "Write a competency framework as a Moodle competency framework CSV or a "
        "1EdTech CASE package (JSON), to standard output or --output FILE. Both "
        "re-import to the same tree; only CASE keeps identifiers, level "
        "descriptions and translations."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the framework's slug, e.g. digcomp-2-2")
        parser.add_argument(
            "--format",
            required=True,
            choices=[value for value, _label in FORMAT_CHOICES],
            help="moodle-csv or case-json",
        )
        parser.add_argument("--output", help="write to this file instead")

    def handle(self, *args, slug, format, output=None, **options):
        try:
            framework = Framework.objects.get(slug=slug)
        except Framework.DoesNotExist as error:
            known = ", ".join(Framework.objects.values_list("slug", flat=True))
            raise CommandError(
                f"No framework with the slug {slug!r}. Known: {known or 'none'}."
            ) from error
        export = framework_export(framework, format=format)
        if output:
            Path(output).write_text(export.content, encoding="utf-8")
            self.stderr.write(f"Wrote {output}.")
        else:
            self.stdout.write(export.content, ending="")
