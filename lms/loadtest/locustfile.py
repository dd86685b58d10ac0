"""Simulated learners for `make loadtest` (run by `manage.py loadtest`).

Each simulated user is one load learner (lms/loadtest/learners.py) with the
session the harness made for it. It behaves as a learner in a browser does,
finding its way through the links of the pages it gets: My learning, one of its
courses, two or three lessons in order; it answers the quiz it meets (with the
form's own CSRF token, as a browser posts it) and follows the redirect to its
result; and, as a device back online, it sends a batch to `POST /api/sync/`
(the CSRF token from the cookie in `X-CSRFToken`): completions of lessons it
read and quiz answers, each with a fresh UUID and the time it happened, and one
item it sent before, which must come back "duplicate". Any other status, a
page that sends it to the login page, or a sync item not stored counts as an
error.

Static files and H5P are not fetched: a browser caches them (immutable, hashed
names), and WhiteNoise serves them without touching Django's views.

Environment: LOADTEST_PLAN (the JSON file the harness writes),
LOADTEST_WAIT_MIN / LOADTEST_WAIT_MAX (seconds between two actions).
"""

import itertools
import json
import os
import random
import re
import uuid
from collections import deque
from datetime import UTC, datetime, timedelta
from html import unescape

from locust import HttpUser, between, task

PLAN = json.loads(open(os.environ["LOADTEST_PLAN"]).read())
LEARNERS = itertools.cycle(PLAN["learners"])
WAIT_MIN = float(os.environ.get("LOADTEST_WAIT_MIN", "2"))
WAIT_MAX = float(os.environ.get("LOADTEST_WAIT_MAX", "8"))

COURSE_LINK = re.compile(r'href="(/courses/[^/"?#]+/)"')
LESSON_LINK = re.compile(r'href="(/courses/[^/"?#]+/[^/"?#]+/[^/"?#]+/)"')
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUIZ_FORM = re.compile(
    r'<form[^>]*action="(/my/lessons/(\d+)/quizzes/([^/"]+)/submit/)"(.*?)</form>',
    re.S,
)
QUIZ_CHOICE = re.compile(r'type="(radio|checkbox)" name="q-([^"]+)" value="([^"]+)"')
COMPLETE_FORM = re.compile(r'action="/my/lessons/(\d+)/complete/"')


def _now(offset_seconds: float = 0) -> str:
    return (datetime.now(UTC) - timedelta(seconds=offset_seconds)).isoformat()


class Learner(HttpUser):
    """One visit after another: My learning, a course, two or three of its
    lessons in order (answering the quiz of one where there is one), then a
    sync batch; every page view and every post is one action, and the learner
    pauses between two actions for the wait time."""

    wait_time = between(WAIT_MIN, WAIT_MAX)

    def on_start(self):
        learner = next(LEARNERS)
        self.username = learner["username"]
        self.client.cookies.set(PLAN["session_cookie"], learner["session"])
        self.actions: deque = deque()
        self.courses: list[str] = []
        self.read: set[int] = set()  # lessons with a "done" button, read
        self.answers: list[dict] = []  # quiz answers given, for the sync batch
        self.sent: list[dict] = []

    @task
    def next_action(self):
        if not self.actions:
            self.actions.append(self.my_learning)
        self.actions.popleft()()

    # -- pages -------------------------------------------------------------

    def get(self, url: str, name: str) -> str:
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}")
                return ""
            if response.url and "/accounts/login/" in response.url:
                response.failure("sent to the login page: the session is gone")
                return ""
            return response.text

    def my_learning(self):
        html = self.get("/my/", "/my/ (My learning)")
        self.courses = sorted(set(COURSE_LINK.findall(html))) or self.courses
        if self.courses:
            course = random.choice(self.courses)
            self.actions.append(lambda: self.course(course))

    def course(self, url: str):
        html = self.get(url, "course page")
        lessons = list(
            dict.fromkeys(u for u in LESSON_LINK.findall(html) if u.startswith(url))
        )
        if lessons:
            start = random.randrange(len(lessons))
            for lesson in lessons[start : start + random.randint(2, 3)]:
                self.actions.append(lambda lesson=lesson: self.lesson(lesson))
        self.actions.append(self.sync)

    def lesson(self, url: str):
        html = self.get(url, "lesson page")
        for lesson_id in COMPLETE_FORM.findall(html):
            self.read.add(int(lesson_id))
        quiz = QUIZ_FORM.search(html)
        if quiz:
            self.actions.appendleft(lambda: self.quiz(quiz, html))

    def quiz(self, form, html: str):
        action, lesson_id, block_id, body = form.groups()
        options: dict[str, list[tuple[str, str]]] = {}
        for kind, question, option in QUIZ_CHOICE.findall(body):
            options.setdefault(question, []).append((kind, option))
        answers = {}
        for question, choices in options.items():
            if choices[0][0] == "checkbox":
                picked = random.sample(choices, random.randint(1, len(choices)))
            else:
                picked = [random.choice(choices)]
            answers[question] = [option for _kind, option in picked]
        token = CSRF_FIELD.search(body) or CSRF_FIELD.search(html)
        if not token or not answers:
            return
        data = {"csrfmiddlewaretoken": unescape(token.group(1))}
        post = [(f"q-{q}", o) for q, chosen in answers.items() for o in chosen]
        with self.client.post(
            action,
            data=[*data.items(), *post],
            name="quiz submit (-> result page)",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "/attempts/" not in response.url:
                response.failure(f"{response.status_code} at {response.url}")
                return
        self.answers.append(
            {"lesson": int(lesson_id), "block": block_id, "answers": answers}
        )

    # -- offline sync ------------------------------------------------------

    def sync(self):
        """What a device sends when it is back online: completions and quiz
        answers made offline, and one item sent before."""
        items = []
        for lesson_id in random.sample(sorted(self.read), min(2, len(self.read))):
            items.append(self._item("lesson.completed", {"lesson": lesson_id}))
        for data in self.answers[-2:]:
            items.append(self._item("quiz.answered", data))
        if not items:
            return
        replay = random.choice(self.sent) if self.sent else None
        batch = items + ([replay] if replay else [])
        token = self.client.cookies.get(PLAN["csrf_cookie"], "")
        with self.client.post(
            "/api/sync/",
            json={"items": batch},
            headers={"X-CSRFToken": token},
            name="/api/sync/",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}: {response.text[:200]}")
                return
            results = {r["id"]: r for r in response.json()["results"]}
            for item in items:
                result = results.get(item["id"], {})
                if result.get("status") != "stored":
                    response.failure(f"{item['type']}: {result}")
                    return
            if replay and results.get(replay["id"], {}).get("status") != "duplicate":
                response.failure(f"replayed item: {results.get(replay['id'])}")
                return
        self.sent = (self.sent + items)[-20:]
        self.answers.clear()

    def _item(self, kind: str, data: dict) -> dict:
        return {
            "id": str(uuid.uuid4()),
            "type": kind,
            "occurred_at": _now(random.uniform(1, 60)),
            "data": data,
        }
