"""Trainers author the course tree in the Wagtail admin; the tree is locked."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from courses import services
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from lms.people.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_page_types_lock_their_tree():
    assert CoursePage.allowed_parent_page_models() == [CourseIndexPage]
    assert CourseIndexPage.allowed_subpage_models() == [CoursePage]
    assert CoursePage.allowed_subpage_models() == [ModulePage]
    assert ModulePage.allowed_subpage_models() == [LessonPage]
    assert LessonPage.allowed_subpage_models() == []


def test_trainer_can_add_a_course_in_the_admin_and_a_learner_cannot(client, org):
    index = CourseIndexPage.objects.get()
    tara = factories.staff("tara", org["verband"], roles=(Role.LEARNER, Role.TRAINER))
    lena = factories.staff("lena", org["pflege_a"])
    add_url = f"/admin/pages/add/courses/coursepage/{index.pk}/"

    client.force_login(lena.user)
    assert client.get("/admin/").status_code == 302  # no admin access

    client.force_login(tara.user)
    assert client.get("/admin/").status_code == 200
    form = BeautifulSoup(client.get(add_url).content, "html.parser")
    assert form.find("input", attrs={"name": "estimated_minutes"})
    assert form.find(attrs={"name": "recertification_months"})
    response = client.post(
        add_url,
        {
            "title": "Neue Medien",
            "slug": "neue-medien",
            "summary": "Ein neuer Kurs.",
            "audience": "volunteer",
            "estimated_minutes": "45",
            "self_enrolment": "on",
            "recertification_months": "",
            "competencies-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    course = CoursePage.objects.get(slug="neue-medien")
    assert course.live and course.audience == "volunteer"


def _png() -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#0b5394").save(buffer, "PNG")
    return ImageFile(buffer, name="team.png")


def test_lesson_renders_image_document_and_callout(client, org):
    lena = factories.staff("lena", org["pflege_a"]).user
    image = Image.objects.create(title="Team", file=_png())
    document = Document.objects.create(
        title="Checkliste Hausbesuch", file=ContentFile(b"%PDF-1.4\n", name="check.pdf")
    )
    course = factories.course("Medien")
    module = factories.module(course, "Material")
    lesson = factories.lesson(
        module,
        "Mit Material",
        body=[
            (
                "image",
                {"image": image, "alt_text": "Ein Team am Tisch", "caption": "Team"},
            ),
            ("document", {"document": document, "description": "Zum Ausdrucken"}),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Achtung",
                    "text": "<p>Keine Klarnamen.</p>",
                },
            ),
        ],
    )
    services.course_self_enrol(user=lena, course=course)
    client.force_login(lena)
    page = BeautifulSoup(client.get(lesson.url).content, "html.parser")
    assert page.select_one("figure img")["alt"] == "Ein Team am Tisch"
    link = page.select_one(".download a")
    assert "Checkliste Hausbesuch" in link.get_text() and "PDF" in link.get_text()
    callout = page.select_one(".callout--warning")
    assert "Warning" in callout.get_text() and "Keine Klarnamen." in callout.get_text()
