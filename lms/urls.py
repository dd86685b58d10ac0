from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from courses.views import page_serve
from lms import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("theme.urls")),
    path("", include("lms.security.urls")),
    path("", include("lms.people.urls")),
    path("", include("courses.assignment_urls")),
    path("", include("courses.urls")),
    path("", include("content.urls")),
    path("", include("lms.sync.urls")),
    path("", include("lms.competencies.urls")),
    path("", include("lms.reports.urls")),
    path("", include("lms.privacy.urls")),
    # Course pages through the kept routes (courses/page_cache.py); Wagtail's
    # own URLs (and its "wagtail_serve" for reversing page URLs) below.
    re_path(r"^courses/((?:[\w\-]+/)*)$", page_serve, name="course-page-serve"),
    path("courses/", include(wagtail_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = (
        static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
    )
