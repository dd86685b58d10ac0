"""Every URL pattern for every role, with the answer each role should get.

The cases are generated from the URL conf (django.urls.get_resolver()), and the
answers live in tests/permission_matrix.py. A pattern without an entry fails
`test_url_pattern_has_an_entry` with its route, and an entry whose pattern is
gone fails `test_no_stale_entries`: a new endpoint cannot ship without someone
deciding who may reach it.

Third-party includes are covered as a whole, by a few representative URLs each
(`INCLUDES`): Wagtail's admin at /admin/ (hundreds of routes, guarded by
Wagtail's own permission checks: the dashboard, the page explorer and the user
list), Wagtail's document serving at /documents/ (a document used in a lesson),
Wagtail's page serving at /courses/ (the catalogue, a course, a module and a
lesson, through the catch-all route) and Django's i18n (set_language). Every
other pattern has its own entry.

The world (organisation, people, a course with one lesson holding every kind of
activity, and the data the people left there) is built once for the module
inside a transaction that is rolled back at the end; each case runs in its own
savepoint, so a POST that changes something is undone before the next case.
"""

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from wagtail.documents import get_document_model

from content.h5p.services import h5p_package_import
from courses import services as course_services
from courses.models import Audience, Enrolment, LessonPage
from courses.roles import grant_role_permissions
from lms.activities.services import case as case_services
from lms.activities.services import dialogue as dialogue_services
from lms.activities.services import quiz as quiz_services
from lms.competencies import services as competency_services
from lms.competencies.models import EvidenceSource
from lms.people import services as people_services
from lms.people.models import Role, StaffType
from tests import factories
from tests.activities.test_case import make_case
from tests.activities.test_dialogue import make_deck
from tests.activities.test_quiz_services import quiz_value
from tests.fixtures import H5P_FIXTURES
from tests.people.helpers import hr_user
from tests.permission_matrix import ENTRIES, INCLUDES, ROLES, Redirect

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@dataclass(frozen=True)
class Route:
    route: str  # the joined pattern, e.g. "hr/staff/<int:pk>/"
    name: str | None
    include: str | None  # the prefix of the third-party include it belongs to
    shared_name: bool = False  # another pattern has the same name

    @property
    def key(self) -> str:
        if self.include:
            return self.include
        if self.name and not self.shared_name:
            return self.name
        return self.route


def url_routes(resolver=None, prefix: str = "") -> list[Route]:
    """Every concrete pattern of the URL conf, with its joined route."""
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if not prefix and str(pattern.pattern) in INCLUDES:
                include = str(pattern.pattern)
                found += [
                    Route(r.route, r.name, include) for r in url_routes(pattern, route)
                ]
            else:
                found += url_routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            found.append(Route(route, pattern.name, None))
    return found


def _routes() -> list[Route]:
    """The patterns, keyed by name unless several share it (then by route)."""
    routes = url_routes()
    names = Counter(r.name for r in routes if r.name and not r.include)
    return [replace(r, shared_name=names[r.name] > 1) for r in routes]


ROUTES = _routes()
KEYS = {route.key for route in ROUTES}


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if r.include is None],
    ids=lambda r: r.route or "<root>",
)
def test_url_pattern_has_an_entry(route):
    if route.key not in ENTRIES:
        pytest.fail(
            f"The URL pattern {route.route!r} (name {route.name!r}) has no entry "
            f"in the permission matrix. Add {route.key!r} to ENTRIES in "
            "tests/permission_matrix.py with the answer every role should get "
            "(anonymous, learner, volunteer, trainer, HR of another unit, HR, "
            "manager, admin).",
            pytrace=False,
        )


def test_no_stale_entries():
    stale = sorted(set(ENTRIES) - KEYS) + sorted(set(INCLUDES) - KEYS)
    if stale:
        pytest.fail(
            f"Entries in tests/permission_matrix.py match no URL pattern any more: "
            f"{stale}. Remove them, or rename them after the pattern's new name.",
            pytrace=False,
        )


def test_every_role_has_an_answer():
    probes = [p for probes in ENTRIES.values() for p in probes]
    probes += [p for include in INCLUDES.values() for p in include.probes]
    assert all(set(p.expected) == set(ROLES) for p in probes)


# The world ----------------------------------------------------------------------


def _build_world(media_root: Path) -> dict:
    grant_role_permissions()
    verband = factories.unit("Verband Nord", kind="Verband")
    haus_a = factories.unit("Haus am See", verband, kind="Einrichtung")
    haus_b = factories.unit("Haus am Berg", verband, kind="Einrichtung")
    pflege_a = factories.unit("Pflege am See", haus_a, kind="Dienst")
    factories.unit("Beratung am Berg", haus_b, kind="Dienst")

    lena = factories.staff("lena", pflege_a)
    volker = factories.staff("volker", pflege_a, staff_type=StaffType.VOLUNTEER)
    tara = factories.staff("tara", verband, roles=(Role.LEARNER, Role.TRAINER))
    hanna = hr_user("hanna", haus_a)
    otto = hr_user("otto", haus_b)
    maren = factories.staff("maren", pflege_a, roles=(Role.LEARNER, Role.MANAGER))
    maren.managed_units.add(pflege_a)
    root = factories.UserFactory(username="root", is_superuser=True, is_staff=True)

    framework = factories.framework("house")
    privacy = factories.competency(framework, "1.1", "Protecting data")
    messaging = factories.competency(framework, "1.2", "Messaging")

    with (H5P_FIXTURES / "true-false.h5p").open("rb") as file:
        package = h5p_package_import(file=file, filename="true-false.h5p")
    document = get_document_model().objects.create(
        title="Checkliste", file=ContentFile(PDF, name="checklist.pdf")
    )
    deck = make_deck()
    case = make_case()

    course = factories.course("Datenschutz", audience=Audience.PAID)
    course.trainers.add(tara.user)
    course.save()
    module = factories.module(course, "Grundlagen")
    lesson = factories.lesson(
        module,
        "Alles auf einmal",
        body=[
            ("text", "<p>Lies das zuerst.</p>"),
            ("document", {"document": document, "description": ""}),
            ("acknowledgement", {"statement": "Ich habe verstanden.", "required": 1}),
            ("deck", {"deck": deck, "required": True}),
            ("case", {"case": case, "required": True}),
            ("quiz", quiz_value()),
            (
                "h5p",
                {
                    "package": package,
                    "pass_mark": 100,
                    "counting": "best",
                    "required": True,
                },
            ),
        ],
    )
    lesson = LessonPage.objects.get(pk=lesson.pk)
    blocks = {block.block_type: block for block in lesson.body}

    course_services.course_self_enrol(user=lena.user, course=course)
    quiz = blocks["quiz"]
    answers = {
        question.id: [question.value["options"].bound_blocks[0].id]
        for question in quiz.value["questions"].bound_blocks
    }
    attempt = quiz_services.quiz_attempt_submit(
        user=lena.user, page=lesson, block_id=quiz.id, quiz=quiz.value, answers=answers
    ).attempt
    case_services.case_response_choose(
        user=lena.user,
        page=lesson,
        block_id=blocks["case"].id,
        case=case,
        option_id=case.options[0].id,
        other_text="",
    )
    session = dialogue_services.team_session_start(
        facilitator=tara.user,
        page=lesson,
        block_id=blocks["deck"].id,
        deck=deck,
        team_name="Frühdienst",
        participants=[lena.user],
    )
    Enrolment.objects.filter(user=lena.user, course=course).update(
        completed_at=timezone.now()
    )

    competency_services.rating_record(
        rater=tara.user,
        user=lena.user,
        competency=privacy,
        level=3,
        source=EvidenceSource.TRAINER,
    )
    prior = competency_services.rating_record(
        rater=hanna,
        user=lena.user,
        competency=messaging,
        level=2,
        source=EvidenceSource.PRIOR,
        document=ContentFile(PDF, name="zertifikat.pdf"),
    )
    pending = competency_services.rating_record(
        rater=tara.user,
        user=lena.user,
        competency=messaging,
        level=3,
        source=EvidenceSource.TRAINER,
        needs_review=True,
    )
    target = competency_services.target_create(
        created_by=hanna, competency=privacy, level=2, unit=pflege_a
    )
    invitation = people_services.invitation_create(unit=pflege_a, created_by=hanna)

    h5p_file = next(
        path
        for path in (media_root / "h5p" / "content").rglob("*.json")
        if path.name == "content.json"
    )
    ids = {
        "unit": pflege_a.pk,
        "profile": lena.pk,
        "learner_user": lena.user.pk,
        "volunteer_user": volker.user.pk,
        "invitation": invitation.pk,
        "invitation_code": invitation.code,
        "course": course.pk,
        "lesson": lesson.pk,
        "course_url": course.url,
        "module_url": module.url,
        "lesson_url": lesson.url,
        "deck": deck.pk,
        "deck_block": blocks["deck"].id,
        "case_block": blocks["case"].id,
        "case_question": case.reflection_questions[0].id,
        "quiz_block": quiz.id,
        "quiz_attempt": attempt.pk,
        "ack_block": blocks["acknowledgement"].id,
        "h5p_block": blocks["h5p"].id,
        "package": package.pk,
        "h5p_path": h5p_file.relative_to(media_root / "h5p").as_posix(),
        "session": session.pk,
        "card": deck.cards()[0]["id"],
        "document_url": document.url,
        "framework": framework.slug,
        "achieved_competency": privacy.pk,
        "prior_evidence": prior.pk,
        "pending_evidence": pending.pk,
        "target": target.pk,
    }
    users = {
        "anonymous": None,
        "learner": lena.user,
        "volunteer": volker.user,
        "trainer": tara.user,
        "hr_other_unit": otto,
        "hr": hanna,
        "manager": maren.user,
        "admin": root,
    }
    return {"ids": ids, "users": users}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media_root = tmp_path_factory.mktemp("matrix-media")
    with (
        override_settings(MEDIA_ROOT=media_root),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield _build_world(media_root)
        transaction.set_rollback(True)


# The matrix ---------------------------------------------------------------------


def _cases():
    for key in sorted(KEYS):
        if key in INCLUDES:
            probes = INCLUDES[key].probes
        elif key in ENTRIES:
            probes = ENTRIES[key]
        else:
            continue  # test_url_pattern_has_an_entry fails for it
        for probe in probes:
            for role in ROLES:
                yield pytest.param(key, probe, role, id=f"{key} {probe.name} as {role}")


def _answer(response) -> str:
    if response.status_code in (301, 302):
        return f"{response.status_code} → {response['Location']}"
    return str(response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "probe", "role"), list(_cases()))
def test_permission_matrix(client, world, key, probe, role):
    ids = world["ids"]
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    url = probe.url.format(**ids)
    kwargs = {}
    if probe.content_type:
        kwargs["content_type"] = probe.content_type
    data = probe.data
    if isinstance(data, dict):
        data = {k.format(**ids): v.format(**ids) for k, v in data.items()}
    with override_settings(**(probe.settings or {})):
        if probe.method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data, **kwargs)
    expected = probe.expected[role]
    if isinstance(expected, Redirect):
        target = expected.to.format(**ids)
        ok = response.status_code == 302 and response["Location"].startswith(target)
        wanted = str(Redirect(target))
    else:
        ok = response.status_code == expected
        wanted = str(expected)
    if not ok:
        pytest.fail(
            f"{probe.method} {url} as {role}: expected {wanted}, got "
            f"{_answer(response)} (entry {key!r} in tests/permission_matrix.py)",
            pytrace=False,
        )
