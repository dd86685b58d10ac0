"""The catalogue (CourseIndexPage) replaces Wagtail's welcome page as the site root."""

from django.db import migrations


def create_catalogue(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    CourseIndexPage = apps.get_model("courses.CourseIndexPage")

    Page.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page", depth=2
    ).delete()
    content_type, _ = ContentType.objects.get_or_create(
        model="courseindexpage", app_label="courses"
    )
    locale = Locale.objects.order_by("pk").first()
    root = Page.objects.get(depth=1)
    catalogue = CourseIndexPage.objects.create(
        title="Kurse",
        draft_title="Kurse",
        slug="courses",
        content_type=content_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/courses/",
        locale=locale,
        live=True,
        intro="",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page_id=catalogue.pk, is_default_site=True,
        site_name="Lernplattform",
    )


def remove_catalogue(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    CourseIndexPage = apps.get_model("courses.CourseIndexPage")
    Site.objects.filter(root_page__in=CourseIndexPage.objects.all()).delete()
    CourseIndexPage.objects.filter(depth=2).delete()
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_course_tree_and_progress"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_catalogue, remove_catalogue)]
