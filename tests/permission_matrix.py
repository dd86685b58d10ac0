"""The permission matrix: for every URL pattern, what each role gets.

Read by tests/test_permission_matrix.py, which walks the URL conf and fails for
a pattern without an entry here (and for an entry whose pattern is gone). The
answers are what a person in that role *should* get, decided per endpoint, not
copied from what the views happened to do.

Keys are URL names (the route where a pattern has none), or the prefix of a
third-party include covered as a whole by a few representative URLs. URLs (and
the keys and values of a POST's data) are format strings filled with the ids of
the test's world (`_build_world` in the test). POST probes mostly send an empty
or unusable body: what matters is who gets past the access checks, not what is
stored. A probe may override settings, for behaviour an organisation switches
on.

The subject whose data the others try to reach is the learner, Lena (paid
staff in Pflege am See, under Haus am See): enrolled in the course, with a quiz
attempt, a completed course, an achieved competency, a recognised prior
learning with a document, a rating waiting for review, and a team session she
took part in. Tara trains the course and led the session; Hanna is HR of Haus
am See, Otto HR of Haus am Berg only; Maren manages Pflege am See (reports
only); Volker is a volunteer in Pflege am See who is not enrolled (the course
is for paid staff); root is a superuser.
"""

from dataclasses import dataclass, field

ROLES = (
    "anonymous",
    "learner",
    "volunteer",
    "trainer",
    "hr_other_unit",
    "hr",
    "manager",
    "admin",
)


@dataclass(frozen=True)
class Redirect:
    """A 302 whose Location starts with `to` ("" for anywhere)."""

    to: str = ""

    def __str__(self):
        return f"302 → {self.to or '…'}"


LOGIN = Redirect("/accounts/login/")
ADMIN_LOGIN = Redirect("/admin/login/")
FOUND = Redirect()

Expected = int | Redirect


@dataclass(frozen=True)
class Probe:
    method: str
    url: str
    expected: dict[str, Expected]
    data: dict | str | None = None
    content_type: str | None = None
    settings: dict | None = None  # overridden for this probe only
    label: str = ""

    @property
    def name(self) -> str:
        return f"{self.method} {self.label}" if self.label else self.method


def expect(default: Expected, **by_role: Expected) -> dict[str, Expected]:
    unknown = set(by_role) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")
    return {role: by_role.get(role, default) for role in ROLES}


def get(url: str, expected: dict[str, Expected], **kwargs) -> Probe:
    return Probe("GET", url, expected, **kwargs)


def post(url: str, expected: dict[str, Expected], **kwargs) -> Probe:
    kwargs.setdefault("data", {})
    return Probe("POST", url, expected, **kwargs)


def post_json(url: str, expected: dict[str, Expected], body: str = "{}") -> Probe:
    return Probe("POST", url, expected, data=body, content_type="application/json")


# Who may do what, in the shapes that recur ------------------------------------

EVERYONE = expect(200)
LOGGED_IN = expect(200, anonymous=LOGIN)
# /hr/ pages: HR of any unit and admins; a manager sees reports, not staff records.
HR_LIST = expect(403, anonymous=LOGIN, hr_other_unit=200, hr=200, admin=200)
# An object in Lena's unit: outside Otto's units it does not exist for him.
HR_OBJECT = expect(403, anonymous=LOGIN, hr_other_unit=404, hr=200, admin=200)
HR_OBJECT_POST = expect(403, anonymous=LOGIN, hr_other_unit=404, hr=FOUND, admin=FOUND)
# Reports: HR, managers and admins.
REPORTS = expect(
    403, anonymous=LOGIN, hr_other_unit=200, hr=200, manager=200, admin=200
)
# Pages of the course's trainers (and admins).
COURSE_TRAINER = expect(403, anonymous=LOGIN, trainer=200, admin=200)
# Lena's own activity in the course: only who is enrolled gets past the check.
ENROLLED = expect(403, anonymous=LOGIN, learner=200)
ENROLLED_POST = expect(403, anonymous=LOGIN, learner=FOUND)
# The team session's facilitator alone.
FACILITATOR = expect(403, anonymous=LOGIN, trainer=200)
FACILITATOR_POST = expect(403, anonymous=LOGIN, trainer=FOUND)
# JSON APIs answer 403 (never a login redirect a script cannot follow).
API_ENROLLED = expect(403, learner=200)

LESSON = "/my/lessons/{lesson}"

PAGE_SERVING = (
    get("/courses/", LOGGED_IN, label="catalogue"),
    # Paid staff may look at a course for paid staff and enrol; a
    # volunteer may not; who authors it sees it without enrolling.
    get(
        "{course_url}",
        expect(200, anonymous=LOGIN, volunteer=403, admin=200),
        label="course",
    ),
    # A module is an anchor on its course page.
    get("{module_url}", expect(Redirect("{course_url}")), label="module"),
    # Not enrolled: back to the course page to enrol; authors read it.
    get(
        "{lesson_url}",
        expect(
            Redirect("{course_url}"),
            anonymous=LOGIN,
            learner=200,
            trainer=200,
            admin=200,
        ),
        label="lesson",
    ),
)

ENTRIES: dict[str, tuple[Probe, ...]] = {
    # Course pages are served through courses.views.page_serve (routes kept
    # between requests) and, under a view restriction, by Wagtail's include.
    "course-page-serve": PAGE_SERVING,
    # lms/urls.py ---------------------------------------------------------------
    "home": (get("/", expect(Redirect("/my/"))),),
    "healthz": (get("/healthz", EVERYONE),),
    "login": (get("/accounts/login/", expect(Redirect("/my/"), anonymous=200)),),
    # Django's LogoutView is POST-only (a link cannot log anyone out).
    "logout": (
        get("/accounts/logout/", expect(405)),
        post("/accounts/logout/", expect(LOGIN)),
    ),
    # lms.security: two-factor login, offered to HR and admins (nobody in the
    # world has set it up, so nobody is held at the code step) ------------------
    "two-factor": (
        get(
            "/my/two-factor/",
            expect(404, anonymous=LOGIN, hr_other_unit=200, hr=200, admin=200),
        ),
    ),
    # Without an authenticator there is no code to enter: on to My learning.
    "two-factor-verify": (
        get("/accounts/login/code/", expect(Redirect("/my/"), anonymous=LOGIN)),
    ),
    # theme: the installable app ---------------------------------------------------
    "web-manifest": (get("/manifest.webmanifest", EVERYONE),),
    "service-worker": (get("/sw.js", EVERYONE),),
    # Stored once per browser for everyone, so it shows nobody's data.
    "offline": (get("/offline/", EVERYONE),),
    "my-offline": (get("/my/offline/", LOGGED_IN),),
    # lms.people: HR ----------------------------------------------------------------
    "hr-home": (get("/hr/", HR_LIST),),
    "hr-unit": (
        get("/hr/units/{unit}/", HR_OBJECT),
        post("/hr/units/{unit}/", HR_OBJECT, label="empty form"),
    ),
    "hr-staff-create": (
        get("/hr/staff/new/", HR_LIST),
        post("/hr/staff/new/", HR_LIST, label="empty form"),
    ),
    "hr-staff-edit": (
        get("/hr/staff/{profile}/", HR_OBJECT),
        post("/hr/staff/{profile}/", HR_OBJECT, label="empty form"),
    ),
    "hr-import": (get("/hr/import/", HR_LIST),),
    "hr-invitations": (get("/hr/invitations/", HR_LIST),),
    "hr-invitation-revoke": (
        get("/hr/invitations/{invitation}/revoke/", expect(405)),
        post("/hr/invitations/{invitation}/revoke/", HR_OBJECT_POST),
    ),
    # Anyone may join with a code; who is logged in is told they already are.
    "join": (get("/join/", EVERYONE),),
    "join-code": (get("/join/{invitation_code}/", EVERYONE),),
    "hr-assignments": (
        get("/hr/assignments/", HR_LIST),
        post("/hr/assignments/", HR_LIST, label="empty form"),
    ),
    # courses: dialogue cards ---------------------------------------------------------
    "deck-note-save": (post(LESSON + "/decks/{deck_block}/notes/", ENROLLED_POST),),
    # Trainers (and staff a trainer allowed) lead sessions; no participants chosen
    # sends them back to the lesson with a message.
    "deck-session-start": (
        post(
            LESSON + "/decks/{deck_block}/sessions/",
            expect(403, anonymous=LOGIN, trainer=FOUND, admin=FOUND),
        ),
    ),
    # The facilitator, the participants and the course's trainers read it.
    "deck-session-summary": (
        get(
            "/sessions/{session}/",
            expect(403, anonymous=LOGIN, learner=200, trainer=200, admin=200),
        ),
    ),
    "deck-session-present": (get("/sessions/{session}/present/", FACILITATOR),),
    "deck-session-notes": (get("/sessions/{session}/notes/", FACILITATOR),),
    "deck-session-record": (
        post("/sessions/{session}/cards/{card}/", FACILITATOR_POST),
    ),
    "deck-session-end": (post("/sessions/{session}/end/", FACILITATOR_POST),),
    # A deck is published material, printable by anyone logged in.
    "deck-print": (get("/decks/{deck}/print/", LOGGED_IN),),
    "deck-facilitators": (
        get(
            "/trainer/facilitators/",
            expect(403, anonymous=LOGIN, trainer=200, admin=200),
        ),
    ),
    "deck-facilitator-revoke": (
        post(
            "/trainer/facilitators/{volunteer_user}/revoke/",
            expect(403, anonymous=LOGIN, trainer=FOUND, admin=FOUND),
        ),
    ),
    # courses: cases --------------------------------------------------------------
    # No option chosen: shown again to correct (400), only to who is enrolled.
    "case-choose": (
        post(
            LESSON + "/cases/{case_block}/choose/",
            expect(403, anonymous=LOGIN, learner=400),
        ),
    ),
    # One of the two questions answered: shown again to correct.
    "case-reflections": (
        post(
            LESSON + "/cases/{case_block}/reflections/",
            expect(403, anonymous=LOGIN, learner=400),
            data={"reflection-{case_question}": "Ich würde nachfragen."},
        ),
    ),
    "trainer-case-results": (
        get("/trainer/lessons/{lesson}/cases/{case_block}/", COURSE_TRAINER),
    ),
    # courses: quizzes ------------------------------------------------------------
    # Nothing answered: the quiz again with a message, only for who is enrolled.
    "quiz-submit": (post(LESSON + "/quizzes/{quiz_block}/submit/", ENROLLED),),
    "quiz-attempts": (get(LESSON + "/quizzes/{quiz_block}/attempts/", ENROLLED),),
    # Lena's attempt: nobody else's to read, admins included.
    "quiz-attempt": (
        get(LESSON + "/quizzes/{quiz_block}/attempts/{quiz_attempt}/", ENROLLED),
    ),
    "trainer-quiz-results": (
        get("/trainer/lessons/{lesson}/quizzes/{quiz_block}/", COURSE_TRAINER),
    ),
    # courses: trainers rate participants of their own course -------------------------
    "participant-competences": (
        get(
            "/trainer/courses/{course}/participants/{learner_user}/competences/",
            COURSE_TRAINER,
        ),
    ),
    "course-offline-manifest": (
        get("/my/courses/{course}/offline.json", API_ENROLLED),
    ),
    # courses: learning ----------------------------------------------------------------
    "my-learning": (get("/my/", LOGGED_IN),),
    # The course is for paid staff: volunteers (and admins, who have no staff
    # type) cannot enrol; Lena already is, and is sent to the course again.
    "course-enrol": (
        get("/my/courses/{course}/enrol/", expect(405, anonymous=LOGIN)),
        post(
            "/my/courses/{course}/enrol/",
            expect(FOUND, anonymous=LOGIN, volunteer=403, admin=403),
        ),
    ),
    # Only one's own certificate, once the course is complete.
    "course-certificate": (
        get(
            "/my/courses/{course}/certificate/",
            expect(404, anonymous=LOGIN, learner=200),
        ),
    ),
    "lesson-complete": (post(LESSON + "/complete/", ENROLLED_POST),),
    "activity-complete": (post(LESSON + "/activities/{ack_block}/", ENROLLED_POST),),
    "trainer-courses": (
        get("/trainer/", expect(403, anonymous=LOGIN, trainer=200, admin=200)),
    ),
    "course-activities": (
        get("/trainer/courses/{course}/activities/", COURSE_TRAINER),
    ),
    "course-participants": (
        get("/trainer/courses/{course}/participants/", COURSE_TRAINER),
        get(
            "/trainer/courses/{course}/participants/?format=csv",
            COURSE_TRAINER,
            label="csv",
        ),
    ),
    # content: H5P files, for the player in a logged-in learner's lesson ------------
    # A file the player loads: 403 without a login, never the login page.
    "h5p-file": (get("/h5p/{h5p_path}", expect(200, anonymous=403)),),
    # lms.sync: JSON APIs ---------------------------------------------------------
    "sync": (
        get("/api/sync/", expect(405)),
        post_json("/api/sync/", expect(400, anonymous=403), body="{}"),
    ),
    # An empty body: malformed for who may send, refused for everyone else.
    "xapi-statements": (
        post_json(
            "/api/xapi/statements?lesson={lesson}&block={h5p_block}&package={package}",
            expect(403, learner=400),
            body="",
        ),
    ),
    "h5p-user-data": (
        get(
            "/api/h5p/user-data/{lesson}-{h5p_block}/state/0/",
            API_ENROLLED,
        ),
        post(
            "/api/h5p/user-data/{lesson}-{h5p_block}/state/0/",
            expect(403, learner=400),
            label="no data",
        ),
    ),
    # lms.competencies: one's own competences ----------------------------------------
    "my-competences": (get("/my/competences/", LOGGED_IN),),
    # Lena's achieved competency: a badge only for her.
    "competency-badge": (
        get(
            "/my/competences/{achieved_competency}/badge.json",
            expect(404, anonymous=LOGIN, learner=200),
        ),
    ),
    "self-assessment-index": (get("/my/competences/self-assessment/", LOGGED_IN),),
    "self-assessment": (
        get("/my/competences/self-assessment/{framework}/", LOGGED_IN),
    ),
    # lms.competencies: HR -----------------------------------------------------------
    "hr-staff-competences": (
        get("/hr/staff/{profile}/competences/", HR_OBJECT),
        post(
            "/hr/staff/{profile}/competences/",
            HR_OBJECT,
            data={"action": "rating"},
            label="empty rating",
        ),
    ),
    "hr-evidence-document": (
        get("/hr/competences/evidence/{prior_evidence}/document/", HR_OBJECT),
    ),
    "hr-competence-reviews": (get("/hr/competences/reviews/", HR_LIST),),
    "hr-competence-review": (
        get("/hr/competences/reviews/{pending_evidence}/", expect(405)),
        post("/hr/competences/reviews/{pending_evidence}/", HR_OBJECT_POST),
    ),
    "hr-competence-targets": (
        get("/hr/competences/targets/", HR_LIST),
        post("/hr/competences/targets/", HR_LIST, label="empty form"),
    ),
    "hr-competence-target-delete": (
        get("/hr/competences/targets/{target}/delete/", HR_OBJECT),
        post("/hr/competences/targets/{target}/delete/", HR_OBJECT_POST),
    ),
    # lms.reports --------------------------------------------------------------------
    "reports-home": (get("/reports/", REPORTS),),
    "reports-audit": (get("/reports/audit/", expect(403, anonymous=LOGIN, admin=200)),),
    "reports-matrix": (
        get("/reports/matrix/", REPORTS),
        get("/reports/matrix/?format=csv", REPORTS, label="csv"),
    ),
    # The people behind one cell of Pflege am See: not one of Otto's units.
    "reports-matrix-people": (
        get(
            "/reports/matrix/people/?unit={unit}&competency={achieved_competency}",
            expect(
                403, anonymous=LOGIN, hr_other_unit=404, hr=200, manager=200, admin=200
            ),
        ),
    ),
    "reports-compliance": (
        get("/reports/compliance/", REPORTS),
        get("/reports/compliance/?format=xlsx", REPORTS, label="xlsx"),
    ),
    "reports-compliance-due": (get("/reports/compliance/due/", REPORTS),),
    # Nobody ticked: back to the list with a message.
    "reports-compliance-remind": (
        get("/reports/compliance/remind/", expect(405)),
        post(
            "/reports/compliance/remind/",
            expect(
                403,
                anonymous=LOGIN,
                hr_other_unit=FOUND,
                hr=FOUND,
                manager=FOUND,
                admin=FOUND,
            ),
        ),
    ),
    # Lena's record: hers, her HR's, her manager's and admins'; nobody else's.
    "reports-individual": (
        get(
            "/reports/people/{learner_user}/",
            expect(404, anonymous=LOGIN, learner=200, hr=200, manager=200, admin=200),
        ),
        get(
            "/reports/people/{learner_user}/?format=csv",
            expect(404, anonymous=LOGIN, learner=200, hr=200, manager=200, admin=200),
            label="csv",
        ),
    ),
    "reports-trend": (get("/reports/trend/", REPORTS),),
    # lms.privacy: one's own data, and erasure --------------------------------------
    "my-data": (get("/my/data/", LOGGED_IN),),
    "my-data-export": (get("/my/data/export.zip", LOGGED_IN),),
    # Erasing one's own account is off unless the organisation allows it; then
    # everyone may (only ever their own: there is no user id in the URL).
    "my-data-erase": (
        get("/my/data/erase/", expect(404, anonymous=LOGIN)),
        get(
            "/my/data/erase/",
            LOGGED_IN,
            settings={"PRIVACY_SELF_ERASURE": True},
            label="self-erasure allowed",
        ),
    ),
    "privacy": (get("/privacy/", EVERYONE),),
    # Erasing Lena's account: admins only; for anyone else there is no such page.
    "privacy-account-erase": (
        get(
            "/privacy/accounts/{learner_user}/erase/",
            expect(404, anonymous=LOGIN, admin=200),
        ),
        post(
            "/privacy/accounts/{learner_user}/erase/",
            expect(404, anonymous=LOGIN, admin=200),
            label="empty form",
        ),
    ),
}


@dataclass(frozen=True)
class Include:
    """A third-party include covered as a whole by a few representative URLs."""

    why: str
    probes: tuple[Probe, ...] = field(default_factory=tuple)


# Wagtail's admin: the dashboard needs `wagtailadmin.access_admin` (trainers and
# admins); the rest keep Wagtail's own model permissions.
ADMIN_AREA = expect(ADMIN_LOGIN, trainer=200, admin=200)

INCLUDES: dict[str, Include] = {
    "admin/": Include(
        "Wagtail's admin (hundreds of routes, each guarded by Wagtail itself)",
        (
            get("/admin/", ADMIN_AREA, label="dashboard"),
            # The explorer opens at the part of the tree one may edit.
            get(
                "/admin/pages/",
                expect(ADMIN_LOGIN, trainer=Redirect("/admin/pages/"), admin=200),
                label="page explorer",
            ),
            # Trainers may not manage accounts: Wagtail sends them to the dashboard.
            get(
                "/admin/users/",
                expect(ADMIN_LOGIN, trainer=Redirect("/admin/"), admin=200),
                label="users",
            ),
        ),
    ),
    "documents/": Include(
        "Wagtail's document serving; lesson documents are for logged-in staff",
        (get("{document_url}", LOGGED_IN, label="a lesson's document"),),
    ),
    "courses/": Include(
        "Wagtail's page serving: the catalogue, courses, modules and lessons",
        PAGE_SERVING,
    ),
    "i18n/": Include(
        "Django's set_language: anyone may choose a language",
        (
            post(
                "/i18n/setlang/",
                expect(Redirect("/")),
                data={"language": "da", "next": "/"},
                label="set_language",
            ),
        ),
    ),
}
