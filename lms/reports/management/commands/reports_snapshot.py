"""Take the monthly snapshot of the competence matrix for the trend report."""

from datetime import date, datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lms.reports.snapshots import snapshot_take


def parse_month(value: str) -> date:
    try:
        return datetime.strptime(value, "%Y-%m").date()
    except ValueError as error:
        raise CommandError(f"--month wants YYYY-MM, not {value!r}") from error


class Command(BaseCommand):
    help = (
        "Copy today's competence-target counts (per unit, competency, staff type "
        "and job role) into the trend report's snapshot of a month. Schedule it "
        "from cron or the task runner at least once a month, e.g. on the 28th "
        "(`0 2 28 * * manage.py reports_snapshot`); running it daily is fine "
        "too: it replaces the month's snapshot, so the current month stays up "
        "to date and each month keeps the numbers of its last run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--month",
            type=parse_month,
            default=None,
            help="YYYY-MM; default the current month. The numbers are always "
            "today's, labelled with this month.",
        )

    def handle(self, *args, month: date | None = None, **options):
        month = month or timezone.localdate()
        written = snapshot_take(month)
        self.stdout.write(
            self.style.SUCCESS(
                f"Snapshot for {month:%Y-%m}: {written} rows (unit, competency, "
                "staff type, job role)."
            )
        )
