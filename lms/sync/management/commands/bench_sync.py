"""Time offline sync for a full queue and print one JSON object (see
lms.sync.bench): {"items", "seconds", "per_item_ms", "database", "statuses"}."""

import json

from django.core.management.base import BaseCommand, CommandError

from lms.sync.bench import ITEMS, BenchError, bench_sync


class Command(BaseCommand):
    help = (
        "Ingest a queue of offline items (lesson completions, quiz answers, "
        "card notes) for a throwaway learner, rolled back afterwards; prints "
        "the time as JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--items",
            type=int,
            default=ITEMS,
            help=f"How many items to send in one batch (default {ITEMS}).",
        )

    def handle(self, *args, items, **options):
        if items < 1:
            raise CommandError("--items must be at least 1.")
        try:
            result = bench_sync(count=items)
        except BenchError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(result))
