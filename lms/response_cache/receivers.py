"""Whose kept pages go when a row changes (versions.people_changed).

A learner's own requests that may write are covered by the middleware when
they end. What others change for them arrives here: HR enrolling them, a
trainer recording a team session they took part in, an administrator giving
them a role, a command. Saves and deletes are watched per model, for the
models the kept pages read a person's rows from (WATCHED_APPS) and that
name a person; rows that reach a person through a parent are followed to it
(THROUGH). A model watched for deletes cannot be deleted in bulk by Django,
which is why logs and report tables (written in bulk, never on these pages)
are not watched.

Changes that send no signal (QuerySet.update, bulk_create) call
versions.people_changed themselves where someone else's page can change
(courses/services.py: assignments, lesson visits).
"""

from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page

from .middleware import acting_user_id
from .versions import people_changed

WATCHED_APPS = ("auth", "people", "courses", "activities", "otp_totp")
# Rows that belong to people through a parent row: the parent's field.
THROUGH = {
    "activities.QuizAnswer": "attempt",
    "activities.CaseReflection": "response",
    "activities.SessionCardRecord": "session",
}


@cache
def _person_relations(model) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The model's columns naming a person, and its m2m fields to people."""
    user_model = get_user_model()
    columns = tuple(
        field.attname
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is user_model
    )
    m2m = tuple(
        field.name
        for field in model._meta.many_to_many
        if field.related_model is user_model
    )
    return columns, m2m


def people_of(instance) -> set:
    """The people a row belongs to or names."""
    model = type(instance)
    if model is get_user_model():
        return {instance.pk}
    parent_field = THROUGH.get(model._meta.label)
    if parent_field is not None:
        try:
            parent = getattr(instance, parent_field)
        except ObjectDoesNotExist:  # deleted with its parent
            return set()
        return people_of(parent)
    columns, m2m = _person_relations(model)
    people = {getattr(instance, name) for name in columns}
    if instance.pk is not None:
        for name in m2m:
            people.update(getattr(instance, name).values_list("pk", flat=True))
    return people


def _others(people) -> set:
    acting = acting_user_id()
    return {pk for pk in people if pk is not None and str(pk) != acting}


def row_changed(sender, instance, **kwargs):
    people_changed(_others(people_of(instance)))


def memberships_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Groups, permissions or team-session participants added or removed
    (`clear` is seen before it happens, while its people are still known)."""
    if action not in ("pre_clear", "post_add", "post_remove"):
        return
    people = people_of(instance)
    if model is get_user_model():
        if pk_set:
            people |= set(pk_set)
        elif action == "pre_clear":
            people |= _people_through(sender, instance)
    people_changed(_others(people))


def _people_through(through, instance) -> set:
    """The people an m2m table links to this row (a group's members)."""
    user_model = get_user_model()
    person = next(f for f in through._meta.fields if f.related_model is user_model)
    owner = next(
        f
        for f in through._meta.fields
        if f.is_relation and f.related_model is type(instance) and f is not person
    )
    return set(
        through.objects.filter(**{owner.attname: instance.pk}).values_list(
            person.attname, flat=True
        )
    )


def watched_models() -> list:
    user_model = get_user_model()
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in WATCHED_APPS
        and not issubclass(model, Page)  # pages: the content version
        and (
            model is user_model
            or model._meta.label in THROUGH
            or any(_person_relations(model))
        )
    ]


def connect() -> None:
    for model in watched_models():
        uid = f"response-cache-{model._meta.label}"
        post_save.connect(row_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(row_changed, sender=model, dispatch_uid=uid)
        for name in _person_relations(model)[1]:
            m2m_changed.connect(
                memberships_changed,
                sender=getattr(model, name).through,
                dispatch_uid=f"{uid}-{name}",
            )
    user_model = get_user_model()
    for through in (user_model.groups.through, user_model.user_permissions.through):
        m2m_changed.connect(
            memberships_changed,
            sender=through,
            dispatch_uid=f"response-cache-{through._meta.label}",
        )
