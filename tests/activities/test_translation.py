"""Decks and cases are translatable: a trainer copies one into Danish in the
admin (wagtail.contrib.simple_translation) and translates the copy."""

import pytest
from wagtail.models import Locale

from content.models import Case, Deck
from lms.people.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def _deck() -> Deck:
    return Deck.objects.create(
        title="Dialogkarten Datenschutz",
        purpose="<p>Drei Vereinbarungen.</p>",
        themes=[
            (
                "theme",
                {
                    "name": "Messenger",
                    "cards": [{"question": "Wie erreichen uns Klienten?"}],
                },
            )
        ],
    )


def test_trainer_translates_a_deck_into_danish(client, org):
    tara = factories.staff("tara", org["verband"], roles=(Role.LEARNER, Role.TRAINER))
    deck = _deck()
    danish = Locale.objects.get(language_code="da")
    client.force_login(tara.user)
    url = f"/admin/translation/submit/snippet/content/deck/{deck.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [danish.pk]})
    assert response.status_code == 302
    copy = Deck.objects.get(locale=danish)
    assert copy.translation_key == deck.translation_key
    assert copy.cards()[0]["question"] == "Wie erreichen uns Klienten?"
    assert Deck.objects.filter(locale__language_code="de").get() == deck


def test_every_ui_language_has_a_content_locale():
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {
        "de",
        "da",
        "en",
    }
    assert Case._meta.get_field("locale")
