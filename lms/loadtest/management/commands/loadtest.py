"""Run the load test (lms.loadtest.harness) and print a table and one JSON line:
{"users", "seconds", "wait_s", "server", "database", "requests", "rps", "p50_ms",
"p95_ms", "p99_ms", "max_ms", "errors", "target_met", "load_average_before",
"failures": [...], "cpu": {...}} (the table shows each kind of request)."""

import json

from django.core.management.base import BaseCommand, CommandError

from lms.loadtest.harness import (
    TARGET_P95_MS,
    HarnessError,
    LoadTest,
    run_to_the_end,
    table,
)


class Command(BaseCommand):
    help = (
        "Load the platform as USERS simulated learners (My learning, courses, "
        "lessons, quiz answers, offline sync) against gunicorn on PostgreSQL "
        "for SECONDS, and report requests per second, p50/p95/p99 and errors. "
        "Sets up its own database (DATABASE_URL if it is PostgreSQL, else "
        "lms_load on 127.0.0.1) and stops everything it started."
    )

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=200)
        parser.add_argument(
            "--spawn-rate", type=float, default=20, help="users started per second"
        )
        parser.add_argument(
            "--seconds", type=int, default=60, help="measured, once all users run"
        )
        parser.add_argument("--workers", type=int, default=2, help="gunicorn -w")
        parser.add_argument(
            "--threads", type=int, default=1, help="gunicorn --threads (1: sync)"
        )
        parser.add_argument(
            "--wait-min", type=float, default=2, help="seconds between two actions"
        )
        parser.add_argument("--wait-max", type=float, default=8)
        parser.add_argument("--database-url", default="")

    def handle(self, *args, **options):
        test = LoadTest(
            users=options["users"],
            spawn_rate=options["spawn_rate"],
            seconds=options["seconds"],
            workers=options["workers"],
            threads=options["threads"],
            wait_min=options["wait_min"],
            wait_max=options["wait_max"],
            database_url=options["database_url"],
            out=self.stdout,
        )
        try:
            result = run_to_the_end(test.run)
        except HarnessError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("")
        self.stdout.write(table(result))
        verdict = "met" if result["target_met"] else "NOT met"
        self.stdout.write(
            f"Target (no errors, p95 under {TARGET_P95_MS} ms): {verdict}."
        )
        cpu = result["cpu"]
        if cpu:
            self.stdout.write(
                "CPU of {cores} cores while loading: {machine_busy:.0%} busy; "
                "gunicorn {gunicorn:.0%}, PostgreSQL {postgresql:.0%}, locust "
                "{locust:.0%}, other processes {others:.0%}.".format(**cpu)
            )
            busiest = ", ".join(f"{k} {v:.0%}" for k, v in cpu["busiest"].items())
            self.stdout.write(f"Busiest programs: {busiest}.")
        for failure in result["failures"]:
            self.stdout.write(
                f"  {failure['occurrences']} x {failure['name']}: {failure['error']}"
            )
        del result["endpoints"]  # in the table; the JSON line stays one line
        self.stdout.write(json.dumps(result))
