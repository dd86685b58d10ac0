"""The privacy page, and erasure from the browser: admins with a typed
confirmation, learners with their password where the organisation allows it."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from courses.roles import grant_role_permissions
from lms.people.models import Role
from lms.privacy.models import ErasedAccount, ErasureReason
from tests import factories

from .helpers import PASSWORD, english_client, seed_person

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


# --- /privacy/ -----------------------------------------------------------------


def test_the_privacy_page_is_public_and_linked_from_every_page(client):
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert "Who sees it" in response.content.decode()
    footer = soup(client.get("/accounts/login/")).select_one("footer")
    assert footer.find("a", href="/privacy/")


def test_the_privacy_page_states_the_configured_periods(client, settings):
    settings.RETENTION_INACTIVE_VOLUNTEER_MONTHS = 24
    settings.RETENTION_TRAINING_RECORDS_YEARS = 3
    text = soup(client.get("/privacy/")).select_one("#retention-periods").get_text()
    assert "24 months" in text and "3 years" in text

    settings.RETENTION_INACTIVE_VOLUNTEER_MONTHS = 7
    settings.RETENTION_TRAINING_RECORDS_YEARS = 10
    settings.RETENTION_AUDIT_MONTHS = 0
    text = soup(client.get("/privacy/")).select_one("#retention-periods").get_text()
    assert "erased after 7 months without a login" in text
    assert "10 years" in text
    assert "24 months" not in text


# --- erasure by an admin ---------------------------------------------------------


@pytest.fixture
def admin_client(org):
    grant_role_permissions()
    admin = factories.staff("alex", org["verband"], roles=(Role.ADMIN,)).user
    client = english_client()
    client.force_login(admin)
    return client


def test_an_admin_erases_an_account_after_typing_its_user_name(org, admin_client):
    person = factories.staff("lena", org["pflege_a"]).user
    url = f"/privacy/accounts/{person.pk}/erase/"
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "lena" in page.content.decode()

    wrong = admin_client.post(url, {"confirmation": "Lena"})
    assert wrong.status_code == 200
    assert soup(wrong).select(".errorlist")
    assert not ErasedAccount.objects.exists()

    done = admin_client.post(url, {"confirmation": "lena"}, follow=True)
    assert ErasedAccount.objects.get(user=person).reason == ErasureReason.ADMIN
    assert "was erased" in done.content.decode()
    assert get_user_model().objects.get(pk=person.pk).username == f"erased-{person.pk}"


def test_nobody_else_reaches_the_erasure_page(org, hr_client):
    person = factories.staff("lena", org["pflege_a"]).user
    url = f"/privacy/accounts/{person.pk}/erase/"
    assert hr_client.get(url).status_code == 404
    assert hr_client.post(url, {"confirmation": "lena"}).status_code == 404
    assert not ErasedAccount.objects.exists()
    anonymous = english_client().get(url)
    assert anonymous.status_code == 302


def test_the_admin_user_list_offers_erasure(org, admin_client):
    person = factories.staff("lena", org["pflege_a"]).user
    html = admin_client.get("/admin/users/").content.decode()
    assert f"/privacy/accounts/{person.pk}/erase/" in html


# --- erasure by the person ---------------------------------------------------------


def test_self_erasure_is_off_unless_the_organisation_allows_it(org, settings):
    settings.PRIVACY_SELF_ERASURE = False
    seeded = seed_person(org)
    assert seeded.client.get("/my/data/erase/").status_code == 404
    assert "/my/data/erase/" not in seeded.client.get("/my/data/").content.decode()


def test_a_learner_erases_their_account_with_their_password(org, settings):
    settings.PRIVACY_SELF_ERASURE = True
    seeded = seed_person(org)
    assert "/my/data/erase/" in seeded.client.get("/my/data/").content.decode()

    wrong = seeded.client.post("/my/data/erase/", {"password": "nope"})
    assert wrong.status_code == 200 and soup(wrong).select(".errorlist")
    assert not ErasedAccount.objects.exists()

    done = seeded.client.post("/my/data/erase/", {"password": PASSWORD})
    assert done.status_code == 200
    assert "Your account was erased" in done.content.decode()
    assert ErasedAccount.objects.get(user=seeded.user).reason == ErasureReason.SELF
    assert seeded.client.get("/my/data/").status_code == 302
    assert not seeded.client.login(username="qzwetschgenbaum", password=PASSWORD)
