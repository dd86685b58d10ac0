"""The four roles as Django groups with their permissions.

Granted after every migrate (idempotently) rather than in a data migration,
because permissions and content types only exist once post_migrate has run.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from lms.people.models import Role

ROLE_PERMISSIONS = {
    Role.LEARNER: [],
    Role.TRAINER: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "courses.add_topic",
        "courses.change_topic",
        "courses.view_topic",
        "courses.view_participants",
        "content.add_deck",
        "content.change_deck",
        "content.view_deck",
        "content.add_case",
        "content.change_case",
        "content.view_case",
        "content.add_h5ppackage",
        "content.change_h5ppackage",
        "content.view_h5ppackage",
        "simple_translation.submit_translation",
        "competencies.add_framework",
        "competencies.change_framework",
        "competencies.view_framework",
        "competencies.add_competency",
        "competencies.change_competency",
        "competencies.view_competency",
    ],
    Role.HR: [
        "people.view_organisationunit",
        "people.add_organisationunit",
        "people.change_organisationunit",
        "people.view_staffprofile",
        "people.add_staffprofile",
        "people.change_staffprofile",
        "people.add_invitation",
        "people.view_invitation",
        "courses.add_courseassignment",
        "courses.view_courseassignment",
        "competencies.view_framework",
        "competencies.view_competency",
        "competencies.add_competencytarget",
        "competencies.view_competencytarget",
        "competencies.delete_competencytarget",
        "competencies.view_evidence",
        "competencies.add_evidence",
        "reports.view_named_reports",
    ],
}
ROLE_PERMISSIONS[Role.MANAGER] = [
    "reports.view_named_reports",
    "competencies.view_framework",
    "competencies.view_competency",
]
TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def _permissions(names: list[str]):
    condition = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".")
        condition |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(condition)


def grant_role_permissions(sender=None, **kwargs):
    from wagtail.models import GroupPagePermission

    from .models import CourseIndexPage

    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        if role == Role.ADMIN:
            group.permissions.set(Permission.objects.all())
            continue
        group.permissions.set(_permissions(ROLE_PERMISSIONS[role]))
    index = CourseIndexPage.objects.first()
    if index is None:
        return
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=TRAINER_PAGE_PERMISSIONS
    )
    for group in Group.objects.filter(name__in=[Role.TRAINER.value, Role.ADMIN.value]):
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index.page_ptr, permission=permission
            )
