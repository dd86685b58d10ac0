"""Reactions to other apps' signals."""

from functools import cache

from . import services


def enrol_by_assignments(sender, profile, **kwargs):
    services.enrol_by_assignments(profile=profile)


@cache
def content_models() -> tuple[type, ...]:
    """What a page shows that is the same for every learner (see page_cache)."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction, Site

    from content.models import Case, Deck, H5PLibrary, H5PPackage
    from lms.competencies.models import (
        Competency,
        Framework,
        LevelDescriptor,
        ScaleLevel,
    )

    return (
        Page,
        PageViewRestriction,
        Site,
        Locale,
        Deck,
        Case,
        H5PPackage,
        H5PLibrary,
        Framework,
        ScaleLevel,
        Competency,
        LevelDescriptor,
        get_image_model(),
        get_document_model(),
    )


def content_saved(sender, instance=None, **kwargs):
    """A page, or something a page shows, changed: a new content version at
    once and again when the transaction commits (a worker that read the
    version in between may have kept the old content under it)."""
    from django.db import transaction

    from . import page_cache

    if instance is not None and not isinstance(instance, content_models()):
        return
    page_cache.content_changed()
    transaction.on_commit(page_cache.content_changed)
