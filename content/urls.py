from django.urls import path

from . import views

urlpatterns = [
    path("h5p/<path:path>", views.h5p_file, name="h5p-file"),
]
