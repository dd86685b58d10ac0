"""Trainers link learning to competencies in the page editor."""

import pytest

from courses.roles import grant_role_permissions
from lms.people.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_trainer_finds_the_competency_field_and_chooser(client, org):
    grant_role_permissions()
    framework = factories.framework("digital")
    factories.competency(framework, "4.2", "Protecting personal data")
    tara = factories.staff("tara", org["verband"], roles=(Role.TRAINER,)).user
    course = factories.course_tree("Datenschutz", modules=1, lessons=1)
    lesson = course.get_descendants().type(factories.LessonPage).first()
    client.force_login(tara)

    for page in (course, lesson):
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
        assert b'id="panel-child-content-competencies-section"' in response.content

    chooser = client.get(
        "/admin/snippets/choose/competencies/competency/", {"q": "personal"}
    )
    assert chooser.status_code == 200
    assert "Protecting personal data" in chooser.json()["html"]
