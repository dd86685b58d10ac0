"""`POST /api/xapi/statements`: what a learner's player may record, what a
forged request gets, and how attempts feed completion and lesson progress."""

import io
import json
import uuid
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.urls import reverse

from content.models import H5PPackage
from courses import services as course_services
from courses.models import ActivityAttempt, LessonPage, LessonProgress
from lms.activities.models import H5PAttempt, XAPIStatement
from lms.sync import xapi
from tests import factories
from tests.fixtures import H5P_FIXTURES

from .test_xapi_statements import ANSWERED, COMPLETED

pytestmark = pytest.mark.django_db

FIXTURES = str(H5P_FIXTURES)


def import_package(name: str = "true-false.h5p") -> H5PPackage:
    out = io.StringIO()
    call_command("import_h5p", f"{FIXTURES}/{name}", stdout=out)
    return H5PPackage.objects.get(pk=int(out.getvalue().strip().splitlines()[-1]))


@dataclass
class H5PSetup:
    course: object
    lesson: LessonPage
    block_id: str
    package: H5PPackage

    @property
    def block(self):
        return next(b for b in self.lesson.body if b.id == self.block_id)


def make_h5p(
    package: H5PPackage, *, pass_mark=100, counting="best", title="Quiz", extra=()
) -> H5PSetup:
    course = factories.course(f"H5P {title}")
    module = factories.module(course, f"H5P {title} Modul")
    value = {
        "package": package,
        "pass_mark": pass_mark,
        "counting": counting,
        "required": True,
    }
    lesson = factories.lesson(
        module, f"H5P {title} Lektion", body=[("h5p", value), *extra]
    )
    lesson = LessonPage.objects.get(pk=lesson.pk)
    return H5PSetup(course, lesson, lesson.body[0].id, package)


def enrolled(name: str, org, setup: H5PSetup):
    user = factories.staff(name, org["pflege_a"]).user
    course_services.course_self_enrol(user=user, course=setup.course)
    return user


def statement(user, *, verb=ANSWERED, raw=1, maximum=1, parent=False, **extra):
    data = {
        "id": str(uuid.uuid4()),
        "actor": xapi.actor_for(user_pk=user.pk, name=user.get_full_name()),
        "verb": {"id": verb},
        "object": {"id": "http://testserver/lesson#h5p", "objectType": "Activity"},
        "result": {
            "score": {"min": 0, "max": maximum, "raw": raw, "scaled": raw / maximum},
            "success": raw == maximum,
            "completion": True,
        },
    }
    if parent:
        data["context"] = {"contextActivities": {"parent": [{"id": "x"}]}}
    data.update(extra)
    return data


def url(setup: H5PSetup, **override) -> str:
    params = {
        "lesson": setup.lesson.pk,
        "block": setup.block_id,
        "package": setup.package.pk,
        **override,
    }
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{reverse('xapi-statements')}?{query}"


def send(client, setup, body, **override):
    if not isinstance(body, bytes | str):
        body = json.dumps(body)
    return client.post(url(setup, **override), body, content_type="application/json")


def nothing_stored():
    assert not XAPIStatement.objects.exists()
    assert not H5PAttempt.objects.exists()
    assert not ActivityAttempt.objects.exists()


def test_a_correct_answer_is_stored_and_completes_the_lesson(client, setup, lena):
    sent = statement(lena)
    response = send(client, setup, sent)
    assert response.status_code == 200
    body = response.json()
    assert body["results"] == [{"id": sent["id"], "status": "stored"}]
    assert body["state"] == {
        "attempts": 1,
        "counting": "best",
        "raw_score": 1.0,
        "max_score": 1.0,
        "scaled_score": 1.0,
        "passed": True,
    }
    assert body["completed"] is True
    attempt = H5PAttempt.objects.get()
    assert (attempt.user, attempt.page_id, attempt.block_id) == (
        lena,
        setup.lesson.pk,
        setup.block_id,
    )
    assert (attempt.raw_score, attempt.max_score, attempt.success) == (1, 1, True)
    assert attempt.statement.raw == sent
    assert attempt.statement.verb == ANSWERED
    progress = LessonProgress.objects.get(user=lena, lesson=setup.lesson)
    assert progress.completed_at is not None


def test_a_wrong_answer_is_an_attempt_but_not_a_completion(client, setup, lena):
    body = send(client, setup, statement(lena, raw=0)).json()
    assert body["state"]["passed"] is False and body["completed"] is False
    assert H5PAttempt.objects.count() == 1
    assert not ActivityAttempt.objects.filter(completed=True).exists()


def test_the_pass_mark_decides_when_h5p_gives_no_verdict(client, org, package):
    setup = make_h5p(package, pass_mark=60, title="Mark")
    user = enrolled("mia", org, setup)
    client.force_login(user)
    low = statement(user, raw=2, maximum=4)
    del low["result"]["success"]
    assert send(client, setup, low).json()["completed"] is False
    high = statement(user, raw=3, maximum=4)
    del high["result"]["success"]
    assert send(client, setup, high).json()["completed"] is True


def test_the_trainers_pass_mark_rules_over_the_contents_own_verdict(
    client, org, package
):
    setup = make_h5p(package, pass_mark=60, title="Strict")
    user = enrolled("ida", org, setup)
    client.force_login(user)
    says_passed = statement(user, raw=1, maximum=2)
    says_passed["result"]["success"] = True  # the H5P author's threshold
    assert send(client, setup, says_passed).json()["completed"] is False
    says_failed = statement(user, raw=2, maximum=3)
    says_failed["result"]["success"] = False
    assert send(client, setup, says_failed).json()["completed"] is True


def test_unscored_content_completes_when_completed(client, org, package):
    setup = make_h5p(package, title="Unscored")
    user = enrolled("ole", org, setup)
    client.force_login(user)
    data = statement(user, verb=COMPLETED)
    data["result"] = {"completion": True}
    body = send(client, setup, data).json()
    assert body["completed"] is True
    assert body["state"]["scaled_score"] is None


def test_best_attempt_counts_and_completion_stays(client, org, package):
    setup = make_h5p(package, counting="best", title="Best")
    user = enrolled("max", org, setup)
    client.force_login(user)
    send(client, setup, statement(user, raw=1))
    body = send(client, setup, statement(user, raw=0)).json()
    assert body["state"]["attempts"] == 2
    assert body["state"]["raw_score"] == 1.0 and body["state"]["passed"] is True


def test_last_attempt_counts_but_a_completion_is_not_undone(client, org, package):
    setup = make_h5p(package, counting="last", title="Last")
    user = enrolled("eva", org, setup)
    client.force_login(user)
    send(client, setup, statement(user, raw=1))
    body = send(client, setup, statement(user, raw=0)).json()
    assert body["state"]["raw_score"] == 0.0 and body["state"]["passed"] is False
    assert body["completed"] is True
    progress = LessonProgress.objects.get(user=user, lesson=setup.lesson)
    assert progress.completed_at is not None


def test_a_replayed_statement_is_stored_once(client, setup, lena):
    sent = statement(lena)
    send(client, setup, sent)
    response = send(client, setup, sent)
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": sent["id"], "status": "duplicate"}]
    assert XAPIStatement.objects.count() == 1
    assert H5PAttempt.objects.count() == 1
    assert ActivityAttempt.objects.count() == 1


def test_children_are_accepted_but_only_the_root_is_an_attempt(client, setup, lena):
    children = [statement(lena, parent=True) for _ in range(5)]
    root = statement(lena, verb=COMPLETED, raw=4, maximum=5)
    response = send(client, setup, [*children, root])
    assert response.status_code == 200
    statuses = [r["status"] for r in response.json()["results"]]
    assert statuses == ["ignored"] * 5 + ["stored"]
    assert XAPIStatement.objects.count() == 1
    assert H5PAttempt.objects.get().max_score == 5


def test_another_learners_statement_is_refused(client, org, setup, lena):
    other = enrolled("tom", org, setup)
    response = send(client, setup, statement(other))
    assert response.status_code == 403
    nothing_stored()


def test_one_bad_statement_spoils_the_whole_request(client, setup, lena):
    response = send(client, setup, [statement(lena), statement(lena, raw=2)])
    assert response.status_code == 400
    nothing_stored()


@pytest.mark.parametrize(
    "score",
    [
        {"min": 0, "max": 1, "raw": 5, "scaled": 1},
        {"min": 0, "max": 0, "raw": 0},
        {"scaled": 2},
    ],
)
def test_scores_out_of_bounds_are_refused(client, setup, lena, score):
    data = statement(lena)
    data["result"]["score"] = score
    response = send(client, setup, data)
    assert response.status_code == 400
    assert "error" in response.json()
    nothing_stored()


@pytest.mark.parametrize("body", ["{broken", "null", "[]", b"\xff"])
def test_malformed_json_is_refused(client, setup, lena, body):
    assert send(client, setup, body).status_code == 400
    nothing_stored()


def test_a_statement_without_id_is_refused(client, setup, lena):
    data = statement(lena)
    del data["id"]
    assert send(client, setup, data).status_code == 400
    nothing_stored()


def test_not_logged_in_gets_403_not_a_redirect(client, setup):
    user = factories.staff("anon", factories.unit("Irgendwo")).user
    response = send(client, setup, statement(user))
    assert response.status_code == 403
    nothing_stored()


def test_a_learner_not_enrolled_is_refused(client, org, setup):
    stranger = factories.staff("sara", org["pflege_a"]).user
    client.force_login(stranger)
    assert send(client, setup, statement(stranger)).status_code == 403
    nothing_stored()


@pytest.mark.parametrize(
    "override",
    [
        {"block": "no-such-block"},
        {"lesson": "abc"},
        {"lesson": 999999},
        {"package": 999999},
        {"package": ""},
    ],
)
def test_a_package_not_in_the_lesson_is_refused(client, setup, lena, override):
    assert send(client, setup, statement(lena), **override).status_code == 400
    nothing_stored()


def test_a_non_h5p_block_is_refused(client, org, package):
    setup = make_h5p(package, title="Mixed", extra=[("text", "<p>Hallo</p>")])
    user = enrolled("ida", org, setup)
    client.force_login(user)
    text_block = setup.lesson.body[1].id
    assert send(client, setup, statement(user), block=text_block).status_code == 400
    nothing_stored()


def test_a_package_from_another_course_cannot_be_scored(client, org, package, lena):
    other = make_h5p(package, title="Other")
    assert send(client, other, statement(lena)).status_code == 403
    nothing_stored()


def test_csrf_is_enforced(setup, lena):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(lena)
    response = strict.post(
        url(setup), json.dumps(statement(lena)), content_type="application/json"
    )
    assert response.status_code == 403
    nothing_stored()


def test_get_is_not_allowed(client, setup, lena):
    assert client.get(url(setup)).status_code == 405
