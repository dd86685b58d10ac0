"""Apply the retention periods (settings RETENTION_*): run daily from cron or
the task runner. `--dry-run` lists what each rule would delete or erase, with
counts, and changes nothing."""

from django.core.management.base import BaseCommand

from lms.privacy.services import retention_apply


class Command(BaseCommand):
    help = "Delete or erase what has outlived its retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what would be deleted or erased; change nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        results = retention_apply(dry_run=dry_run)
        verb = "would apply" if dry_run else "applied"
        for result in results:
            details = "".join(f" {k}={v}" for k, v in result.details.items())
            self.stdout.write(
                f"{result.key}: {result.count} ({result.description}; "
                f"{result.setting} = {result.period}){details}"
            )
        self.stdout.write(
            f"{verb} {len(results)} rules, {sum(r.count for r in results)} rows "
            f"or accounts{' (dry run: nothing changed)' if dry_run else ''}"
        )
