from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "lms.people"
    label = "people"
    verbose_name = _("People and organisation")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from lms.response_cache.versions import shared_version_register

        from .permission_cache import (
            VERSION_KEY,
            memberships_changed,
            permissions_changed,
        )

        User = get_user_model()
        # A kept page shows the navigation of the permissions it was made with.
        shared_version_register(VERSION_KEY)

        # Whatever changes who holds which permission (permission_cache).
        for through in (User.groups.through, User.user_permissions.through):
            m2m_changed.connect(
                memberships_changed,
                sender=through,
                dispatch_uid=f"permissions-{through._meta.label}",
            )
        m2m_changed.connect(
            permissions_changed,
            sender=Group.permissions.through,
            dispatch_uid="permissions-group-permissions",
        )
        for model in (Group, Permission):
            for signal in (post_save, post_delete):
                signal.connect(
                    permissions_changed,
                    sender=model,
                    dispatch_uid=f"permissions-{model._meta.label}",
                )
