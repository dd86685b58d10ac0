from django.urls import path

from . import assignment_views

urlpatterns = [
    path("hr/assignments/", assignment_views.assignments, name="hr-assignments"),
]
