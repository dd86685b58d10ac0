"""`make bench` (lms/loadtest/bench.py): the load test's settings (production
minus TLS) plus one bare view, for comparison, that returns a lesson page's
bytes through the same middleware. Never used outside the bench."""

from .loadtest import *  # noqa: F403

ROOT_URLCONF = "lms.loadtest.bench_urls"
