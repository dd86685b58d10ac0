"""Evidence from learning: completing a course, module or lesson, or passing
an activity, records evidence for the competencies it declares.

Evidence from anything inside a course with a recertification interval
expires with that interval, so the competency becomes due again when the
yearly training does."""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q

from content.blocks import activity_blocks
from content.blocks.competency import competency_links
from lms.competencies.models import EvidenceSource
from lms.competencies.services import evidence_for_learning

from .models import CoursePage, LessonPage, LessonProgress, ModulePage
from .selectors import module_of


def learning_completed(
    *,
    user: AbstractBaseUser,
    page: CoursePage | ModulePage | LessonPage,
    course: CoursePage,
    occurred_at: datetime | None = None,
) -> None:
    links = competency_links(page.competencies)
    if links:
        evidence_for_learning(
            user=user,
            links=links,
            source=EvidenceSource.COURSE,
            page=page,
            recertification_months=course.recertification_months,
            occurred_at=occurred_at,
        )


def activity_passed(
    *,
    user: AbstractBaseUser,
    lesson: LessonPage,
    course: CoursePage,
    block_id: str,
    source: str = EvidenceSource.ACTIVITY,
    occurred_at: datetime | None = None,
) -> None:
    for block in activity_blocks(lesson.body):
        if block.id == block_id:
            links = competency_links(block.value.get("competencies"))
            if links:
                evidence_for_learning(
                    user=user,
                    links=links,
                    source=source,
                    page=lesson,
                    block_id=block_id,
                    recertification_months=course.recertification_months,
                    occurred_at=occurred_at,
                )
            return


def module_completed(user: AbstractBaseUser, module: ModulePage) -> bool:
    """Every live lesson of the module is complete (one query)."""
    lessons = LessonPage.objects.live().descendant_of(module)
    done = LessonProgress.objects.filter(
        Q(user=user, completed_at__isnull=False),
        lesson__in=lessons,
    )
    return lessons.count() == done.count()


def lesson_completed(
    *,
    user: AbstractBaseUser,
    lesson: LessonPage,
    course: CoursePage,
    occurred_at: datetime | None = None,
) -> None:
    """The lesson's own links, then its module's once the module is complete."""
    learning_completed(user=user, page=lesson, course=course, occurred_at=occurred_at)
    module = module_of(lesson)
    if module.competencies and module_completed(user, module):
        learning_completed(
            user=user, page=module, course=course, occurred_at=occurred_at
        )
