"""For `make bench`, run inside the bench's environment before the server
starts: find the pages to measure, fetch each as the bench's learner until it
is warm, and write what was found as JSON (URLs, the learner's session and
CSRF cookies as a browser keeps them, queries and bytes per page, the
Cache-Control of a hashed static file) and the lesson's bytes for the bare
view. Queries are counted twice: rendering the page with everything shared
kept (the learner's kept pages dropped first), and answering it kept
(lms/response_cache)."""

import gzip
import json
import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from courses.models import LessonPage
from courses.selectors import course_of
from lms.loadtest.learners import load_plan_write
from lms.response_cache.versions import people_changed

# The demo's lesson with a quiz and an H5P exercise, in the data-protection
# course that learners store for offline use.
LESSON_SLUG = "datenpannen-melden"
STATIC_URL = re.compile(
    r'(?:href|src)="(/static/theme/[^"]+\.[0-9a-f]{12}\.(?:css|js))"'
)


class Command(BaseCommand):
    help = "Prepare `make bench`: pages, session, queries, bytes (JSON to OUT)."

    def add_arguments(self, parser):
        parser.add_argument("out")
        parser.add_argument("--bare-file", required=True)
        parser.add_argument("--plan", required=True)

    def handle(self, *args, **options):
        lesson = LessonPage.objects.live().filter(slug=LESSON_SLUG).first()
        if lesson is None:
            raise CommandError(f"No live lesson {LESSON_SLUG}: run seed_demo.")
        plan = load_plan_write(Path(options["plan"]), count=1)
        session = plan["learners"][0]["session"]
        learner = get_user_model().objects.get(username=plan["learners"][0]["username"])
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies[settings.SESSION_COOKIE_NAME] = session
        pages = {
            "lesson": lesson.url,
            "course": course_of(lesson).url,
            "my_learning": "/my/",
        }
        result = {"session_cookie": settings.SESSION_COOKIE_NAME, "session": session}
        result["pages"] = {}
        for name, url in pages.items():
            for _warm in range(3):
                client.get(url)
            with CaptureQueriesContext(connection) as kept:
                client.get(url)
            people_changed([learner.pk])
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            result["pages"][name] = {
                "url": url,
                "queries": len(queries),
                "queries_kept": len(kept),
                "bytes": len(response.content),
                "gzip_bytes": len(gzip.compress(response.content, 6)),
            }
            if name == "lesson":
                Path(options["bare_file"]).write_bytes(response.content)
                static = STATIC_URL.search(response.content.decode())
                if static:
                    headers = client.get(static.group(1)).headers
                    result["static"] = {
                        "url": static.group(1),
                        "cache_control": headers.get("Cache-Control", ""),
                    }
        bare = result["pages"]["lesson"] | {"url": "/bench/bare/"}
        with CaptureQueriesContext(connection) as queries:
            client.get(bare["url"])
        result["pages"]["bare"] = bare | {
            "queries": len(queries),
            "queries_kept": len(queries),
        }
        result["csrf_cookie"] = settings.CSRF_COOKIE_NAME
        result["csrf"] = client.cookies[settings.CSRF_COOKIE_NAME].value
        Path(options["out"]).write_text(json.dumps(result, indent=1))
