"""The installable app: manifest and service worker at the root, offline pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("manifest.webmanifest", views.web_manifest, name="web-manifest"),
    path("sw.js", views.service_worker, name="service-worker"),
    path("offline/", views.offline, name="offline"),
    path("my/offline/", views.my_offline, name="my-offline"),
]
