"""Create a synthetic organisation of N staff to measure the reports with
(see lms.reports.scale). Refuses to run twice; `--reset` replaces what an
earlier run made and touches nothing else."""

from django.core.management.base import BaseCommand, CommandError

from lms.reports.scale import PREFIX, scale_data_exists, scale_reset, scale_seed


class Command(BaseCommand):
    help = (
        "Create synthetic staff, units, courses, enrolments, progress, "
        "evidence over two years, targets and report summaries."
    )

    def add_arguments(self, parser):
        parser.add_argument("--staff", type=int, help="How many people (e.g. 100000).")
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            help="Random seed: the same seed makes the same organisation.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help=(
                f"Delete earlier scale data first (units, users and courses "
                f"named “{PREFIX}…”); without --staff, only delete."
            ),
        )

    def handle(self, *args, staff, seed, reset, **options):
        if staff is None and not reset:
            raise CommandError("Say how many people: --staff N.")
        if staff is not None and staff < 1:
            raise CommandError("--staff must be at least 1.")
        if scale_data_exists():
            if not reset:
                raise CommandError(
                    f"Scale data exists already (units, users or courses named "
                    f"“{PREFIX}…”). Run with --reset to replace it."
                )
            self.stdout.write("Deleting the earlier scale data …")
            scale_reset(log=self.stdout.write)
        if staff is None:
            return
        self.stdout.write(f"Creating a synthetic organisation of {staff} staff …")
        try:
            totals = scale_seed(staff=staff, seed=seed, log=self.stdout.write)
        except LookupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {totals.seconds} s: {totals.staff} staff, "
                f"{totals.units} units, {totals.enrolments} enrolments, "
                f"{totals.lesson_progress} lesson progress rows, "
                f"{totals.evidence} evidence, "
                f"{totals.competency_states} competency states, "
                f"{totals.targets} targets, "
                f"{totals.target_statuses} target statuses, "
                f"{totals.snapshots} monthly snapshot rows."
            )
        )
