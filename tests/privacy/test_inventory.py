"""No model can hold a link to a person without the privacy app deciding
what the person's download and their erasure do with it."""

from django.apps import apps
from django.contrib.auth import get_user_model

from lms.privacy.inventory import (
    CATEGORIES,
    ERASURE,
    NOT_EXPORTED,
    Erase,
    exported_links,
)


def user_links() -> set[str]:
    """Every foreign key, one-to-one and many-to-many field of every installed
    model that points at the user model (auto-created through tables are
    covered by their many-to-many field; a field inherited from a parent
    model, as a course page's owner from Page, counts once, at the parent)."""
    user_model = get_user_model()
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                field.is_relation
                and not field.auto_created
                and field.concrete
                and field.model is model
                and field.related_model is user_model
            ):
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_every_link_to_a_person_is_exported_or_excluded_with_a_reason():
    exported = exported_links()
    missing = sorted(user_links() - exported - set(NOT_EXPORTED))
    assert not missing, (
        "Add these to a category in lms/privacy/inventory.py (and to the "
        f"export), or to NOT_EXPORTED with the reason: {missing}"
    )
    assert not exported & set(NOT_EXPORTED)
    assert all(str(reason).strip() for reason in NOT_EXPORTED.values())


def test_every_link_to_a_person_has_an_erasure_rule():
    missing = sorted(user_links() - set(ERASURE))
    assert not missing, (
        f"Say in lms/privacy/inventory.ERASURE what erasure does with: {missing}"
    )
    assert set(ERASURE.values()) <= set(Erase)


def test_the_lists_name_no_field_that_does_not_exist():
    """Entries for apps that are not installed (other 2FA plugins) may stay;
    for installed apps, every entry names a real link."""
    links = user_links()
    for label in [*exported_links(), *NOT_EXPORTED, *ERASURE]:
        app_label = label.split(".")[0]
        if any(c.label == app_label for c in apps.get_app_configs()):
            assert label in links, label


def test_categories_have_unique_keys_and_documented_fields():
    keys = [category.key for category in CATEGORIES]
    assert len(keys) == len(set(keys))
    for category in CATEGORIES:
        assert category.fields and all(str(t) for t in category.fields.values())
