"""A learner with something in every place the platform keeps data, reached
the way a real person would leave it there where that is practical (logins
through the form, offline sync, HR opening her record)."""

import uuid
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from content.models import H5PPackage
from courses.roles import grant_role_permissions
from lms.activities.models import H5PUserData, XAPIStatement
from lms.activities.services.dialogue import card_note_save, team_session_start
from lms.competencies.models import EvidenceSource
from lms.competencies.services import rating_record
from lms.people.models import Role
from lms.people.services import staff_create
from lms.reports.audit import audit_record
from lms.reports.models import ReminderLog
from lms.sync.models import SyncItem, SyncStatus
from lms.sync.xapi import actor_for
from tests import factories
from tests.people.helpers import hr_user
from tests.sync.helpers import ago, build_course, enrol, item, send

FIRST, LAST = "Quirina", "Zwetschgenbaum"
USERNAME = "qzwetschgenbaum"
EMAIL = "quirina.zwetschgenbaum@example.org"
PASSWORD = "Quirinas-geheimes-Passwort-1"
REFLECTION = "Ich spreche zuerst mit der Pflegedienstleitung."
NOTE = "Vertrauen braucht Zeit."


def english_client() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    return client


@dataclass
class Seeded:
    user: object
    client: Client
    course: object
    hr: object
    trainer: object


def seed_person(
    org,
    *,
    username: str = USERNAME,
    first: str = FIRST,
    last: str = LAST,
    email: str = EMAIL,
    hr=None,
    trainer=None,
    course=None,
) -> Seeded:
    grant_role_permissions()
    course = course or build_course("Datenschutz")
    user = staff_create(
        username=username,
        unit=org["pflege_a"],
        first_name=first,
        last_name=last,
        email=email,
        password=PASSWORD,
        staff_type="paid",
        roles=(Role.LEARNER,),
    ).user
    enrol(user, course.page)
    full_name = f"{first} {last}"

    client = english_client()
    # A failed login with her name, then a real one (security log, axes).
    client.post("/accounts/login/", {"username": username, "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"username": username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content[:500]

    # Offline sync: a quiz, a case with reflections, a self-assessment.
    privacy, teamwork = course.competencies
    items = [
        item(
            "quiz.answered",
            {
                "lesson": course.quiz.pk,
                "block": course.quiz_block,
                "answers": course.answers("GDPR", "Name", "Address", "False"),
            },
            ago(30),
        ),
        item(
            "reflection.saved",
            {
                "lesson": course.case_lesson.pk,
                "block": course.case_block,
                "option": course.options[1],
                "reflections": {
                    course.questions[0]: REFLECTION,
                    course.questions[1]: f"{first} {last} fragt nach.",
                },
                "share": True,
            },
            ago(20),
        ),
        item(
            "selfassessment.saved",
            {
                "framework": course.framework.slug,
                "levels": {str(privacy.pk): 2, str(teamwork.pk): 1},
            },
            ago(15),
        ),
        item("lesson.completed", {"lesson": course.reading.pk}, ago(10)),
    ]
    results = send(client, items).json()["results"]
    assert [r["status"] for r in results] == ["stored"] * len(items), results

    card_note_save(
        user=user, deck=course.deck, card_id=course.cards[0], text=f"{NOTE} ({first})"
    )

    # H5P: a statement with her name as the player sends it, a saved state,
    # and the same statement as it arrived through sync.
    package = H5PPackage.objects.create(
        title="Wahr oder falsch",
        main_library="H5P.TrueFalse",
        content_hash=uuid.uuid4().hex * 2,
        storage_path=f"h5p/content/{uuid.uuid4().hex}",
    )
    raw = {
        "id": str(uuid.uuid4()),
        "actor": actor_for(user_pk=user.pk, name=full_name),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": "http://testserver/h5p", "objectType": "Activity"},
        "result": {
            "score": {"raw": 1, "max": 1, "min": 0},
            "success": True,
            "completion": True,
            "response": f"{first} antwortet: wahr",
        },
    }
    XAPIStatement.objects.create(
        statement_id=raw["id"],
        user=user,
        page=course.quiz,
        block_id="h5p-block",
        package=package,
        verb=raw["verb"]["id"],
        raw=raw,
    )
    H5PUserData.objects.create(
        user=user,
        page=course.quiz,
        block_id="h5p-block",
        data='{"answer": true, "typed": "' + first + '"}',
    )
    SyncItem.objects.create(
        id=uuid.uuid4(),
        user=user,
        type="xapi.statement",
        occurred_at=ago(5),
        status=SyncStatus.REJECTED,
        error="This exercise is not in the lesson.",
        data={"statement": raw},
    )

    # A trainer's rating that names her, recognised prior learning with a
    # certificate, a team session.
    trainer = (
        trainer
        or factories.staff(
            f"tara-{uuid.uuid4().hex[:6]}", org["pflege_a"], roles=(Role.TRAINER,)
        ).user
    )
    rating_record(
        rater=trainer,
        user=user,
        competency=teamwork,
        level=2,
        source=EvidenceSource.TRAINER,
        note=f"{first} {last} hat die Fallbesprechung gut moderiert.",
    )
    rating_record(
        rater=trainer,
        user=user,
        competency=privacy,
        level=1,
        source=EvidenceSource.PRIOR,
        note="Zertifikat liegt vor.",
        document=SimpleUploadedFile(
            f"zertifikat-{last.lower()}.pdf",
            b"%PDF-1.4\n% " + full_name.encode() + b"\n%%EOF\n",
            content_type="application/pdf",
        ),
    )
    team_session_start(
        facilitator=trainer,
        page=course.deck_lesson,
        block_id=course.deck_block,
        deck=course.deck,
        team_name="Team Pflege am See",
        participants=[user],
    )

    # HR opens her record (logged with HR's name), she opens her own (logged
    # with hers), a reminder went out.
    hr = hr or hr_user(f"hanna-{uuid.uuid4().hex[:6]}", org["haus_a"])
    hr_client = english_client()
    hr_client.force_login(hr)
    assert hr_client.get(f"/reports/people/{user.pk}/").status_code == 200
    assert client.get(f"/reports/people/{user.pk}/").status_code == 200
    # As HR elsewhere, she once opened a report herself (logged under her name).
    audit_record(user=user, report="matrix", output="csv", filters={}, people_count=12)
    ReminderLog.objects.create(
        user=user, course=course.page, sent_by=hr, sent_at=timezone.now()
    )

    # The admin's user editor logs under the person's name; her admin profile.
    ModelLogEntry.objects.log_action(
        user, "wagtail.edit", user=hr, title=full_name, data={"name": full_name}
    )
    UserProfile.get_for_user(user)
    return Seeded(user=user, client=client, course=course, hr=hr, trainer=trainer)
