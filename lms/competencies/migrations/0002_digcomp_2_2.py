"""DigComp 2.2 ships with the platform (German with English translations).

Reversing removes it only while nobody has evidence for it: evidence is never
deleted, so a framework in use stays."""

from django.db import migrations

from lms.competencies.digcomp import digcomp_load, digcomp_unload


def load(apps, schema_editor):
    digcomp_load(apps)


def unload(apps, schema_editor):
    digcomp_unload(apps)


class Migration(migrations.Migration):
    dependencies = [("competencies", "0001_frameworks_evidence_targets")]

    operations = [migrations.RunPython(load, unload)]
