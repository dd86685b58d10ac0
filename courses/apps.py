from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    label = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import post_migrate

        from lms.people.signals import profile_changed

        from . import receivers, roles

        profile_changed.connect(
            receivers.enrol_by_assignments, dispatch_uid="enrol-joiner"
        )
        post_migrate.connect(roles.grant_role_permissions, dispatch_uid="role-perms")
