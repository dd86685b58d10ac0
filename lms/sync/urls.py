"""Offline sync, xAPI intake and the H5P player's saved state."""

from django.urls import path

from . import views

urlpatterns = [
    path("api/sync/", views.sync, name="sync"),
    path("api/xapi/statements", views.xapi_statements, name="xapi-statements"),
    path(
        "api/h5p/user-data/<int:lesson_id>-<str:block_id>/<str:data_type>/"
        "<str:sub_content_id>/",
        views.h5p_user_data,
        name="h5p-user-data",
    ),
]
