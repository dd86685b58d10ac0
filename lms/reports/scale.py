"""A synthetic organisation for measuring the reports at scale (`seed_scale`).

A large welfare association: Verband → Regionen → Einrichtungen → Dienste and
teams (about one team per 25 staff), paid staff and volunteers (about 70/30),
job roles by kind of service, two mandatory courses (a yearly data-protection
training and IT security for paid staff) and three voluntary ones, two years
of enrolments, lesson progress and completions, about 20 pieces of DigComp 2.2
evidence per person, competence targets for staff types, roles and units, and
the summaries the reports count: CompetencyState, TargetStatus and 24 monthly
TargetSnapshots.

Why it is written the way it is:
- Speed. 100,000 staff mean about two million evidence rows, so rows are
  written in bulk (COPY on PostgreSQL, executemany elsewhere) from tuples, not
  through the services: no signals, no per-row queries, one password hash for
  everyone (unusable: nobody logs in as a synthetic person).
- The summaries are derived in memory while each person's evidence is made,
  with the one rule the services use (`rules.current_level`), so they equal
  what `state_refresh` would store. TargetStatus is then rebuilt by
  `target_status_rebuild()`, the services' own code. Required levels for the
  snapshots follow the same rule as `target_status` (the highest target that
  reaches the person).
- Snapshots are consistent with the evidence dates: for each month the level
  is derived as of the month's end (the current month: now), with expiries
  applied. The shortcut, documented: the organisation, its people and its
  targets are taken as they are today for all 24 months (nobody joined, left
  or moved), so only the evidence makes the trend move.
- Everything it makes is marked (units' codes, users' names and courses'
  slugs start with `scale-`), so that `--reset` removes exactly that.
"""

import random
import time
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from courses.models import (
    ActivityAttempt,
    CourseAssignment,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    EnrolmentSource,
    LessonPage,
    LessonProgress,
    ModulePage,
)
from courses.roles import grant_role_permissions
from lms.competencies.digcomp import COMPETENCE_TYPE, digcomp_load
from lms.competencies.models import (
    Competency,
    CompetencyState,
    CompetencyTarget,
    Evidence,
    EvidenceSource,
    EvidenceStatus,
    TargetStatus,
)
from lms.competencies.rules import current_level
from lms.competencies.services import add_months
from lms.competencies.target_status import target_status_rebuild
from lms.people.models import (
    JobRole,
    OrganisationUnit,
    Role,
    StaffProfile,
    StaffType,
)

from .models import ReminderLog, TargetSnapshot

PREFIX = "scale-"
HR_USERNAME = f"{PREFIX}hr"
MONTHS = 24
WINDOW_DAYS = 730
STAFF_PER_TEAM = 25
CHUNK = 2000
EVIDENCE_PER_PERSON = 20

Log = Callable[[str], None]

FIRST_NAMES = (
    "Anna Ben Clara David Elif Felix Greta Hannah Ilias Jana Jonas Katharina Lea "
    "Lukas Marie Mehmet Mia Nele Noah Ole Paula Paul Rania Sophie Tim Ursula "
    "Valentina Wilhelm Yasemin Zoe Agnieszka Bernd Christine Dirk Emma Frank "
    "Gabriele Heike Ingrid Jürgen Karin Lars Monika Nadine Olga Petra Ralf "
    "Sabine Thomas Uwe Vanessa Waltraud Aylin Fatma Igor Kateryna Luca Marta "
    "Oksana Piotr Sven Tanja"
).split()
LAST_NAMES = (
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann "
    "Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann "
    "Braun Krüger Hofmann Hartmann Lange Schmitt Werner Krause Meier Lehmann "
    "Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs "
    "Peters Lang Scholz Möller Weiß Jung Hahn Yilmaz Kaya Nowak Kowalski "
    "Petrović Demir Şahin Hansen Jensen Nielsen Popescu Ivanova"
).split()
CITIES = (
    "Bremen Oldenburg Osnabrück Hannover Braunschweig Göttingen Hildesheim "
    "Lüneburg Celle Wolfsburg Emden Wilhelmshaven Cuxhaven Stade Verden Nienburg"
).split()
PLACES = (
    "St. Anna|Am See|Am Markt|Lindenhof|Sonnenhof|Am Park|St. Martin|Rosengarten|"
    "Haus Abendrot|Am Berg|Kastanienhof|St. Elisabeth|Mühlenweg|Am Stadtwald|"
    "Haus Regenbogen|Bethanien|Am Hafen|Friedenshort|Birkenhof|Ulmenhof"
).split("|")

# Job roles by kind of service: (paid roles with weights, volunteer roles,
# share of volunteers). Chosen so that about 30 % of all staff are volunteers.
SERVICES = {
    "Stationäre Pflege": (
        {
            "Pflegefachkraft": 45,
            "Pflegehilfskraft": 35,
            "Betreuungskraft": 12,
            "Leitung": 8,
        },
        ["Besuchsdienst"],
        0.2,
    ),
    "Ambulante Pflege": (
        {"Pflegefachkraft": 50, "Pflegehilfskraft": 40, "Leitung": 10},
        ["Besuchsdienst"],
        0.1,
    ),
    "Tagespflege": (
        {
            "Pflegefachkraft": 30,
            "Betreuungskraft": 45,
            "Hauswirtschaftskraft": 15,
            "Leitung": 10,
        },
        ["Besuchsdienst"],
        0.3,
    ),
    "Sozialer Dienst": (
        {"Sozialarbeiter/in": 80, "Leitung": 20},
        ["Ehrenamtliche Begleitung"],
        0.5,
    ),
    "Hauswirtschaft": ({"Hauswirtschaftskraft": 90, "Leitung": 10}, [], 0.0),
    "Verwaltung": ({"Verwaltungskraft": 85, "Leitung": 15}, [], 0.0),
    "Schuldnerberatung": (
        {"Berater/in": 80, "Verwaltungskraft": 12, "Leitung": 8},
        ["Ehrenamtliche Begleitung"],
        0.25,
    ),
    "Migrationsberatung": (
        {"Berater/in": 80, "Verwaltungskraft": 12, "Leitung": 8},
        ["Sprachpate", "Ehrenamtliche Begleitung"],
        0.5,
    ),
    "Suchtberatung": (
        {"Berater/in": 85, "Verwaltungskraft": 10, "Leitung": 5},
        ["Ehrenamtliche Begleitung"],
        0.25,
    ),
    "Krippe": (
        {"Erzieher/in": 75, "Kinderpfleger/in": 20, "Leitung": 5},
        ["Lesepate"],
        0.1,
    ),
    "Elementarbereich": (
        {"Erzieher/in": 75, "Kinderpfleger/in": 20, "Leitung": 5},
        ["Lesepate"],
        0.15,
    ),
    "Hort": ({"Erzieher/in": 85, "Leitung": 15}, ["Lesepate"], 0.25),
    "Wohngruppe": (
        {
            "Heilerziehungspfleger/in": 60,
            "Sozialarbeiter/in": 15,
            "Pflegehilfskraft": 20,
            "Leitung": 5,
        },
        ["Freizeitbegleitung"],
        0.2,
    ),
    "Ambulant betreutes Wohnen": (
        {"Heilerziehungspfleger/in": 50, "Sozialarbeiter/in": 45, "Leitung": 5},
        ["Freizeitbegleitung"],
        0.2,
    ),
    "Tafel": ({"Koordinator/in Ehrenamt": 100}, ["Tafelhelfer/in"], 0.9),
    "Besuchsdienst": ({"Koordinator/in Ehrenamt": 100}, ["Besuchsdienst"], 0.9),
    "Kleiderkammer": ({"Koordinator/in Ehrenamt": 100}, ["Tafelhelfer/in"], 0.85),
}

# Kinds of facility: (name, weight, services it has).
FACILITIES = [
    (
        "Seniorenzentrum",
        28,
        [
            "Stationäre Pflege",
            "Tagespflege",
            "Sozialer Dienst",
            "Hauswirtschaft",
            "Verwaltung",
        ],
    ),
    ("Sozialstation", 14, ["Ambulante Pflege", "Hauswirtschaft", "Verwaltung"]),
    (
        "Beratungszentrum",
        14,
        ["Schuldnerberatung", "Migrationsberatung", "Suchtberatung", "Verwaltung"],
    ),
    ("Kita", 14, ["Krippe", "Elementarbereich", "Hort"]),
    ("Wohnverbund", 10, ["Wohngruppe", "Ambulant betreutes Wohnen", "Verwaltung"]),
    ("Ehrenamtszentrum", 20, ["Tafel", "Besuchsdienst", "Kleiderkammer"]),
]

# Courses: (slug, title, mandatory, recertification months, competencies
# developed as (DigComp code, level)).
COURSES = [
    ("datenschutz", "Datenschutz-Unterweisung (jährlich)", True, 12, [("4.2", 3)]),
    ("it-sicherheit", "IT-Sicherheit am Arbeitsplatz", True, None, [("4.1", 3)]),
    (
        "digitale-ethik",
        "Digitale Ethik im Sozialwesen",
        False,
        None,
        [("2.5", 3), ("4.3", 2)],
    ),
    (
        "zusammenarbeit",
        "Gemeinsam digital arbeiten",
        False,
        None,
        [("2.4", 3), ("2.1", 2)],
    ),
    (
        "informationen",
        "Informationen prüfen und ordnen",
        False,
        None,
        [("1.2", 3), ("1.3", 2)],
    ),
]
LESSONS_PER_MODULE = 2
MODULES_PER_COURSE = 2

# Targets: (DigComp code, level, unit: "root" or "region", staff type, job role).
TARGETS = [
    ("4.2", 3, "root", StaffType.PAID, None),
    ("4.2", 2, "root", StaffType.VOLUNTEER, None),
    ("4.1", 3, "root", StaffType.PAID, None),
    ("2.5", 2, "root", "", None),
    ("2.5", 3, "root", StaffType.VOLUNTEER, "Ehrenamtliche Begleitung"),
    ("2.4", 3, "root", StaffType.PAID, None),
    ("2.4", 4, "root", "", "Leitung"),
    ("3.1", 3, "root", "", "Verwaltungskraft"),
    ("1.3", 3, "root", "", "Verwaltungskraft"),
    ("2.1", 3, "root", "", "Pflegefachkraft"),
    ("5.3", 2, "region", "", None),
]

# Evidence that is not a course completion: (source, weight).
OTHER_SOURCES = [
    (EvidenceSource.ACTIVITY, 42),
    (EvidenceSource.TEAM_SESSION, 24),
    (EvidenceSource.TRAINER, 12),
    (EvidenceSource.MANAGER, 8),
    (EvidenceSource.PRIOR, 2),
    (EvidenceSource.SELF, 12),
]


@dataclass(slots=True)
class Fact:
    """One piece of evidence in memory, shaped as `rules.current_level` reads it."""

    level: int
    source: str
    status: str
    recorded_at: datetime
    expires_at: datetime | None = None
    page_id: int | None = None
    pk: int | None = None


@dataclass(slots=True)
class Unit:
    id: int
    path: str
    depth: int
    service: str = ""


@dataclass(slots=True)
class Person:
    user_id: int
    unit: Unit
    staff_type: str
    job_role_id: int | None
    skill: float


@dataclass(slots=True)
class Course:
    id: int
    mandatory: bool
    recertification_months: int | None
    links: list[tuple[int, int]]
    lesson_ids: list[int]
    assignment_id: int | None = None
    assigned_at: datetime | None = None


@dataclass(slots=True)
class Target:
    competency_id: int
    level: int
    unit_path: str
    staff_type: str
    job_role_id: int | None


@dataclass
class Totals:
    staff: int = 0
    units: int = 0
    enrolments: int = 0
    lesson_progress: int = 0
    evidence: int = 0
    competency_states: int = 0
    targets: int = 0
    target_statuses: int = 0
    snapshots: int = 0
    seconds: float = 0.0
    steps: dict = field(default_factory=dict)


#: The tables seed_scale fills, whose statistics it refreshes.
ANALYZED = (
    OrganisationUnit,
    StaffProfile,
    Enrolment,
    LessonProgress,
    Evidence,
    CompetencyState,
    TargetStatus,
    TargetSnapshot,
)


# ---------------------------------------------------------------- bulk writes


def _insert(model: type[Model], fields: list[str], rows: Iterable[tuple]) -> int:
    """Write rows (tuples in the order of `fields`) as fast as the database
    allows: COPY on PostgreSQL, executemany in batches elsewhere. No save(),
    no signals, no auto_now: the rows carry every value themselves."""
    meta = model._meta
    model_fields = [meta.get_field(name) for name in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in model_fields)
    table = connection.ops.quote_name(meta.db_table)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        batch: list[list] = []
        for row in rows:
            batch.append(
                [
                    f.get_db_prep_save(value, connection)
                    for f, value in zip(model_fields, row, strict=True)
                ]
            )
            if len(batch) >= 5000:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


# ---------------------------------------------------------------- reset


def scale_data_exists() -> bool:
    return (
        get_user_model().objects.filter(username__startswith=PREFIX).exists()
        or OrganisationUnit.objects.filter(code__startswith=PREFIX).exists()
        or CoursePage.objects.filter(slug__startswith=PREFIX).exists()
    )


def scale_reset(log: Log = lambda message: None) -> None:
    """Delete what seed_scale made, and nothing else. The large tables are
    emptied with one DELETE each (Django's collector would load millions of
    evidence rows into memory first); the few rows left are deleted the
    ordinary way, so that everything pointing at them is handled."""
    User = get_user_model()
    users = User.objects.filter(username__startswith=PREFIX).values("pk")
    units = OrganisationUnit.objects.filter(code__startswith=PREFIX).values("pk")
    courses = CoursePage.objects.filter(slug__startswith=PREFIX).values("pk")
    with transaction.atomic():
        for queryset in (
            TargetSnapshot.objects.filter(unit__in=units),
            TargetStatus.objects.filter(user__in=users),
            CompetencyState.objects.filter(user__in=users),
            Evidence.objects.filter(user__in=users, review_of__isnull=False),
            Evidence.objects.filter(user__in=users),
            LessonProgress.objects.filter(user__in=users),
            ActivityAttempt.objects.filter(user__in=users),
            ReminderLog.objects.filter(user__in=users),
            Enrolment.objects.filter(user__in=users),
            Enrolment.objects.filter(course__in=courses),
            StaffProfile.managed_units.through.objects.filter(
                staffprofile__user__in=users
            ),
            StaffProfile.objects.filter(user__in=users),
            User.groups.through.objects.filter(user__in=users),
        ):
            queryset._raw_delete(queryset.db)
        log("Deleted the scale data's evidence, progress and profiles.")
        user_ids = list(
            User.objects.filter(username__startswith=PREFIX).values_list(
                "pk", flat=True
            )
        )
        for start in range(0, len(user_ids), CHUNK):
            User.objects.filter(pk__in=user_ids[start : start + CHUNK]).delete()
        for page in CoursePage.objects.filter(slug__startswith=PREFIX):
            page.delete()
        OrganisationUnit.objects.filter(code__startswith=PREFIX).delete()
    log(f"Deleted {len(user_ids)} synthetic users, their units and courses.")


# ---------------------------------------------------------------- seeding


class Seeder:
    def __init__(self, *, staff: int, seed: int, log: Log, now: datetime | None):
        self.staff = staff
        self.rng = random.Random(seed)  # noqa: S311 (synthetic data, reproducible)
        self.log = log
        self.now = now or timezone.now()
        self.start = self.now - timedelta(days=WINDOW_DAYS)
        self.totals = Totals()
        self.framework = digcomp_load()
        self.proficient = self.framework.proficient_level
        self.code = {
            c.code: c.pk
            for c in self.framework.competencies.filter(item_type=COMPETENCE_TYPE)
        }
        self.competency_ids = list(self.code.values())
        self.points = self._month_points()
        self.password = make_password(None)

    def _month_points(self) -> list[tuple]:
        """(month, moment the month is judged at): each month's end, the
        current month now."""
        local = timezone.localtime(self.now)
        year, month = local.year, local.month
        months = []
        for _back in range(MONTHS):
            months.append((year, month))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        points = []
        for year, month in reversed(months):
            first = datetime(year, month, 1).date()
            end = timezone.make_aware(datetime(year + month // 12, month % 12 + 1, 1))
            points.append((first, min(end, self.now)))
        return points

    def _step(self, name: str, started: float) -> None:
        seconds = round(time.monotonic() - started, 1)
        self.totals.steps[name] = seconds
        self.log(f"  {name}: {seconds} s")

    def run(self) -> Totals:
        began = time.monotonic()
        grant_role_permissions()
        started = time.monotonic()
        root, regions, units = self._units()
        self._step("units", started)
        started = time.monotonic()
        roles = self._job_roles()
        people = self._people(root, units, roles)
        self._step("users and profiles", started)
        started = time.monotonic()
        courses = self._courses(root)
        targets = self._targets(root, regions, roles)
        self._step("courses, assignments and targets", started)
        started = time.monotonic()
        snapshot = self._learning(people, courses, targets)
        self._step("enrolments, progress, evidence and states", started)
        started = time.monotonic()
        self.totals.target_statuses = target_status_rebuild(
            StaffProfile.objects.filter(unit__path__startswith=root.path)
        )
        self._step("target statuses", started)
        started = time.monotonic()
        self.totals.snapshots = self._snapshots(*snapshot)
        self._step("monthly snapshots", started)
        self.totals.seconds = round(time.monotonic() - began, 1)
        return self.totals

    # -- organisation

    def _units(self) -> tuple[Unit, list[Unit], list[Unit]]:
        """Verband → Regionen → Einrichtungen → Dienste, paths computed here
        and written in one go (treebeard's add_child costs queries per unit)."""
        rng = self.rng
        teams = max(1, round(self.staff / STAFF_PER_TEAM))
        facilities = max(1, round(teams / 5))
        regions = max(1, min(len(CITIES), round(facilities**0.5)))
        root_node = OrganisationUnit.add_root(
            instance=OrganisationUnit(
                name="Sozialwerk Niedersachsen e. V.",
                code=f"{PREFIX}verband",
                kind="Verband",
            )
        )
        rows: list[tuple] = []
        services: dict[str, str] = {}

        def child(parent_path, index, depth, name, kind, code, service=""):
            path = OrganisationUnit._get_path(parent_path, depth, index)
            rows.append([path, depth, 0, name, kind, code])
            services[path] = service
            return path

        region_paths = [
            child(
                root_node.path,
                i + 1,
                2,
                f"Region {city}",
                "Region",
                f"{PREFIX}r{i + 1}",
            )
            for i, city in enumerate(CITIES[:regions])
        ]
        region_of = [i % regions for i in range(facilities)]
        rng.shuffle(region_of)
        facility_paths = []
        facility_kinds = []
        per_region = defaultdict(int)
        weights = [weight for _name, weight, _services in FACILITIES]
        for f, region in enumerate(region_of):
            per_region[region] += 1
            kind_name, _weight, kind_services = rng.choices(FACILITIES, weights)[0]
            city = CITIES[region]
            place = rng.choice(PLACES)
            path = child(
                region_paths[region],
                per_region[region],
                3,
                f"{kind_name} {place} {city}",
                "Einrichtung",
                f"{PREFIX}r{region + 1}-e{f + 1}",
            )
            facility_paths.append(path)
            facility_kinds.append(kind_services)
        team_of = list(range(facilities)) + [
            rng.randrange(facilities) for _ in range(teams - facilities)
        ]
        per_facility = defaultdict(int)
        for t, f in enumerate(sorted(team_of)):
            per_facility[f] += 1
            number = per_facility[f]
            kind_services = facility_kinds[f]
            service = kind_services[(number - 1) % len(kind_services)]
            name = service
            if number > len(kind_services):
                name = f"{service} {(number - 1) // len(kind_services) + 1}"
            child(
                facility_paths[f],
                number,
                4,
                name,
                "Dienst",
                f"{PREFIX}t{t + 1}",
                service,
            )
        children = defaultdict(int)
        for row in rows:
            children[row[0][: -OrganisationUnit.steplen]] += 1
        for row in rows:
            row[2] = children.get(row[0], 0)
        self.totals.units = 1 + _insert(
            OrganisationUnit,
            ["path", "depth", "numchild", "name", "kind", "code"],
            (tuple(row) for row in rows),
        )
        OrganisationUnit.objects.filter(pk=root_node.pk).update(
            numchild=children[root_node.path]
        )
        units = [
            Unit(id=pk, path=path, depth=depth, service=services.get(path, ""))
            for pk, path, depth in OrganisationUnit.objects.filter(
                path__startswith=root_node.path
            ).values_list("pk", "path", "depth")
        ]
        by_path = {unit.path: unit for unit in units}
        self.log(
            f"  {len(units)} units: 1 Verband, {regions} regions, "
            f"{facilities} facilities, {teams} services and teams"
        )
        return (
            by_path[root_node.path],
            [by_path[path] for path in region_paths],
            units,
        )

    def _job_roles(self) -> dict[str, int]:
        names = {
            "Personalreferent/in",
            "Geschäftsführung",
            "Leitung",
            "Verwaltungskraft",
        }
        for paid, volunteer, _share in SERVICES.values():
            names.update(paid)
            names.update(volunteer)
        existing = dict(
            JobRole.objects.filter(name__in=names).values_list("name", "pk")
        )
        JobRole.objects.bulk_create(
            [JobRole(name=name) for name in sorted(names - existing.keys())]
        )
        return dict(JobRole.objects.filter(name__in=names).values_list("name", "pk"))

    def _people(
        self, root: Unit, units: list[Unit], roles: dict[str, int]
    ) -> list[Person]:
        """Who works where. The head office, regional offices and facility
        heads sit at their unit; everyone else in a team of a size that
        varies, as teams do."""
        rng = self.rng
        regions = [u for u in units if u.depth == 2]
        facilities = [u for u in units if u.depth == 3]
        teams = [u for u in units if u.depth == 4]
        specs: list[tuple[Unit, str, str]] = [
            (root, StaffType.PAID, "Personalreferent/in"),
            (root, StaffType.PAID, "Geschäftsführung"),
            (root, StaffType.PAID, "Verwaltungskraft"),
        ]
        for region in regions:
            specs += [
                (region, StaffType.PAID, "Leitung"),
                (region, StaffType.PAID, "Verwaltungskraft"),
            ]
        specs += [(facility, StaffType.PAID, "Leitung") for facility in facilities]
        specs = specs[: self.staff]
        sizes = [rng.lognormvariate(0, 0.5) for _ in teams]
        cumulative, running = [], 0.0
        for size in sizes:
            running += size
            cumulative.append(running)
        for _ in range(self.staff - len(specs)):
            team = teams[bisect_left(cumulative, rng.random() * running)]
            paid, volunteer, share = SERVICES[team.service]
            if volunteer and rng.random() < share:
                specs.append((team, StaffType.VOLUNTEER, rng.choice(volunteer)))
            else:
                role = rng.choices(list(paid), weights=list(paid.values()))[0]
                specs.append((team, StaffType.PAID, role))

        User = get_user_model()
        joined_from = self.now - timedelta(days=365 * 8)

        def user_rows():
            for i in range(len(specs)):
                username = HR_USERNAME if i == 0 else f"{PREFIX}{i:06d}"
                yield (
                    self.password,
                    False,
                    username,
                    rng.choice(FIRST_NAMES),
                    rng.choice(LAST_NAMES),
                    f"{username}@example.org",
                    False,
                    True,
                    joined_from + timedelta(seconds=rng.random() * 365 * 7 * 86400),
                )

        _insert(
            User,
            [
                "password",
                "is_superuser",
                "username",
                "first_name",
                "last_name",
                "email",
                "is_staff",
                "is_active",
                "date_joined",
            ],
            user_rows(),
        )
        ids = dict(
            User.objects.filter(username__startswith=PREFIX).values_list(
                "username", "pk"
            )
        )
        user_ids = [
            ids[HR_USERNAME if i == 0 else f"{PREFIX}{i:06d}"]
            for i in range(len(specs))
        ]
        people = [
            Person(
                user_id=user_id,
                unit=unit,
                staff_type=staff_type,
                job_role_id=roles[role],
                skill=max(
                    1.0,
                    min(
                        7.0,
                        rng.gauss(3.0 if staff_type == StaffType.PAID else 2.4, 0.9),
                    ),
                ),
            )
            for user_id, (unit, staff_type, role) in zip(user_ids, specs, strict=True)
        ]
        _insert(
            StaffProfile,
            ["user_id", "unit_id", "staff_type", "job_role_id", "preferred_language"],
            ((p.user_id, p.unit.id, p.staff_type, p.job_role_id, "de") for p in people),
        )
        groups = dict(Group.objects.values_list("name", "pk"))
        memberships = [(user_id, groups[Role.LEARNER.value]) for user_id in user_ids]
        if user_ids:
            memberships.append((user_ids[0], groups[Role.HR.value]))
        _insert(User.groups.through, ["user_id", "group_id"], memberships)
        if user_ids:
            StaffProfile.objects.get(user_id=user_ids[0]).managed_units.add(root.id)
        self.totals.staff = len(people)
        volunteers = sum(p.staff_type == StaffType.VOLUNTEER for p in people)
        self.log(
            f"  {len(people)} staff ({volunteers} volunteers); "
            f"HR user “{HR_USERNAME}” manages the whole Verband"
        )
        return people

    # -- courses and targets

    def _courses(self, root: Unit) -> list[Course]:
        """Five small live courses; the mandatory ones assigned to everyone
        (data protection) and to paid staff (IT security) two years ago."""
        catalogue = CourseIndexPage.objects.get()
        hr_id = get_user_model().objects.get(username=HR_USERNAME).pk
        competencies = Competency.objects.in_bulk(self.code.values())
        courses = []
        for slug, title, mandatory, months, links in COURSES:
            page = CoursePage(
                title=title,
                slug=f"{PREFIX}{slug}",
                summary=f"{title}: ein kurzer Kurs für die Skalierungsmessung.",
                mandatory=mandatory,
                self_enrolment=not mandatory,
                recertification_months=months,
                competencies=[
                    (
                        "competency",
                        {"competency": competencies[self.code[code]], "level": level},
                    )
                    for code, level in links
                ],
            )
            catalogue.add_child(instance=page)
            lesson_ids = []
            for m in range(1, MODULES_PER_COURSE + 1):
                module = ModulePage(
                    title=f"Modul {m}", slug=f"{PREFIX}{slug}-modul-{m}"
                )
                page.add_child(instance=module)
                for n in range(1, LESSONS_PER_MODULE + 1):
                    lesson = LessonPage(
                        title=f"Lektion {m}.{n}",
                        slug=f"{PREFIX}{slug}-lektion-{m}-{n}",
                        body=[("text", f"<p>Inhalt der Lektion {m}.{n}.</p>")],
                    )
                    module.add_child(instance=lesson)
                    lesson_ids.append(lesson.pk)
            course = Course(
                id=page.pk,
                mandatory=mandatory,
                recertification_months=months,
                links=[(self.code[code], level) for code, level in links],
                lesson_ids=lesson_ids,
            )
            if mandatory:
                assigned_at = self.start + timedelta(days=3)
                due = (assigned_at + timedelta(days=60 if months else 90)).date()
                assignment = CourseAssignment.objects.create(
                    course=page,
                    unit_id=root.id,
                    staff_type="" if months else StaffType.PAID,
                    due_date=due,
                    created_by_id=hr_id,
                )
                CourseAssignment.objects.filter(pk=assignment.pk).update(
                    created_at=assigned_at
                )
                course.assignment_id = assignment.pk
                course.assigned_at = assigned_at
            courses.append(course)
        return courses

    def _targets(
        self, root: Unit, regions: list[Unit], roles: dict[str, int]
    ) -> list[Target]:
        hr = get_user_model().objects.filter(username=HR_USERNAME).first()
        region = regions[0] if regions else root
        made = []
        for code, level, where, staff_type, role in TARGETS:
            unit = root if where == "root" else region
            made.append(
                CompetencyTarget(
                    competency_id=self.code[code],
                    level=level,
                    unit_id=unit.id,
                    include_subunits=True,
                    staff_type=staff_type,
                    job_role_id=roles[role] if role else None,
                    created_by=hr,
                )
            )
        CompetencyTarget.objects.bulk_create(made)
        self.totals.targets = len(made)
        return [
            Target(
                competency_id=t.competency_id,
                level=t.level,
                unit_path=(root if t.unit_id == root.id else region).path,
                staff_type=t.staff_type,
                job_role_id=t.job_role_id,
            )
            for t in made
        ]

    @staticmethod
    def _required(targets: list[Target], person: Person) -> dict[int, int]:
        """The highest level per competency among the targets that reach the
        person: the rule of lms.competencies.target_status."""
        required: dict[int, int] = {}
        for target in targets:
            if target.staff_type and target.staff_type != person.staff_type:
                continue
            if target.job_role_id and target.job_role_id != person.job_role_id:
                continue
            if not person.unit.path.startswith(target.unit_path):
                continue
            required[target.competency_id] = max(
                required.get(target.competency_id, 0), target.level
            )
        return required

    # -- learning, evidence and summaries

    def _moment(
        self, after: datetime | None = None, before: datetime | None = None
    ) -> datetime:
        low = after or self.start
        high = before or self.now
        if high <= low:
            return low
        return low + timedelta(seconds=self.rng.random() * (high - low).total_seconds())

    def _learning(
        self, people: list[Person], courses: list[Course], targets: list[Target]
    ):
        """Per chunk of people: enrolments, lesson progress, evidence and
        competency states written; snapshot counts gathered."""
        people_count: dict[tuple, int] = defaultdict(int)
        flips: dict[tuple, list[int]] = defaultdict(lambda: [0] * (MONTHS + 1))
        for start in range(0, len(people), CHUNK):
            chunk = people[start : start + CHUNK]
            enrolments, progress, evidence, states = [], [], [], []
            for person in chunk:
                required = self._required(targets, person)
                facts = self._person(
                    person, courses, list(required), enrolments, progress
                )
                self._write_facts(person, facts, evidence, states)
                for competency_id, level in required.items():
                    key = (
                        person.unit.id,
                        competency_id,
                        person.staff_type,
                        person.job_role_id,
                    )
                    people_count[key] += 1
                    for index, meets in self._flips(
                        facts.get(competency_id, []), level
                    ):
                        flips[key][index] += 1 if meets else -1
            self.totals.enrolments += _insert(
                Enrolment,
                [
                    "user_id",
                    "course_id",
                    "source",
                    "assignment_id",
                    "enrolled_at",
                    "completed_at",
                ],
                enrolments,
            )
            self.totals.lesson_progress += _insert(
                LessonProgress,
                [
                    "user_id",
                    "lesson_id",
                    "progress",
                    "first_visited_at",
                    "last_visited_at",
                    "completed_at",
                ],
                progress,
            )
            self.totals.evidence += _insert(
                Evidence,
                [
                    "user_id",
                    "competency_id",
                    "level",
                    "source",
                    "status",
                    "recorded_at",
                    "note",
                    "document",
                    "page_id",
                    "block_id",
                    "expires_at",
                ],
                evidence,
            )
            self.totals.competency_states += _insert(
                CompetencyState,
                [
                    "user_id",
                    "competency_id",
                    "level",
                    "achieved",
                    "expired_level",
                    "valid_until",
                    "self_level",
                    "self_assessed_at",
                    "updated_at",
                ],
                states,
            )
            done = start + len(chunk)
            self.log(
                f"  {done}/{len(people)} people · {self.totals.evidence} evidence · "
                f"{self.totals.enrolments} enrolments"
            )
        return people_count, flips

    def _person(
        self,
        person: Person,
        courses: list[Course],
        focus: list[int],
        enrolments: list,
        progress: list,
    ) -> dict[int, list[Fact]]:
        """One person's two years: courses first (their completions are
        evidence), then other evidence up to about 20 rows, half of it on the
        competences their targets ask for."""
        rng = self.rng
        facts: dict[int, list[Fact]] = defaultdict(list)
        count = 0
        for course in courses:
            if course.mandatory:
                if (
                    course.recertification_months is None
                    and person.staff_type != StaffType.PAID
                ):
                    continue
                completions, partial = self._mandatory(course)
                enrolled_at = course.assigned_at + timedelta(
                    minutes=rng.randrange(60 * 24 * 3)
                )
                source, assignment = EnrolmentSource.ASSIGNMENT, course.assignment_id
            else:
                if rng.random() > 0.22:
                    continue
                enrolled_at = self._moment()
                source, assignment = EnrolmentSource.SELF, None
                roll = rng.random()
                if roll < 0.6:
                    completions = [
                        self._moment(enrolled_at, enrolled_at + timedelta(days=60))
                    ]
                    partial = 0
                else:
                    completions, partial = (
                        [],
                        rng.randint(0, len(course.lesson_ids) - 1),
                    )
            completions = [c for c in completions if c <= self.now]
            enrolled_at = min([enrolled_at, *completions])
            enrolments.append(
                (
                    person.user_id,
                    course.id,
                    source,
                    assignment,
                    enrolled_at,
                    max(completions, default=None),
                )
            )
            self._progress(person, course, enrolled_at, completions, partial, progress)
            for completed_at in completions:
                expires = (
                    add_months(completed_at, course.recertification_months)
                    if course.recertification_months
                    else None
                )
                for competency_id, level in course.links:
                    facts[competency_id].append(
                        Fact(
                            level,
                            EvidenceSource.COURSE,
                            EvidenceStatus.VALID,
                            completed_at,
                            expires,
                            course.id,
                        )
                    )
                    count += 1
        wanted = max(count + 1, round(rng.gauss(EVIDENCE_PER_PERSON, 5)))
        focus = focus or self.competency_ids
        sources = [source for source, _w in OTHER_SOURCES]
        weights = [weight for _s, weight in OTHER_SOURCES]
        while count < wanted:
            source = rng.choices(sources, weights)[0]
            at = self._moment()
            grown = person.skill + 1.2 * (at - self.start) / (self.now - self.start)
            if source == EvidenceSource.SELF:
                for competency_id in rng.sample(self.competency_ids, rng.randint(3, 8)):
                    level = max(0, min(8, round(grown + 0.4 + rng.gauss(0, 1))))
                    facts[competency_id].append(
                        Fact(
                            level,
                            source,
                            EvidenceStatus.VALID,
                            at + timedelta(microseconds=rng.randrange(10**6)),
                        )
                    )
                    count += 1
                continue
            competency_id = (
                rng.choice(focus)
                if rng.random() < 0.5
                else rng.choice(self.competency_ids)
            )
            if source == EvidenceSource.TEAM_SESSION:
                level = max(1, min(3, round(grown - 0.5 + rng.gauss(0, 0.8))))
            elif source in (
                EvidenceSource.TRAINER,
                EvidenceSource.MANAGER,
                EvidenceSource.PRIOR,
            ):
                level = max(1, min(8, round(grown + rng.gauss(0, 0.8))))
            else:
                level = max(1, min(8, round(grown - 0.3 + rng.gauss(0, 0.9))))
            status = EvidenceStatus.VALID
            if source == EvidenceSource.TRAINER and rng.random() < 0.05:
                status = EvidenceStatus.PENDING
            facts[competency_id].append(Fact(level, source, status, at))
            count += 1
        return facts

    def _mandatory(self, course: Course) -> tuple[list[datetime], int]:
        """Completions of a mandatory course, and lessons done when none:
        most finish soon after the assignment, most of those redo a yearly
        course about a year later; some are late, some never start."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.80:
            first = course.assigned_at + timedelta(days=rng.expovariate(1 / 45))
        elif roll < 0.88:
            first = self._moment(course.assigned_at + timedelta(days=200))
        else:
            return [], rng.choice([0, 0, 1, 2, 3])
        completions = [first]
        if course.recertification_months:
            while rng.random() < 0.85:
                again = completions[-1] + timedelta(days=rng.gauss(345, 25))
                if again > self.now:
                    break
                completions.append(again)
        return completions, 0

    def _progress(self, person, course, enrolled_at, completions, partial, progress):
        rng = self.rng
        lessons = course.lesson_ids
        if completions:
            last = max(completions)
            first = min(completions)
            for lesson_id in lessons:
                visited = first - timedelta(minutes=rng.randrange(1, 60 * 24 * 10))
                progress.append(
                    (
                        person.user_id,
                        lesson_id,
                        1.0,
                        max(visited, enrolled_at),
                        last,
                        last,
                    )
                )
            return
        for lesson_id in lessons[:partial]:
            done = self._moment(enrolled_at)
            progress.append((person.user_id, lesson_id, 1.0, enrolled_at, done, done))
        if partial < len(lessons) and rng.random() < 0.5:
            visited = self._moment(enrolled_at)
            progress.append(
                (person.user_id, lessons[partial], 0.5, visited, visited, None)
            )

    def _write_facts(
        self, person: Person, facts: dict[int, list[Fact]], evidence: list, states: list
    ) -> None:
        for competency_id, items in facts.items():
            items.sort(key=lambda item: item.recorded_at)
            for item in items:
                evidence.append(
                    (
                        person.user_id,
                        competency_id,
                        item.level,
                        item.source,
                        item.status,
                        item.recorded_at,
                        "",
                        "",
                        item.page_id,
                        "",
                        item.expires_at,
                    )
                )
            derived = current_level(items, self.now)
            states.append(
                (
                    person.user_id,
                    competency_id,
                    derived.level,
                    derived.level is not None and derived.level >= self.proficient,
                    derived.expired_level,
                    derived.valid_until,
                    derived.self_level,
                    derived.self_assessed_at,
                    self.now,
                )
            )

    def _flips(self, items: list[Fact], required: int) -> Iterator[tuple[int, bool]]:
        """The months at which meeting the target starts or stops. The level
        can only change when evidence is recorded or expires, so it is derived
        only at the first month end after such a moment."""
        moments = [point for _month, point in self.points]
        changes = sorted(
            {
                bisect_left(moments, moment)
                for item in items
                for moment in (item.recorded_at, item.expires_at)
                if moment is not None
            }
        )
        meets = False
        for index in changes:
            if index >= len(moments):
                break
            at = moments[index]
            derived = current_level([i for i in items if i.recorded_at <= at], at)
            now_meets = derived.level is not None and derived.level >= required
            if now_meets != meets:
                meets = now_meets
                yield index, meets

    def _snapshots(self, people_count: dict, flips: dict) -> int:
        def rows():
            for key, people in people_count.items():
                unit_id, competency_id, staff_type, job_role_id = key
                meeting = 0
                changes = flips.get(key)
                for index, (month, _at) in enumerate(self.points):
                    if changes:
                        meeting += changes[index]
                    yield (
                        month,
                        unit_id,
                        competency_id,
                        staff_type,
                        job_role_id,
                        people,
                        meeting,
                    )

        return _insert(
            TargetSnapshot,
            [
                "month",
                "unit_id",
                "competency_id",
                "staff_type",
                "job_role_id",
                "people",
                "meeting",
            ],
            rows(),
        )


def scale_seed(
    *,
    staff: int,
    seed: int = 1,
    log: Log = lambda message: None,
    now: datetime | None = None,
) -> Totals:
    """Create the synthetic organisation in one transaction (all or nothing)."""
    if staff < 1:
        raise ValueError("At least one person.")
    if not CourseIndexPage.objects.exists():
        raise LookupError("The course catalogue page is missing; run migrate first.")
    began = time.monotonic()
    with transaction.atomic():
        totals = Seeder(staff=staff, seed=seed, log=log, now=now).run()
        log("  committing (the database checks every new reference now) …")
    _analyze(log)
    totals.seconds = round(time.monotonic() - began, 1)
    return totals


def _analyze(log: Log) -> None:
    """Fresh planner statistics on PostgreSQL: right after a bulk load they
    are missing until autovacuum comes round, and the reports' plans (and
    the benchmark) would be measured on guesses."""
    if connection.vendor != "postgresql":
        return
    started = time.monotonic()
    with connection.cursor() as cursor:
        for model in (get_user_model(), *ANALYZED):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    log(f"  statistics updated (ANALYZE): {round(time.monotonic() - started, 1)} s")
