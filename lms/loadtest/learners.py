"""The simulated learners of the load test: accounts, enrolments and sessions.

Each load learner is a paid staff member in one of the demo's services,
enrolled in every live course, with a session made here the way
`django.contrib.auth.login` makes one. They have no usable password: 200
learners logging in at once would measure PBKDF2 (about 0.3 s of CPU each, a
minute of both cores), not learners browsing, and a learner usually arrives
with a session from an earlier day anyway."""

import json
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.db import transaction

from courses.models import CoursePage, EnrolmentSource
from courses.services import enrolment_create
from lms.people.models import OrganisationUnit, StaffProfile, StaffType
from lms.people.services import staff_create

USERNAME_PREFIX = "load"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def load_username(number: int) -> str:
    return f"{USERNAME_PREFIX}{number:04d}"


def _units() -> list[OrganisationUnit]:
    """The demo's services (the leaves of its tree), where learners work."""
    units = [
        unit for unit in OrganisationUnit.objects.order_by("path") if unit.is_leaf()
    ]
    if not units:
        raise RuntimeError("No organisation units: run seed_demo first.")
    return units


@transaction.atomic
def load_learners_ensure(*, count: int) -> list:
    """Learners load0001…load<count>, created once, each enrolled in every
    live course (again, if a course was added since)."""
    User = get_user_model()
    units = _units()
    courses = list(CoursePage.objects.live().order_by("path"))
    existing = {
        user.username: user
        for user in User.objects.filter(username__startswith=USERNAME_PREFIX)
    }
    learners = []
    for number in range(1, count + 1):
        username = load_username(number)
        user = existing.get(username)
        if user is None or not StaffProfile.objects.filter(user=user).exists():
            user = staff_create(
                username=username,
                unit=units[number % len(units)],
                first_name="Last",
                last_name=f"Test {number}",
                email=f"{username}@example.org",
                password=None,
                staff_type=StaffType.PAID,
            ).user
        for course in courses:
            enrolment_create(user=user, course=course, source=EnrolmentSource.MANUAL)
        learners.append(user)
    return learners


def load_sessions_create(learners, *, previous: list[str] = ()) -> list[dict]:
    """A fresh logged-in session per learner (and the previous run's gone)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in previous:
        store(session_key=key).delete()
    backend = (
        MODEL_BACKEND
        if MODEL_BACKEND in settings.AUTHENTICATION_BACKENDS
        else settings.AUTHENTICATION_BACKENDS[0]
    )
    sessions = []
    for user in learners:
        session = store()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions.append({"username": user.username, "session": session.session_key})
    return sessions


def load_plan_write(path: Path, *, count: int) -> dict:
    """Ensure the learners and write what the load generator needs to act as
    them: the session cookie's name and one session per learner."""
    previous = []
    if path.exists():
        try:
            previous = [s["session"] for s in json.loads(path.read_text())["learners"]]
        except (ValueError, KeyError, TypeError):
            previous = []
    learners = load_learners_ensure(count=count)
    plan = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "learners": load_sessions_create(learners, previous=previous),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(plan, indent=1))
    return plan
