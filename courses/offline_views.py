"""The offline manifest of a course, for the learner's browser to store it."""

from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import selectors
from .models import CoursePage
from .offline import course_offline_manifest


@require_safe
def course_offline_manifest_view(request, course_id: int):
    """`GET /my/courses/<id>/offline.json`: the course's offline manifest
    (courses.offline) for a learner enrolled in it. Answers JSON, also when it
    refuses: 403 when not logged in or not enrolled, 404 for no live course."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Please log in.")}, status=403)
    course = CoursePage.objects.live().filter(pk=course_id).first()
    if course is None:
        return JsonResponse({"error": _("There is no such course.")}, status=404)
    if selectors.enrolment_for(request.user, course) is None:
        return JsonResponse(
            {"error": _("You are not enrolled in this course.")}, status=403
        )
    manifest = course_offline_manifest(
        user=request.user, course=course, request=request
    )
    response = JsonResponse(manifest.as_json())
    response["Cache-Control"] = "private, no-cache"
    return response


urlpatterns = [
    path(
        "my/courses/<int:course_id>/offline.json",
        course_offline_manifest_view,
        name="course-offline-manifest",
    ),
]
