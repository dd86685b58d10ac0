"""Case study in the browser's terms: the block in a lesson, posting a choice
and reflections, forged posts, and the trainer's anonymous results page."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from courses import services as course_services
from courses.models import LessonPage, LessonProgress
from lms.activities.models import CaseReflection, CaseResponse
from lms.activities.models.case import OTHER_OPTION
from lms.activities.selectors.case import state_for
from lms.activities.services.case import case_reflections_save, case_response_choose
from lms.people.models import Role
from tests import factories
from tests.activities.test_case import case_lesson, make_case, option_id, question_id

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def world(org):
    case = make_case()
    lesson = case_lesson(case)
    course = lesson.get_parent().get_parent().specific
    learner = factories.staff("lena", org["pflege_a"]).user
    course_services.enrolment_create(user=learner, course=course, source="self")
    trainer = factories.staff("tara", org["pflege_a"], roles=(Role.TRAINER,)).user
    course.trainers.add(trainer)
    course.save_revision().publish()
    return {
        "case": case,
        "lesson": LessonPage.objects.get(pk=lesson.pk),
        "block": lesson.body[0],
        "course": course,
        "learner": learner,
        "trainer": trainer,
    }


@pytest.fixture
def lena(client, world):
    client.force_login(world["learner"])
    return client


def urls(world):
    base = f"/my/lessons/{world['lesson'].pk}/cases/{world['block'].id}"
    return {
        "choose": f"{base}/choose/",
        "reflections": f"{base}/reflections/",
        "results": f"/trainer/lessons/{world['lesson'].pk}/cases/{world['block'].id}/",
    }


def others_choose(world, count, option=None, other_text="", prefix="peer"):
    """Other learners who chose (option 2 unless told)."""
    case, lesson, block = world["case"], world["lesson"], world["block"]
    for n in range(count):
        case_response_choose(
            user=factories.UserFactory(username=f"{prefix}{n}"),
            page=lesson,
            block_id=block.id,
            case=case,
            option_id=option or option_id(case, 2),
            other_text=other_text,
        )


def render_block(world, user, enrolment=True, **extra):
    """The block as the lesson page renders it, with this learner's state."""
    block = world["block"]
    state = state_for(user=user, page=world["lesson"], blocks=[block])[block.id]
    for key, value in extra.items():
        setattr(state, key, value)
    html = render_to_string(
        "content/blocks/case.html",
        {
            "value": block.value,
            "block_id": block.id,
            "page": world["lesson"],
            "state": state,
            "enrolment": enrolment,
            "completed_activities": set(),
        },
    )
    return BeautifulSoup(html, "html.parser")


# The block ------------------------------------------------------------------


def test_block_shows_story_and_options_as_a_radio_group(world):
    page = render_block(world, world["learner"])
    section = page.select_one("section.case")
    assert "Das Handyfoto" in section.h2.get_text()
    assert "Frühschicht" in section.get_text()
    assert section.select_one(".case__story b").get_text() == "Privathandy"
    fieldset = section.select_one("form fieldset")
    assert fieldset.legend.get_text() == "What do you do?"
    radios = fieldset.select("input[type=radio][name=option]")
    assert [r["value"] for r in radios] == [
        *(option_id(world["case"], n) for n in (1, 2, 3)),
        "other",
    ]
    for radio in radios:
        assert page.select_one(f"label[for='{radio['id']}']")
    other = fieldset.select_one("textarea[name=other_text]")
    assert page.select_one(f"label[for='{other['id']}']")
    # Nothing chosen yet: no feedback, no counts, no reflection form.
    assert not page.select(".case__feedback, .case__results, .case__reflections")


def test_block_without_other_or_questions(world):
    case = world["case"]
    case.allow_other = False
    case.reflection_questions = []
    case.save()
    case_response_choose(
        user=world["learner"],
        page=world["lesson"],
        block_id=world["block"].id,
        case=case,
        option_id=option_id(case, 1),
    )
    page = render_block(world, world["learner"])
    assert not page.select("input[value=other], textarea[name=other_text]")
    assert page.select_one(".case__feedback")
    assert not page.select(".case__reflections")


def test_preview_without_enrolment_has_no_forms(world):
    page = render_block(world, world["trainer"], enrolment=None)
    assert not page.select("form")
    assert [li.get_text() for li in page.select(".case__preview-options li")] == [
        "Option 1",
        "Option 2",
        "Option 3",
        "Other",
    ]
    assert (
        page.find("a", string="Choices and shared reflections")["href"]
        == urls(world)["results"]
    )


def test_block_renders_without_a_case_in_the_admin_preview():
    html = render_to_string("content/blocks/case.html", {"value": {"case": None}})
    assert html.strip() == ""


# Choosing -------------------------------------------------------------------


def test_choosing_shows_feedback_and_completes_the_activity(lena, world):
    response = lena.post(urls(world)["choose"], {"option": option_id(world["case"], 2)})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#case-{world['block'].id}")
    assert CaseResponse.objects.get().option_id == option_id(world["case"], 2)
    progress = LessonProgress.objects.get(user=world["learner"])
    assert progress.completed_at is not None  # the case is the lesson's only activity

    page = render_block(world, world["learner"])
    feedback = page.select_one(".case__feedback")
    assert "Option 2" in feedback.get_text()
    assert "Feedback zu Option 2." in feedback.get_text()
    assert page.select_one("input[type=radio][checked]")["value"] == option_id(
        world["case"], 2
    )
    assert page.select_one("form.case__choice button").get_text() == "Change my choice"


def test_changing_the_choice_keeps_one_response(lena, world):
    lena.post(urls(world)["choose"], {"option": option_id(world["case"], 1)})
    lena.post(urls(world)["choose"], {"option": option_id(world["case"], 3)})
    assert CaseResponse.objects.get().option_id == option_id(world["case"], 3)


def test_other_with_text_shows_other_feedback_escaped(lena, world):
    text = "<script>alert('x')</script> Ich frage\nnach."
    lena.post(urls(world)["choose"], {"option": "other", "other_text": text})
    page = render_block(world, world["learner"])
    feedback = page.select_one(".case__feedback")
    assert not feedback.select("script")
    assert "<script>alert('x')</script>" in feedback.get_text()
    assert "Gut, dass Sie einen eigenen Weg suchen." in feedback.get_text()
    assert page.select_one("textarea[name=other_text]").get_text() == text


def test_other_without_text_is_shown_again_with_a_message(lena, world):
    response = lena.post(urls(world)["choose"], {"option": "other", "other_text": " "})
    assert response.status_code == 400
    page = soup(response)
    assert page.select_one("[role=alert]")
    error = page.select_one(".case__error")
    assert "Please describe what you would do." in error.get_text()
    textarea = page.select_one("textarea[name=other_text]")
    assert textarea["aria-invalid"] == "true"
    assert error["id"] in textarea["aria-describedby"]
    assert page.select_one("input[value=other]").has_attr("checked")
    assert not CaseResponse.objects.exists()
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_choosing_nothing_is_a_message(lena, world):
    response = lena.post(urls(world)["choose"], {})
    assert response.status_code == 400
    assert "Please choose one of the options." in soup(response).get_text()
    assert not CaseResponse.objects.exists()


def test_forged_choices_change_nothing(lena, world, org):
    url = urls(world)["choose"]
    other_case = make_case("Fremd")
    for forged in ["bogus", option_id(other_case, 1)]:
        assert lena.post(url, {"option": forged}).status_code == 404
    lesson = world["lesson"]
    assert lena.post(f"/my/lessons/{lesson.pk}/cases/nope/choose/").status_code == 404
    # A lesson in a course the learner is not enrolled in.
    foreign = case_lesson(world["case"], "Fremdkurs")
    response = lena.post(
        f"/my/lessons/{foreign.pk}/cases/{foreign.body[0].id}/choose/",
        {"option": option_id(world["case"], 1)},
    )
    assert response.status_code == 403
    assert lena.get(url).status_code == 405
    assert not CaseResponse.objects.exists()
    assert not LessonProgress.objects.exists()


def test_posts_need_a_login(client, world):
    response = client.post(urls(world)["choose"], {"option": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# Reflections ----------------------------------------------------------------


def reflect(client, world, texts, share=False):
    data = {f"reflection-{qid}": text for qid, text in texts.items()}
    if share:
        data["share_reflections"] = "1"
    return client.post(urls(world)["reflections"], data)


def test_reflections_are_saved_shown_and_editable(lena, world):
    case = world["case"]
    q1, q2 = question_id(case, 1), question_id(case, 2)
    lena.post(urls(world)["choose"], {"option": option_id(case, 1)})
    response = reflect(lena, world, {q1: "Erst <b>fragen</b>", q2: "Zwei"})
    assert response.status_code == 302
    page = render_block(world, world["learner"])
    textareas = page.select(".case__reflections textarea")
    assert [t.get_text() for t in textareas] == ["Erst <b>fragen</b>", "Zwei"]
    assert not page.select(".case__reflections b")
    assert not page.select_one("input[name=share_reflections]").has_attr("checked")

    reflect(lena, world, {q1: "Neu", q2: "Zwei"}, share=True)
    page = render_block(world, world["learner"])
    assert page.select(".case__reflections textarea")[0].get_text() == "Neu"
    assert page.select_one("input[name=share_reflections]").has_attr("checked")
    assert CaseReflection.objects.count() == 2


def test_empty_or_overlong_reflection_is_shown_again(lena, world):
    case = world["case"]
    q1, q2 = question_id(case, 1), question_id(case, 2)
    lena.post(urls(world)["choose"], {"option": option_id(case, 1)})
    response = reflect(lena, world, {q1: "Behalten", q2: "x" * 5001}, share=True)
    assert response.status_code == 400
    page = soup(response)
    assert page.select_one(f"textarea[name=reflection-{q1}]").get_text() == "Behalten"
    assert "at most 5000" in page.select_one(".case__error").get_text()
    assert page.select_one("input[name=share_reflections]").has_attr("checked")
    response = reflect(lena, world, {q1: "", q2: "Zwei"})
    assert "Please write an answer to this question." in soup(response).get_text()
    assert not CaseReflection.objects.exists()


def test_forged_reflections_change_nothing(lena, world, client):
    case = world["case"]
    q1, q2 = question_id(case, 1), question_id(case, 2)
    # Before choosing there is nothing to reflect on.
    assert reflect(lena, world, {q1: "a", q2: "b"}).status_code == 404
    lena.post(urls(world)["choose"], {"option": option_id(case, 1)})
    assert reflect(lena, world, {q1: "a", q2: "b", "nope": "c"}).status_code == 404
    assert not CaseReflection.objects.exists()


def test_nobody_can_write_into_another_learners_response(client, world, org):
    case = world["case"]
    q1, q2 = question_id(case, 1), question_id(case, 2)
    client.force_login(world["learner"])
    client.post(urls(world)["choose"], {"option": option_id(case, 1)})
    reflect(client, world, {q1: "Lenas", q2: "Text"})
    lenas = CaseResponse.objects.get()

    # Another learner, not enrolled: 403, whatever ids they send.
    mallory = factories.staff("mallory", org["pflege_a"]).user
    client.force_login(mallory)
    forged = {"response": lenas.pk, "user": world["learner"].pk}
    assert (
        client.post(
            urls(world)["reflections"], {**forged, f"reflection-{q1}": "Hack"}
        ).status_code
        == 403
    )
    # Enrolled, they only ever reach their own response.
    course_services.enrolment_create(
        user=mallory, course=world["course"], source="self"
    )
    assert (
        client.post(
            urls(world)["reflections"], {**forged, f"reflection-{q1}": "Hack"}
        ).status_code
        == 404
    )  # they have not chosen yet
    client.post(urls(world)["choose"], {**forged, "option": option_id(case, 2)})
    reflect(client, world, {q1: "Malloy", q2: "eigene"}, share=True)
    lenas.refresh_from_db()
    assert lenas.option_id == option_id(case, 1)
    assert lenas.share_reflections is False
    assert sorted(lenas.reflections.values_list("text", flat=True)) == [
        "Lenas",
        "Text",
    ]
    assert CaseResponse.objects.count() == 2


# Counts for learners ------------------------------------------------------------


def test_counts_only_after_choosing_and_from_five_answers(lena, world):
    others_choose(world, 3)
    lena.post(urls(world)["choose"], {"option": option_id(world["case"], 1)})
    page = render_block(world, world["learner"])
    results = page.select_one(".case__results")
    assert "The results appear once 5 people have answered." in results.get_text()
    assert not results.select("progress")

    others_choose(world, 1, OTHER_OPTION, "anders", prefix="fifth")
    page = render_block(world, world["learner"])
    rows = page.select(".case-bars__row")
    texts = [" ".join(row.get_text().split()) for row in rows]
    assert texts == [
        "Option 1 (your choice) 1 (20 %)",
        "Option 2 3 (60 %)",
        "Option 3 0 (0 %)",
        "Other 1 (20 %)",
    ]
    assert rows[1].select_one("progress")["value"] == "60"
    assert "5 people have answered." in page.get_text()
    # No names of anyone who answered.
    assert "peer" not in page.get_text() and "fifth" not in page.get_text()


# Trainer page -----------------------------------------------------------------


def test_trainer_sees_counts_and_shared_reflections_without_names(client, world):
    case = world["case"]
    q1, q2 = question_id(case, 1), question_id(case, 2)
    client.force_login(world["learner"])
    client.post(
        urls(world)["choose"],
        {"option": "other", "other_text": "<i>Ich</i> rufe an"},
    )
    reflect(client, world, {q1: "Geteilt <script>x</script>", q2: "Auch"}, True)

    client.force_login(world["trainer"])
    page = soup(client.get(urls(world)["results"]))
    assert page.h1.get_text() == "Case study results: Das Handyfoto"
    assert "Fewer than 5 answers so far." in page.get_text()
    assert not page.select("table")
    shared = page.select(".case-shared blockquote")
    assert [b.get_text() for b in shared] == [
        "Geteilt <script>x</script>",
        "Auch",
        "<i>Ich</i> rufe an",
    ]
    assert not page.select(".case-shared script, .case-shared i")
    text = page.select_one("main").get_text()
    assert "Lena" not in text and "lena" not in text

    others_choose(world, 4)
    page = soup(client.get(urls(world)["results"]))
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in page.select("table tbody tr")
    ]
    assert rows == [
        ["Option 1", "0", "0 %"],
        ["Option 2", "4", "80 %"],
        ["Option 3", "0", "0 %"],
        ["Other", "1", "20 %"],
    ]


def test_trainer_sees_nothing_that_was_not_shared(client, world):
    case = world["case"]
    client.force_login(world["learner"])
    client.post(urls(world)["choose"], {"option": "other", "other_text": "Geheim"})
    reflect(
        client, world, {question_id(case, 1): "Privat", question_id(case, 2): "Auch"}
    )
    client.force_login(world["trainer"])
    page = soup(client.get(urls(world)["results"]))
    assert "Geheim" not in page.get_text() and "Privat" not in page.get_text()
    assert "No learner has shared their reflections yet." in page.get_text()


def test_results_page_is_for_the_courses_trainers_only(client, world, org):
    client.force_login(world["learner"])
    assert client.get(urls(world)["results"]).status_code == 403
    other_trainer = factories.staff("theo", org["haus_b"], roles=(Role.TRAINER,))
    client.force_login(other_trainer.user)
    assert client.get(urls(world)["results"]).status_code == 403
    client.force_login(world["trainer"])
    lesson = world["lesson"]
    assert client.get(f"/trainer/lessons/{lesson.pk}/cases/nope/").status_code == 404


def test_results_page_queries_do_not_grow_with_answers(client, world):
    client.force_login(world["trainer"])

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(urls(world)["results"]).status_code == 200
        return len(context)

    count()  # warm: session and permission sets are kept in the cache
    few = count()
    others_choose(world, 6)
    for response in CaseResponse.objects.all():
        response.share_reflections = True
        response.save()
        case_reflections_save(
            user=response.user,
            page=world["lesson"],
            block_id=world["block"].id,
            case=world["case"],
            texts={q.id: "geteilt" for q in world["case"].reflection_questions},
            share=True,
        )
    assert count() == few


# In the lesson page -------------------------------------------------------------


def test_lesson_page_shows_the_learners_saved_state(lena, world):
    case = world["case"]
    q1, q2 = question_id(case, 1), question_id(case, 2)
    lena.post(urls(world)["choose"], {"option": option_id(case, 2)})
    reflect(lena, world, {q1: "Gespeichert", q2: "Auch gespeichert"})
    response = lena.get(world["lesson"].url)
    page = soup(response)
    section = page.select_one(f"#case-{world['block'].id}")
    assert "Feedback zu Option 2." in section.select_one(".case__feedback").get_text()
    assert section.select(".case__reflections textarea")[0].get_text() == "Gespeichert"
    assert "This lesson completes by itself" not in page.get_text()
    assert "You completed this lesson" in page.get_text()


def test_lesson_preview_for_the_trainer_has_no_forms(client, world):
    client.force_login(factories.UserFactory(username="admin", is_superuser=True))
    page = soup(client.get(world["lesson"].url))
    section = page.select_one(f"#case-{world['block'].id}")
    assert not section.select("form")
    assert section.select_one(".case__preview-options")


def test_lesson_page_queries_do_not_grow_with_case_blocks(client, world):
    """The learner's state for every case block of a lesson comes in a fixed
    number of queries."""
    learner = world["learner"]
    client.force_login(learner)

    def queries(lesson):
        for block in lesson.body:
            case = block.value["case"]
            case_response_choose(
                user=learner,
                page=lesson,
                block_id=block.id,
                case=case,
                option_id=option_id(case, 1),
            )
        client.get(lesson.url)  # warm up: first visit, session
        with CaptureQueriesContext(connection) as context:
            assert client.get(lesson.url).status_code == 200
        return len(context)

    one = queries(world["lesson"])
    module = world["lesson"].get_parent()
    cases = [make_case(f"Fall {n}", options=4, questions=4) for n in range(3)]
    body = [("case", {"case": case, "required": True}) for case in cases]
    many = factories.lesson(module, "Viele Fälle", body=body)
    assert queries(LessonPage.objects.get(pk=many.pk)) == one
