from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponseCacheConfig(AppConfig):
    name = "lms.response_cache"
    label = "response_cache"
    verbose_name = _("Pages kept per session")

    def ready(self):
        from . import receivers

        receivers.connect()
