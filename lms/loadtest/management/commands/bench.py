"""`make bench`: run lms.loadtest.bench and print a table and one JSON line."""

import json

from django.core.management.base import BaseCommand, CommandError

from lms.loadtest.bench import Bench, table
from lms.loadtest.harness import HarnessError, run_to_the_end


class Command(BaseCommand):
    help = (
        "Requests/s, p50/p99, queries and bytes of the lesson page, course page, "
        "My learning and a bare view with the lesson's bytes, with wrk against "
        "gunicorn -w 2 on 127.0.0.1 (PostgreSQL if DATABASE_URL points there, "
        "else SQLite); stops everything it started."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--seconds", type=int, default=15, help="per wrk run")
        parser.add_argument("--database-url", default="")

    def handle(self, *args, **options):
        bench = Bench(
            rounds=options["rounds"],
            duration=options["seconds"],
            database_url=options["database_url"],
            out=self.stdout,
        )
        try:
            result = run_to_the_end(bench.run)
        except HarnessError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("")
        self.stdout.write(table(result))
        verdict = "met" if result["targets_met"] else "NOT met"
        self.stdout.write(
            "Targets (lesson 600 rps and at most 6 queries, course and My learning "
            f"400 rps, no errors): {verdict}."
        )
        self.stdout.write(json.dumps(result))
