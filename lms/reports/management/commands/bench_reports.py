"""Time the report pages and exports for the data present and print one JSON
object (see lms.reports.bench); progress goes to stderr, so that stdout can
be piped into a file or jq."""

import json

from django.core.management.base import BaseCommand, CommandError

from lms.reports.bench import DEFAULT_RUNS, BenchError, bench_reports


class Command(BaseCommand):
    help = (
        "Measure the report pages (median seconds, queries), the compliance "
        "exports (seconds, peak memory) and the plain SQL of the matrix; "
        "prints one JSON object."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--runs",
            type=int,
            default=DEFAULT_RUNS,
            help=f"Timed requests per page; the median is reported "
            f"(default {DEFAULT_RUNS}).",
        )

    def handle(self, *args, runs, **options):
        if runs < 1:
            raise CommandError("--runs must be at least 1.")
        try:
            result = bench_reports(runs=runs, log=self.stderr.write)
        except BenchError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(result, ensure_ascii=False))
