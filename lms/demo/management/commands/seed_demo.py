"""Load the demo: organisation, people, three German courses linked to
DigComp 2.2, and HR's competence targets. Idempotent: running it again finds
what exists and adds only what is missing."""

from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from content.blocks.competency import competency_links
from content.h5p.services import h5p_package_import
from content.models import Case, Deck
from courses.models import (
    CourseAssignment,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
    Topic,
)
from courses.roles import grant_role_permissions
from courses.services import assignment_create, course_self_enrol, lesson_complete
from lms.competencies.digcomp import digcomp_load
from lms.competencies.models import (
    Competency,
    CompetencyTarget,
    Evidence,
    EvidenceSource,
    Framework,
)
from lms.competencies.services import self_assessment_save, target_create
from lms.demo.activity_texts import CASES, DECKS, QUIZZES
from lms.demo.competency_links import (
    ACTIVITY_LINKS,
    PAGE_LINKS,
    TARGETS,
    VOLKER_SELF_ASSESSMENT,
)
from lms.demo.course_texts import COURSES
from lms.people.models import (
    Invitation,
    OrganisationUnit,
    Role,
    StaffProfile,
    StaffType,
)
from lms.people.services import job_role_get_or_create, staff_create, unit_create

DEMO_PASSWORD = "demo"  # noqa: S105 (printed by make run: demo only)
INVITATION_CODE = "WILLKOMMEN"

# (code, name, kind, parent code)
UNITS = [
    ("verband", "Wohlfahrtsverband Musterstadt e. V.", "Verband", None),
    ("st-anna", "Seniorenzentrum St. Anna", "Einrichtung", "verband"),
    ("st-anna-pflege", "Stationäre Pflege", "Dienst", "st-anna"),
    ("st-anna-ambulant", "Ambulanter Pflegedienst", "Dienst", "st-anna"),
    ("am-markt", "Beratungszentrum Am Markt", "Einrichtung", "verband"),
    ("am-markt-schuldner", "Schuldnerberatung", "Dienst", "am-markt"),
    ("am-markt-migration", "Migrationsberatung", "Dienst", "am-markt"),
]

# (username, first, last, unit code, staff type, job role, roles)
PEOPLE = [
    (
        "hanna",
        "Hanna",
        "Hofmann",
        "verband",
        StaffType.PAID,
        "Personalreferentin",
        (Role.LEARNER, Role.HR),
    ),
    (
        "tara",
        "Tara",
        "Thomsen",
        "verband",
        StaffType.PAID,
        "Referentin für Fortbildung",
        (Role.LEARNER, Role.TRAINER),
    ),
    (
        "lena",
        "Lena",
        "Lange",
        "st-anna-pflege",
        StaffType.PAID,
        "Pflegefachkraft",
        (Role.LEARNER,),
    ),
    (
        "volker",
        "Volker",
        "Vogt",
        "am-markt-migration",
        StaffType.VOLUNTEER,
        "Ehrenamtlicher Sprachpate",
        (Role.LEARNER,),
    ),
]


class Command(BaseCommand):
    help = "Load the demo organisation, users and courses (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        grant_role_permissions()
        units = self._units()
        users = self._people(units)
        courses = self._courses(users["tara"])
        self._activities()
        self._h5p()
        digcomp = digcomp_load()
        self._competency_links(digcomp)
        self._learning(units, users, courses)
        self._competency_targets(digcomp, units, users["hanna"])
        self._self_assessment(digcomp, users["volker"])
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def _units(self) -> dict[str, OrganisationUnit]:
        units: dict[str, OrganisationUnit] = {}
        for code, name, kind, parent in UNITS:
            unit = OrganisationUnit.objects.filter(code=code).first()
            if unit is None:
                parent_unit = (
                    OrganisationUnit.objects.get(pk=units[parent].pk)
                    if parent
                    else None
                )
                unit = unit_create(name=name, code=code, kind=kind, parent=parent_unit)
            units[code] = unit
        return units

    def _people(self, units):
        User = get_user_model()
        admin = User.objects.filter(username="admin").first()
        if admin is None:
            admin = User.objects.create_superuser(
                "admin", "admin@example.org", DEMO_PASSWORD
            )
            admin.first_name, admin.last_name = "Alex", "Admin"
            admin.save()
            StaffProfile.objects.create(user=admin, unit=units["verband"])
        users = {"admin": admin}
        for username, first, last, unit_code, staff_type, job_role, roles in PEOPLE:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = staff_create(
                    username=username,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@example.org",
                    password=DEMO_PASSWORD,
                    unit=units[unit_code],
                    staff_type=staff_type,
                    job_role=job_role_get_or_create(name=job_role),
                    roles=roles,
                ).user
            users[username] = user
        users["hanna"].profile.managed_units.add(units["verband"])
        Invitation.objects.get_or_create(
            code=INVITATION_CODE,
            defaults={
                "unit": units["am-markt"],
                "staff_type": StaffType.VOLUNTEER,
                "max_uses": 100,
                "expires_at": timezone.now() + timedelta(days=365),
                "created_by": users["hanna"],
            },
        )
        return users

    def _courses(self, trainer) -> dict[str, CoursePage]:
        index = CourseIndexPage.objects.get()
        if not index.intro:
            index.intro = (
                "Kurse zu digitaler Ethik, Datenschutz und Zusammenarbeit für "
                "haupt- und ehrenamtlich Mitarbeitende."
            )
            index.save_revision().publish()
        courses = {}
        for spec in COURSES:
            course = (
                CoursePage.objects.child_of(index).filter(slug=spec["slug"]).first()
            )
            if course is None:
                course = CoursePage(
                    title=spec["title"],
                    slug=spec["slug"],
                    summary=spec["summary"],
                    audience=spec["audience"],
                    estimated_minutes=spec["estimated_minutes"],
                    self_enrolment=spec["self_enrolment"],
                    mandatory=spec["mandatory"],
                    recertification_months=spec["recertification_months"],
                    owner=trainer,
                )
                index.add_child(instance=course)
                course.topics.set(
                    Topic.objects.get_or_create(
                        name=name, defaults={"slug": slugify(name)}
                    )[0]
                    for name in spec["topics"]
                )
                course.trainers.set([trainer])
                course.save_revision().publish()
                self._modules(course, spec["modules"], trainer)
            courses[spec["slug"]] = course
        return courses

    def _modules(self, course, modules, owner):
        for module_spec in modules:
            module = ModulePage(
                title=module_spec["title"],
                slug=module_spec["slug"],
                intro=module_spec["intro"],
                owner=owner,
            )
            course.add_child(instance=module)
            for lesson_spec in module_spec["lessons"]:
                lesson = LessonPage(
                    title=lesson_spec["title"],
                    slug=lesson_spec["slug"],
                    estimated_minutes=lesson_spec["estimated_minutes"],
                    body=list(lesson_spec["body"]),
                    owner=owner,
                )
                module.add_child(instance=lesson)

    def _learning(self, units, users, courses):
        datenschutz = courses["datenschutz-im-sozialwesen"]
        if not CourseAssignment.objects.filter(course=datenschutz).exists():
            assignment_create(
                course=datenschutz,
                created_by=users["hanna"],
                unit=units["verband"],
                due_date=timezone.localdate() + timedelta(days=60),
            )
        ethik = courses["digitale-ethik"]
        lena = users["lena"]
        if not lena.enrolments.filter(course=ethik).exists():
            course_self_enrol(user=lena, course=ethik)
            first = (
                LessonPage.objects.live().descendant_of(ethik).order_by("path").first()
            )
            lesson_complete(user=lena, lesson=first)

    def _activities(self):
        """Decks, cases and quizzes, each placed once in the lesson its text names."""
        for spec in DECKS:
            deck = Deck.objects.filter(title=spec["title"]).first()
            if deck is None:
                deck = Deck.objects.create(
                    title=spec["title"],
                    introduction=spec["introduction"],
                    purpose=spec["purpose"],
                    duration_minutes=spec["duration_minutes"],
                    group_size=spec["group_size"],
                    preparation=spec["preparation"],
                    follow_up=spec["follow_up"],
                    themes=[("theme", theme) for theme in spec["themes"]],
                    steps=[("step", step) for step in spec["steps"]],
                )
            self._place(spec["lesson_slug"], "deck", {"deck": deck, "required": True})
        for spec in CASES:
            case = Case.objects.filter(title=spec["title"]).first()
            if case is None:
                case = Case.objects.create(
                    title=spec["title"],
                    setting=spec["setting"],
                    story=spec["story"],
                    dilemma=spec["dilemma"],
                    options=[("option", option) for option in spec["options"]],
                    allow_other=spec["allow_other"],
                    other_feedback=spec["other_feedback"],
                    reflection_questions=[
                        ("question", question)
                        for question in spec["reflection_questions"]
                    ],
                )
            self._place(spec["lesson_slug"], "case", {"case": case, "required": True})
        for spec in QUIZZES:
            value = {
                key: spec[key]
                for key in (
                    "title",
                    "introduction",
                    "pass_mark",
                    "max_attempts",
                    "counting",
                    "questions",
                )
            }
            self._place(spec["lesson_slug"], "quiz", {**value, "required": True})

    def _place(self, lesson_slug: str, block_type: str, value: dict):
        lesson = LessonPage.objects.get(slug=lesson_slug)
        marker = (
            value.get("deck")
            or value.get("case")
            or value.get("package")
            or value.get("title")
        )
        for block in lesson.body:
            if block.block_type != block_type:
                continue
            existing = (
                block.value.get("deck")
                or block.value.get("case")
                or block.value.get("package")
                or block.value.get("title")
            )
            if existing == marker:
                return
        lesson.body.append((block_type, value))
        lesson.save()

    def _competency_links(self, framework: Framework):
        """Courses, a lesson and activities develop DigComp competences. Links
        are added where missing and published as a new revision, so that a
        trainer's own links survive a second run."""
        code = self._codes(framework)
        for slug, links in PAGE_LINKS.items():
            page = (
                Page.objects.type(CoursePage, ModulePage, LessonPage)
                .get(slug=slug)
                .specific
            )
            present = {c.pk for c, _level in competency_links(page.competencies)}
            missing = [
                (code[c], level) for c, level in links if code[c].pk not in present
            ]
            for competency, level in missing:
                page.competencies.append(
                    ("competency", {"competency": competency, "level": level})
                )
            if missing:
                page.save_revision().publish()
        by_lesson: dict[str, list] = {}
        for lesson_slug, block_type, title, links in ACTIVITY_LINKS:
            by_lesson.setdefault(lesson_slug, []).append((block_type, title, links))
        for lesson_slug, specs in by_lesson.items():
            lesson = LessonPage.objects.get(slug=lesson_slug)
            changed = False
            for block_type, title, links in specs:
                block = self._activity(lesson, block_type, title)
                changed |= self._add_block_links(
                    block, [(code[c], level) for c, level in links]
                )
            if changed:
                lesson.save_revision().publish()

    @staticmethod
    def _codes(framework: Framework) -> dict[str, Competency]:
        return {c.code: c for c in framework.competencies.select_related("framework")}

    @staticmethod
    def _activity(lesson: LessonPage, block_type: str, title: str | None):
        for block in lesson.body:
            if block.block_type != block_type:
                continue
            value = block.value
            named = value.get("deck") or value.get("case")
            if title is None or (named.title if named else value.get("title")) == title:
                return block
        raise LookupError(f"No {block_type} “{title}” in lesson {lesson.slug}.")

    @staticmethod
    def _add_block_links(block, links) -> bool:
        list_block = block.block.child_blocks["competencies"]
        current = block.value.get("competencies")
        if current is None:
            current = block.value["competencies"] = list_block.normalize([])
        present = {c.pk for c, _level in competency_links(current)}
        missing = [(c, level) for c, level in links if c.pk not in present]
        for competency, level in missing:
            current.append(
                list_block.child_block.normalize(
                    {"competency": competency, "level": level}
                )
            )
        return bool(missing)

    def _competency_targets(self, framework: Framework, units, hanna):
        """HR's expectations: the same target is never set twice, whatever
        level HR has changed it to since."""
        code = self._codes(framework)
        for competence, level, unit_code, staff_type in TARGETS:
            exists = CompetencyTarget.objects.filter(
                competency=code[competence],
                unit=units[unit_code],
                staff_type=staff_type,
                job_role=None,
            ).exists()
            if not exists:
                target_create(
                    created_by=hanna,
                    competency=code[competence],
                    level=level,
                    unit=units[unit_code],
                    staff_type=staff_type,
                )

    def _self_assessment(self, framework: Framework, volker):
        already = Evidence.objects.filter(
            user=volker, source=EvidenceSource.SELF, competency__framework=framework
        ).exists()
        if not already:
            code = self._codes(framework)
            self_assessment_save(
                user=volker,
                framework=framework,
                levels={
                    code[c].pk: level for c, level in VOLKER_SELF_ASSESSMENT.items()
                },
            )

    def _h5p(self):
        """One real H5P package, placed as an optional exercise in two courses
        (the data-protection course is the one learners store for offline use)."""
        with (Path(__file__).resolve().parents[2] / "h5p" / "true-false.h5p").open(
            "rb"
        ) as upload:
            package = h5p_package_import(file=upload, filename="true-false.h5p")
        for lesson_slug in ("dokumente-gemeinsam-nutzen", "datenpannen-melden"):
            self._place(
                lesson_slug,
                "h5p",
                {
                    "package": package,
                    "pass_mark": 100,
                    "counting": "best",
                    "required": False,
                },
            )
