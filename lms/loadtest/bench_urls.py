"""The platform's URLs and, for `make bench` only (lms.settings.bench), a bare
view returning the bytes of a lesson page as the probe fetched them: the same
middleware, no routing, no queries of its own, no template."""

import os
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from lms.urls import urlpatterns as platform_urlpatterns


@cache
def _lesson_bytes() -> bytes:
    return Path(os.environ["BENCH_BARE_FILE"]).read_bytes()


def bare(request):
    return HttpResponse(_lesson_bytes(), content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *platform_urlpatterns]
