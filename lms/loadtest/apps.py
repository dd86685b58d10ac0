from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoadTestConfig(AppConfig):
    """`manage.py loadtest` and its simulated learners; no models."""

    name = "lms.loadtest"
    label = "loadtest"
    verbose_name = _("Load test")
