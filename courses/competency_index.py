"""Keeps `CompetencyLink` (which learning develops which competency) in step
with the published content: rebuilt for a page whenever its live version is
saved, dropped when it is unpublished. Recommendations ("courses that close
your gap") and reports search this table instead of every page's JSON."""

from django.db import transaction
from wagtail.models import Page

from content.blocks import activity_blocks
from content.blocks.competency import competency_links
from lms.competencies.models import CompetencyLink

from .models import CoursePage, LessonPage, ModulePage

INDEXED = (CoursePage, ModulePage, LessonPage)


def _course_id(page: Page) -> int:
    """Courses sit at depth 3 (root, catalogue, course): one indexed lookup."""
    if isinstance(page, CoursePage):
        return page.pk
    return Page.objects.values_list("pk", flat=True).get(
        path=page.path[: 3 * page.steplen]
    )


def _links(page) -> list[tuple[str, object, int]]:
    found = [
        ("", competency, level)
        for competency, level in competency_links(page.competencies)
    ]
    if isinstance(page, LessonPage):
        for block in activity_blocks(page.body):
            found += [
                (block.id, competency, level)
                for competency, level in competency_links(
                    block.value.get("competencies")
                )
            ]
    return found


@transaction.atomic
def competency_index_page(page) -> int:
    """Replace the page's links with those of its current content."""
    CompetencyLink.objects.filter(page_id=page.pk).delete()
    if not page.live:
        return 0
    links = _links(page)
    if not links:
        return 0
    course_id = _course_id(page)
    rows = {}
    for block_id, competency, level in links:
        key = (block_id, competency.pk)
        rows[key] = CompetencyLink(
            page_id=page.pk,
            block_id=block_id,
            course_id=course_id,
            competency=competency,
            level=max(
                level or competency.framework.default_level,
                rows[key].level if key in rows else 0,
            ),
        )
    CompetencyLink.objects.bulk_create(rows.values())
    return len(rows)


def competency_index_rebuild() -> int:
    total = 0
    for model in INDEXED:
        for page in model.objects.all():
            total += competency_index_page(page)
    return total


def page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    """A full save writes the live content (publishing, add_child, seeds);
    saving a draft revision only touches a few columns and is ignored."""
    if raw or update_fields is not None:
        return
    competency_index_page(instance)


def page_unpublished(sender, instance, **kwargs):
    CompetencyLink.objects.filter(page_id=instance.pk).delete()
