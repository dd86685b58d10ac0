import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from courses import services
from courses.models import Enrolment, LessonPage, LessonProgress
from lms.people.models import StaffType
from tests import factories

pytestmark = pytest.mark.django_db


def _lessons(course):
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


def test_self_enrolment_is_idempotent(org):
    lena = factories.staff("lena", org["pflege_a"]).user
    course = factories.course_tree("Ethik")
    first = services.course_self_enrol(user=lena, course=course)
    second = services.course_self_enrol(user=lena, course=course)
    assert first.pk == second.pk
    assert Enrolment.objects.filter(user=lena).count() == 1


def test_self_enrolment_refused_when_course_is_assigned_only(org):
    lena = factories.staff("lena", org["pflege_a"]).user
    course = factories.course_tree("Datenschutz", self_enrolment=False)
    with pytest.raises(PermissionDenied):
        services.course_self_enrol(user=lena, course=course)
    assert not Enrolment.objects.exists()


def test_self_enrolment_respects_audience(org):
    volker = factories.staff("volker", org["beratung_b"], StaffType.VOLUNTEER).user
    course = factories.course_tree("Pflegedoku", audience="paid")
    with pytest.raises(PermissionDenied):
        services.course_self_enrol(user=volker, course=course)


def test_completing_every_lesson_completes_the_course(org):
    lena = factories.staff("lena", org["pflege_a"]).user
    course = factories.course_tree("Ethik", modules=2, lessons=2)
    services.course_self_enrol(user=lena, course=course)
    lessons = _lessons(course)
    for lesson in lessons[:-1]:
        services.lesson_mark_complete(user=lena, lesson=lesson)
    assert Enrolment.objects.get(user=lena).completed_at is None
    services.lesson_mark_complete(user=lena, lesson=lessons[-1])
    assert Enrolment.objects.get(user=lena).completed_at is not None


def test_completing_a_lesson_twice_keeps_the_first_date(org):
    lena = factories.staff("lena", org["pflege_a"]).user
    course = factories.course_tree("Ethik", modules=1, lessons=2)
    lesson = _lessons(course)[0]
    first = services.lesson_mark_complete(user=lena, lesson=lesson).completed_at
    again = services.lesson_mark_complete(user=lena, lesson=lesson).completed_at
    assert first == again
    assert LessonProgress.objects.filter(user=lena, lesson=lesson).count() == 1


def test_lesson_with_activity_completes_by_itself(org):
    lena = factories.staff("lena", org["pflege_a"]).user
    course = factories.course("Schweigepflicht")
    module = factories.module(course, "Grundlagen")
    lesson = factories.lesson(
        module,
        "Verpflichtung",
        body=[
            ("text", "<p>Sie sind zur Verschwiegenheit verpflichtet.</p>"),
            (
                "acknowledgement",
                {"statement": "Ich habe die Schweigepflicht verstanden."},
            ),
            (
                "acknowledgement",
                {"statement": "Ich gebe keine Daten an Dritte weiter."},
            ),
        ],
    )
    services.course_self_enrol(user=lena, course=course)
    with pytest.raises(ValidationError):
        services.lesson_mark_complete(user=lena, lesson=lesson)
    first, second = lesson.activity_ids()
    progress = services.activity_complete(user=lena, lesson=lesson, block_id=first)
    assert progress.completed_at is None
    assert progress.progress == pytest.approx(0.5)
    progress = services.activity_complete(user=lena, lesson=lesson, block_id=second)
    assert progress.completed_at is not None
    assert Enrolment.objects.get(user=lena).completed_at is not None


def test_forged_activity_id_is_rejected(org):
    lena = factories.staff("lena", org["pflege_a"]).user
    course = factories.course_tree("Ethik", modules=1, lessons=1)
    lesson = _lessons(course)[0]
    with pytest.raises(ValidationError):
        services.activity_complete(user=lena, lesson=lesson, block_id="not-a-block")
    assert not LessonProgress.objects.exists()


def test_assignment_enrols_unit_subtree_now_and_later(org):
    hanna = factories.staff("hanna", org["verband"]).user
    inside = factories.staff("inside", org["pflege_a"]).user
    outside = factories.staff("outside", org["beratung_b"]).user
    course = factories.course_tree("Datenschutz", self_enrolment=False, mandatory=True)
    _assignment, count = services.assignment_create(
        course=course, created_by=hanna, unit=org["haus_a"]
    )
    assert count == 1
    assert Enrolment.objects.filter(course=course, user=inside).exists()
    assert not Enrolment.objects.filter(course=course, user=outside).exists()

    newcomer = factories.staff("newcomer", org["pflege_a"]).user
    assert Enrolment.objects.get(course=course, user=newcomer).source == "assignment"


def test_assignment_by_staff_type_only(org):
    hanna = factories.staff("hanna", org["verband"]).user
    volunteer = factories.staff("vol", org["beratung_b"], StaffType.VOLUNTEER).user
    paid = factories.staff("paid", org["beratung_b"]).user
    course = factories.course_tree("Ehrenamt")
    services.assignment_create(
        course=course, created_by=hanna, unit=org["verband"], staff_type="volunteer"
    )
    assert Enrolment.objects.filter(course=course, user=volunteer).exists()
    assert not Enrolment.objects.filter(course=course, user=paid).exists()


def test_moving_a_person_into_an_assigned_unit_enrols_them(org):
    from lms.people.services import staff_update

    hanna = factories.staff("hanna", org["verband"]).user
    course = factories.course_tree("Pflege")
    services.assignment_create(course=course, created_by=hanna, unit=org["haus_a"])
    profile = factories.staff("mover", org["beratung_b"])
    assert not Enrolment.objects.filter(user=profile.user).exists()
    staff_update(profile=profile, unit=org["pflege_a"])
    assert Enrolment.objects.filter(user=profile.user, course=course).exists()


def test_optional_activity_does_not_block_completion(org):
    lena = factories.staff("lena", org["pflege_a"]).user
    course = factories.course("Freiwillig")
    module = factories.module(course, "Grundlagen")
    lesson = factories.lesson(
        module,
        "Mit Zusatz",
        body=[
            ("acknowledgement", {"statement": "Pflicht.", "required": True}),
            ("acknowledgement", {"statement": "Zusatz.", "required": False}),
        ],
    )
    services.course_self_enrol(user=lena, course=course)
    required, optional = (block.id for block in lesson.body)
    assert lesson.activity_ids() == [required]
    progress = services.activity_complete(user=lena, lesson=lesson, block_id=optional)
    assert progress.completed_at is None
    progress = services.activity_complete(user=lena, lesson=lesson, block_id=required)
    assert progress.completed_at is not None
