from unittest import mock

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] is True


def test_healthz_reports_unreachable_database(client):
    # The one mock in the suite: a database outage cannot be caused for real
    # without breaking the test database for every other test.
    with mock.patch("lms.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] is False
