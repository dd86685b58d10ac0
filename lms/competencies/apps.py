from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    name = "lms.competencies"
    label = "competencies"
    verbose_name = _("Competencies")

    def ready(self):
        from lms.people.signals import profile_changed

        from . import target_status

        profile_changed.connect(
            target_status.profile_changed, dispatch_uid="competency-target-status"
        )
