"""The H5P block in a lesson (player container, status under it) and the
player's saved state ("content user data")."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.activities.models import H5PUserData
from lms.activities.selectors.h5p import state_for

from .test_xapi_views import enrolled, make_h5p, send, statement

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def player(response):
    return soup(response).select_one("[data-h5p-player]")


def test_an_enrolled_learner_gets_a_recording_player(client, setup, lena):
    el = player(client.get(setup.lesson.url))
    hash_folder = setup.package.storage_path.removeprefix("h5p/").rstrip("/")
    assert el["data-h5p-json-path"] == f"/h5p/{hash_folder}"
    assert el["data-h5p-content-path"] == f"/h5p/{hash_folder}/content"
    assert el["data-h5p-libraries-path"] == "/h5p/libraries"
    assert el["data-h5p-main"].endswith("h5p-standalone/main.bundle.js")
    assert el["data-h5p-frame-js"].endswith("h5p-standalone/frame.bundle.js")
    assert el["data-h5p-frame-css"].endswith("h5p-standalone/styles/h5p.css")
    assert el["data-h5p-id"] == f"{setup.lesson.pk}-{setup.block_id}"
    assert el["data-h5p-record"] == "true"
    assert el["data-h5p-user-mail"] == f"{lena.pk}@users.lms.invalid"
    assert el["data-h5p-xapi-url"] == (
        f"/api/xapi/statements?lesson={setup.lesson.pk}&block={setup.block_id}"
        f"&package={setup.package.pk}"
    )
    assert el["data-h5p-user-data-url"] == (
        f"/api/h5p/user-data/{setup.lesson.pk}-{setup.block_id}"
        "/:dataType/:subContentId/"
    )
    assert "needs JavaScript" in text(el.find("noscript"))


def test_nothing_is_loaded_from_elsewhere(client, setup, lena):
    page = soup(client.get(setup.lesson.url))
    block = page.select_one(".activity--h5p")
    urls = [tag.get("src") or tag.get("href") for tag in block.select("[src], [href]")]
    urls += [
        v
        for k, v in block.select_one("[data-h5p-player]").attrs.items()
        if k.endswith(("-path", "-js", "-css", "-main", "-url"))
    ]
    assert urls and all(u.startswith("/") for u in urls), urls


def test_the_status_shows_the_counting_score(client, setup, lena):
    send(client, setup, statement(lena, raw=0))
    send(client, setup, statement(lena, raw=1))
    status = soup(client.get(setup.lesson.url)).select_one(".h5p-block__status")
    assert "You have completed this exercise." in text(status)
    assert "Best score: 1 / 1 · passed · Attempts: 2" in text(status)


def test_the_status_before_any_attempt(client, setup, lena):
    status = soup(client.get(setup.lesson.url)).select_one(".h5p-block__status")
    assert text(status) == "Attempts: 0"


def test_a_preview_plays_without_recording(setup):
    admin = get_user_model().objects.create_superuser("root", "r@example.org", "pw")
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(admin)
    response = client.get(setup.lesson.url)
    el = player(response)
    assert el is not None
    assert "data-h5p-record" not in el.attrs
    assert "data-h5p-user-mail" not in el.attrs
    assert "not recorded" in text(soup(response).select_one(".activity--h5p"))


def test_state_for_takes_one_query_for_any_number_of_blocks(org, package):
    value = {"package": package, "pass_mark": 50, "counting": "last", "required": True}
    setup = make_h5p(package, title="Many", extra=[("h5p", value)] * 3)
    client = Client()
    user = enrolled("kai", org, setup)
    client.force_login(user)
    for block in list(setup.lesson.body)[:2]:
        send(client, setup, statement(user, raw=1), block=block.id)
    with CaptureQueriesContext(connection) as queries:
        states = state_for(user=user, page=setup.lesson, blocks=list(setup.lesson.body))
    assert len(queries) == 1
    assert [s.attempts_used for s in states.values()] == [1, 1, 0, 0]
    assert [s.passed for s in states.values()] == [True, True, False, False]


# Saved state ---------------------------------------------------------------


def data_url(setup, data_type="state", sub_content_id="0"):
    return reverse(
        "h5p-user-data",
        args=[setup.lesson.pk, setup.block_id, data_type, sub_content_id],
    )


def test_nothing_saved_answers_data_false(client, setup, lena):
    response = client.get(data_url(setup))
    assert response.json() == {"success": True, "data": False}


def test_state_is_saved_and_given_back(client, setup, lena):
    state = '{"answers":[true]}'
    response = client.post(
        data_url(setup), {"data": state, "preload": "1", "invalidate": "1"}
    )
    assert response.json() == {"success": True}
    assert client.get(data_url(setup)).json() == {"success": True, "data": state}
    client.post(data_url(setup), {"data": '{"answers":[false]}', "preload": "1"})
    assert H5PUserData.objects.get().data == '{"answers":[false]}'


def test_data_zero_resets_the_state(client, setup, lena):
    client.post(data_url(setup), {"data": "{}", "preload": "1", "invalidate": "1"})
    client.post(data_url(setup), {"data": "0", "preload": "0", "invalidate": "0"})
    assert not H5PUserData.objects.exists()
    assert client.get(data_url(setup)).json()["data"] is False


def test_state_is_per_learner(client, org, setup, lena):
    client.post(data_url(setup), {"data": '{"mine":1}'})
    other = enrolled("tom", org, setup)
    client.force_login(other)
    assert client.get(data_url(setup)).json()["data"] is False


def test_state_over_64_kb_is_refused(client, setup, lena):
    response = client.post(data_url(setup), {"data": "x" * (64 * 1024 + 1)})
    assert response.status_code == 400
    assert not H5PUserData.objects.exists()


@pytest.mark.parametrize("data_type", ["a b", "x" * 65, ":dataType"])
def test_odd_keys_are_refused(client, setup, lena, data_type):
    assert client.get(data_url(setup, data_type=data_type)).status_code == 400


def test_saved_state_needs_enrolment_and_login(client, org, setup):
    assert client.get(data_url(setup)).status_code == 403
    stranger = enrolled("sara", org, make_h5p(setup.package, title="Elsewhere"))
    client.force_login(stranger)
    assert client.get(data_url(setup)).status_code == 403
    assert client.post(data_url(setup), {"data": "{}"}).status_code == 403
    assert not H5PUserData.objects.exists()


def test_saving_needs_the_csrf_token(setup, lena):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(lena)
    assert strict.post(data_url(setup), {"data": "{}"}).status_code == 403
    page = strict.get(setup.lesson.url)
    token = player(page)["data-h5p-csrf"]
    response = strict.post(data_url(setup), {"data": "{}"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
