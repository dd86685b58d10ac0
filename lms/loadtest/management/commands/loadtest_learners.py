"""Create (once) the load test's learners, enrolled in every live course, and
write a fresh logged-in session for each to a plan file for the load generator."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.loadtest.learners import load_plan_write


class Command(BaseCommand):
    help = (
        "Make sure learners load0001… exist, enrolled in every live course "
        "(idempotent), and write a new session per learner to PLAN (JSON)."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan", help="the JSON file to write")
        parser.add_argument("--count", type=int, default=200)

    def handle(self, *args, plan, count, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        try:
            written = load_plan_write(Path(plan), count=count)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        count = len(written["learners"])
        self.stdout.write(f"{count} learners with sessions in {plan}")
