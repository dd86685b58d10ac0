from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    label = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from lms.people.signals import profile_changed
        from lms.response_cache.versions import shared_version_register

        from . import competency_index, page_cache, receivers, roles

        # A kept page (lms/response_cache) shows the content it was made with.
        shared_version_register(page_cache.VERSION_KEY)

        profile_changed.connect(
            receivers.enrol_by_assignments, dispatch_uid="enrol-joiner"
        )
        post_migrate.connect(roles.grant_role_permissions, dispatch_uid="role-perms")
        for model in competency_index.INDEXED:
            post_save.connect(
                competency_index.page_saved,
                sender=model,
                dispatch_uid=f"competency-index-{model.__name__}",
            )
            page_unpublished.connect(
                competency_index.page_unpublished,
                sender=model,
                dispatch_uid=f"competency-unindex-{model.__name__}",
            )
        # Cached routes and outlines (page_cache): a new content version when
        # content changes; saves of other models return at once.
        # post_delete per model: a receiver for every sender would stop Django
        # from deleting other models' rows in bulk.
        post_save.connect(receivers.content_saved, dispatch_uid="course-content")
        for model in receivers.content_models():
            post_delete.connect(
                receivers.content_saved,
                sender=model,
                dispatch_uid=f"course-content-{model._meta.label}",
            )
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(receivers.content_saved, dispatch_uid="course-content")
