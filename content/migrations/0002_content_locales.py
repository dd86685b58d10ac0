"""Locales for every UI language, so trainers can translate decks and cases."""

from django.conf import settings
from django.db import migrations


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def remove_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).filter(
        pages__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_decks_and_cases"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_locales, remove_locales)]
