from django.urls import include, path

from . import views

urlpatterns = [
    path("", include("courses.activity_views.dialogue")),
    path("", include("courses.activity_views.case")),
    path("", include("courses.activity_views.quiz")),
    path("", include("courses.competence_views")),
    path("", include("courses.offline_views")),
    path("my/", views.my_learning, name="my-learning"),
    path("my/courses/<int:course_id>/enrol/", views.enrol, name="course-enrol"),
    path(
        "my/courses/<int:course_id>/certificate/",
        views.certificate,
        name="course-certificate",
    ),
    path(
        "my/lessons/<int:lesson_id>/complete/",
        views.lesson_complete,
        name="lesson-complete",
    ),
    path(
        "my/lessons/<int:lesson_id>/activities/<str:block_id>/",
        views.activity_complete,
        name="activity-complete",
    ),
    path("trainer/", views.trainer_courses, name="trainer-courses"),
    path(
        "trainer/courses/<int:course_id>/activities/",
        views.course_activities,
        name="course-activities",
    ),
    path(
        "trainer/courses/<int:course_id>/participants/",
        views.participants,
        name="course-participants",
    ),
]
