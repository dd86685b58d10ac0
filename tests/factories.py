"""factory_boy factories for people, organisation units and the course tree."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from lms.people.models import OrganisationUnit, Role, StaffProfile, StaffType


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create:
            self.save()
        if create and extracted:
            self.groups.add(
                *Group.objects.filter(name__in=[r.value for r in extracted])
            )


def unit(
    name: str, parent: OrganisationUnit | None = None, kind: str = ""
) -> OrganisationUnit:
    code = name.lower().replace(" ", "-")
    node = OrganisationUnit(name=name, code=code, kind=kind)
    if parent is None:
        return OrganisationUnit.add_root(instance=node)
    return parent.add_child(instance=node)


def staff(
    username: str,
    unit: OrganisationUnit,
    staff_type: str = StaffType.PAID,
    roles: tuple[Role, ...] = (Role.LEARNER,),
) -> StaffProfile:
    """A user with a profile, created through the service so assignments apply."""
    from lms.people.services import staff_create

    return staff_create(
        username=username,
        unit=unit,
        first_name=username.capitalize(),
        last_name="Muster",
        email=f"{username}@example.org",
        password="secret-pass-123",
        staff_type=staff_type,
        roles=roles,
    )


def catalogue() -> CourseIndexPage:
    return CourseIndexPage.objects.get()


def course(
    title: str = "Datenschutz", parent: Page | None = None, **fields
) -> CoursePage:
    fields.setdefault("summary", f"Ein Kurs über {title}.")
    fields.setdefault("slug", title.lower().replace(" ", "-"))
    page = CoursePage(title=title, **fields)
    (parent or catalogue()).add_child(instance=page)
    return page


def module(course_page: CoursePage, title: str) -> ModulePage:
    page = ModulePage(title=title, slug=title.lower().replace(" ", "-"))
    course_page.add_child(instance=page)
    return page


def lesson(module_page: ModulePage, title: str, body=None) -> LessonPage:
    page = LessonPage(
        title=title, slug=title.lower().replace(" ", "-"), body=body or []
    )
    module_page.add_child(instance=page)
    return page


def course_tree(
    title: str = "Datenschutz", modules: int = 2, lessons: int = 2, **fields
) -> CoursePage:
    """A live course with the given number of modules and lessons per module."""
    page = course(title, **fields)
    for m in range(1, modules + 1):
        mod = module(page, f"{title} Modul {m}")
        for n in range(1, lessons + 1):
            lesson(
                mod,
                f"{title} Lektion {m}-{n}",
                body=[("text", f"<p>Inhalt der Lektion {m}-{n}.</p>")],
            )
    return page


def framework(
    slug: str = "house",
    levels: tuple[str, ...] = ("Basic", "Good", "Expert"),
    proficient_level: int = 2,
    default_level: int = 1,
    **fields,
):
    """A competency framework with a scale of the given level names (1, 2, …)."""
    from lms.competencies.models import Framework, ScaleLevel

    fields.setdefault("name", slug.replace("-", " ").title())
    result = Framework.objects.create(
        slug=slug,
        proficient_level=proficient_level,
        default_level=default_level,
        **fields,
    )
    ScaleLevel.objects.bulk_create(
        ScaleLevel(framework=result, value=value, name=name)
        for value, name in enumerate(levels, start=1)
    )
    return result


def competency(framework_obj, code: str, short_name: str = "", parent=None, **fields):
    from lms.competencies.models import Competency

    return Competency.objects.create(
        framework=framework_obj,
        code=code,
        short_name=short_name or f"Competency {code}",
        parent=parent,
        depth=(parent.depth + 1) if parent else 1,
        sort_order=fields.pop("sort_order", Competency.objects.count()),
        **fields,
    )
