"""Views for the activities inside lessons (decks, cases, quizzes).

Every action goes through `enrolled_block`, so a forged post for a lesson the
learner is not enrolled in, or for a block that is not there, changes nothing."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from courses import selectors
from courses.models import LessonPage


def lesson_block(lesson_id: int, block_id: str, block_type: str):
    """The live lesson and its bound block of this type, or 404."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    for block in lesson.body:
        if block.id == block_id and block.block_type == block_type:
            return lesson, block
    raise Http404


def enrolled_block(request, lesson_id: int, block_id: str, block_type: str):
    """As `lesson_block`, and 403 unless the user is enrolled in its course."""
    lesson, block = lesson_block(lesson_id, block_id, block_type)
    course = selectors.course_of(lesson)
    if selectors.enrolment_for(request.user, course) is None:
        raise PermissionDenied
    return lesson, block


def trainer_block(request, lesson_id: int, block_id: str, block_type: str):
    """As `lesson_block`, and 403 unless the user runs the lesson's course."""
    lesson, block = lesson_block(lesson_id, block_id, block_type)
    course = selectors.course_of(lesson)
    if not selectors.courses_run_by(request.user).filter(pk=course.pk).exists():
        raise PermissionDenied
    return lesson, block, course
