"""Shared set-up for the people tests: HR users with a scope."""

from bs4 import BeautifulSoup

from lms.people.models import Role
from tests import factories


def hr_user(username, unit, *managed):
    """An HR user working in `unit` who manages `managed` (default: `unit`)."""
    profile = factories.staff(username, unit, roles=(Role.HR,))
    profile.managed_units.add(*(managed or (unit,)))
    return profile.user


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def messages_of(response) -> list[str]:
    return [p.get_text(" ", strip=True) for p in soup(response).select(".messages p")]
