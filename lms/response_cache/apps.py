from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponseCacheConfig(AppConfig):
    name = "lms.response_cache"
    label = "response_cache"
    verbose_name = _("Pages kept per session")

    def ready(self):
        from django.conf import settings

        from . import receivers

        # Without kept pages nothing needs telling (and every watched model
        # would lose Django's bulk deletes for nothing).
        if settings.RESPONSE_CACHE:
            receivers.connect()
