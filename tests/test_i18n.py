"""German is the default, Danish and English are complete, and each person's
preferred language is honoured."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client

from tests import factories

LOCALE = Path(settings.BASE_DIR) / "locale"


def _heading(response) -> str:
    page = BeautifulSoup(response.content, "html.parser")
    return page.html["lang"], page.find("h1").get_text(strip=True)


@pytest.mark.django_db
def test_german_is_the_default():
    response = Client().get("/accounts/login/")
    assert _heading(response) == ("de", "Anmelden")


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "title"), [("da", "Log ind"), ("en", "Log in")])
def test_switcher_language_wins(code, title):
    client = Client()
    response = client.post("/i18n/setlang/", {"language": code, "next": "/"})
    assert response.status_code == 302
    assert _heading(client.get("/accounts/login/")) == (code, title)


@pytest.mark.django_db
def test_profile_language_is_used_after_login(org):
    profile = factories.staff("mette", org["pflege_a"])
    profile.preferred_language = "da"
    profile.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(profile.user)
    assert _heading(client.get("/my/")) == ("da", "Min læring")


def _entries(po_file: Path):
    """(msgid, [msgstr...], fuzzy) for every entry but the header."""
    text = po_file.read_text(encoding="utf-8")
    for block in (b + "\n" for b in text.split("\n\n")):
        if "msgid" not in block or 'msgid ""\nmsgstr ""\n"Project' in block:
            continue
        if block.lstrip().startswith("#~"):
            continue
        msgid = "".join(re.findall(r'^msgid "(.*)"$', block, re.M))
        strings = re.findall(r'^msgstr(?:\[\d\])? "(.*)"\n((?:".*"\n?)*)', block, re.M)
        values = [
            first + "".join(re.findall(r'"(.*)"', rest)) for first, rest in strings
        ]
        yield msgid, values, "#, fuzzy" in block or ", fuzzy" in block


@pytest.mark.parametrize("code", ["de", "da", "en"])
def test_catalogue_is_complete(code):
    po_file = LOCALE / code / "LC_MESSAGES" / "django.po"
    missing = [
        msgid
        for msgid, values, fuzzy in _entries(po_file)
        if fuzzy or not values or not all(values)
    ]
    assert not missing, f"{code}: {len(missing)} untranslated, e.g. {missing[:5]}"
