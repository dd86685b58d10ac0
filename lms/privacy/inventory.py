"""Every place the platform keeps something about a person, in one list.

`CATEGORIES` is what a learner sees at /my/data/ and downloads as one JSON
file each; `NOT_EXPORTED` names every link to the user model that is
deliberately left out of the export, with the reason; `ERASURE` says for every
link what erasure does with it. tests/privacy/test_inventory.py walks all
installed models and fails for a foreign key to the user model that is missing
from these lists, so a new model cannot be forgotten.

The keys of the items are part of the export's documented format (each JSON
file carries them under "fields"): rename one only with a note in the README."""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from courses.models import ActivityAttempt, Enrolment, LessonProgress
from lms.activities.models import (
    CardNote,
    CaseReflection,
    CaseResponse,
    H5PAttempt,
    H5PUserData,
    QuizAttempt,
    TeamSession,
    XAPIStatement,
)
from lms.audit.models import AuditEvent
from lms.competencies.models import (
    CompetencyState,
    Evidence,
    EvidenceSource,
    TargetStatus,
)
from lms.reports.models import AuditEntry, ReminderLog
from lms.sync.models import SyncItem

# `user` below is a user instance or OuterRef("pk") (counted in one query).
Rows = Callable[[object], QuerySet]


@dataclass(frozen=True)
class Category:
    key: str
    title: Promise
    description: Promise
    rows: Rows
    fields: dict[str, Promise]
    #: "app_label.Model.field" links to the user model this category exports.
    links: tuple[str, ...] = ()
    #: Only where the app is installed (e.g. django-axes).
    requires_app: str = ""

    @property
    def filename(self) -> str:
        return f"{self.key}.json"

    def available(self) -> bool:
        return not self.requires_app or apps.is_installed(self.requires_app)


def _user_model_rows(user):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=user)


def _axes_log_rows(user):
    from axes.models import AccessLog
    from django.contrib.auth import get_user_model
    from django.db.models import OuterRef, Subquery

    if isinstance(user, OuterRef):
        username = OuterRef("username")
    else:
        username = Subquery(
            get_user_model().objects.filter(pk=user).values("username")[:1]
        )
    return AccessLog.objects.filter(username=username)


WHEN = _("when (ISO 8601 date and time)")

CATEGORIES: list[Category] = [
    Category(
        key="profile",
        title=_("Your account and staff profile"),
        description=_(
            "Your name, email address and user name, where you work (unit, "
            "paid staff or volunteer, job role), your language, your roles, "
            "the units you look after (HR, managers) and the courses you run "
            "as a trainer."
        ),
        rows=_user_model_rows,
        fields={
            "username": _("user name"),
            "first_name": _("first name"),
            "last_name": _("last name"),
            "email": _("email address"),
            "date_joined": _("account created"),
            "last_login": _("last login"),
            "is_active": _("account active"),
            "roles": _("roles"),
            "unit": _("organisation unit, from the top down"),
            "staff_type": _("paid staff or volunteer"),
            "job_role": _("job role"),
            "preferred_language": _("language"),
            "managed_units": _("units you look after (HR, managers)"),
            "facilitator_since": _("allowed to lead team sessions since"),
            "courses_as_trainer": _("courses you run as a trainer"),
            "admin_preferences": _("settings in the authoring area"),
        },
        links=(
            "people.StaffProfile.user",
            "activities.FacilitatorGrant.user",
            "courses.CoursePage.trainers",
            "wagtailusers.UserProfile.user",
        ),
    ),
    Category(
        key="enrolments",
        title=_("Courses you are enrolled in"),
        description=_(
            "Each course you take: how you came to it (yourself, assigned by "
            "HR), its due date, when you enrolled and when you completed it."
        ),
        rows=lambda user: Enrolment.objects.filter(user=user),
        fields={
            "course": _("course"),
            "source": _("how you were enrolled"),
            "due_date": _("due date of the assignment"),
            "enrolled_at": WHEN,
            "completed_at": _("completed (ISO 8601), empty while open"),
        },
        links=("courses.Enrolment.user",),
    ),
    Category(
        key="lesson_progress",
        title=_("Progress in lessons"),
        description=_(
            "For each lesson you opened: how far you got, your first and last "
            "visit and when you completed it."
        ),
        rows=lambda user: LessonProgress.objects.filter(user=user),
        fields={
            "lesson": _("lesson"),
            "progress": _("progress from 0 to 1"),
            "first_visited_at": _("first visit"),
            "last_visited_at": _("last visit"),
            "completed_at": _("completed"),
        },
        links=("courses.LessonProgress.user",),
    ),
    Category(
        key="activity_attempts",
        title=_("Activities done"),
        description=_("Each time you did an activity in a lesson (e.g. confirmed)."),
        rows=lambda user: ActivityAttempt.objects.filter(user=user),
        fields={
            "lesson": _("lesson"),
            "activity": _("activity (its id in the lesson)"),
            "completed": _("done"),
            "created_at": WHEN,
        },
        links=("courses.ActivityAttempt.user",),
    ),
    Category(
        key="quiz_attempts",
        title=_("Quiz attempts"),
        description=_("Each quiz you submitted, with your score and your answers."),
        rows=lambda user: QuizAttempt.objects.filter(user=user),
        fields={
            "lesson": _("lesson"),
            "quiz": _("quiz (its id in the lesson)"),
            "points": _("points"),
            "max_points": _("maximum points"),
            "score": _("score from 0 to 1"),
            "passed": _("passed"),
            "submitted_at": WHEN,
            "answers": _("answers: question and chosen option (ids in the lesson)"),
        },
        links=("activities.QuizAttempt.user",),
    ),
    Category(
        key="case_responses",
        title=_("Case studies: your choices"),
        description=_(
            "The option you chose in each case study, your own answer where "
            "you chose “other”, and whether you share your reflections "
            "anonymously with the trainer."
        ),
        rows=lambda user: CaseResponse.objects.filter(user=user),
        fields={
            "lesson": _("lesson"),
            "case": _("case study"),
            "option": _("chosen option (its id in the case, or “other”)"),
            "other_text": _("your own answer"),
            "share_reflections": _("reflections shared anonymously"),
            "created_at": WHEN,
            "updated_at": _("last changed"),
        },
        links=("activities.CaseResponse.user",),
    ),
    Category(
        key="case_reflections",
        title=_("Case studies: your reflections"),
        description=_("What you wrote about the reflection questions of case studies."),
        rows=lambda user: CaseReflection.objects.filter(response__user=user),
        fields={
            "lesson": _("lesson"),
            "case": _("case study"),
            "question": _("question (its id in the case)"),
            "text": _("your reflection"),
            "updated_at": _("last changed"),
        },
    ),
    Category(
        key="card_notes",
        title=_("Notes on dialogue cards"),
        description=_("Your private notes on the cards of dialogue decks."),
        rows=lambda user: CardNote.objects.filter(user=user),
        fields={
            "deck": _("deck"),
            "card": _("card (its id in the deck)"),
            "text": _("your note"),
            "updated_at": _("last changed"),
        },
        links=("activities.CardNote.user",),
    ),
    Category(
        key="team_sessions",
        title=_("Team sessions"),
        description=_(
            "Team sessions with dialogue cards you took part in or led. The "
            "other participants are not listed: that is their data."
        ),
        rows=lambda user: TeamSession.objects.filter(
            Q(participants=user) | Q(facilitator=user)
        ),
        fields={
            "lesson": _("lesson"),
            "deck": _("deck"),
            "team": _("team"),
            "role": _("participant or facilitator"),
            "started_at": WHEN,
            "ended_at": _("ended"),
        },
        links=(
            "activities.TeamSession.participants",
            "activities.TeamSession.facilitator",
        ),
    ),
    Category(
        key="h5p_attempts",
        title=_("Interactive exercises (H5P): results"),
        description=_("Your score in each interactive exercise you completed."),
        rows=lambda user: H5PAttempt.objects.filter(user=user),
        fields={
            "lesson": _("lesson"),
            "exercise": _("exercise"),
            "raw_score": _("points"),
            "max_score": _("maximum points"),
            "scaled_score": _("score from 0 to 1"),
            "success": _("passed"),
            "completion": _("completed"),
            "created_at": WHEN,
        },
        links=("activities.H5PAttempt.user",),
    ),
    Category(
        key="h5p_saved_state",
        title=_("Interactive exercises (H5P): saved state"),
        description=_(
            "What an exercise saved so that you can continue where you left off."
        ),
        rows=lambda user: H5PUserData.objects.filter(user=user),
        fields={
            "lesson": _("lesson"),
            "activity": _("exercise (its id in the lesson)"),
            "data_type": _("kind of data"),
            "sub_content": _("part of the exercise"),
            "data": _("saved data, as the exercise wrote it"),
            "updated_at": _("last changed"),
        },
        links=("activities.H5PUserData.user",),
    ),
    Category(
        key="xapi_statements",
        title=_("Interactive exercises (H5P): statements"),
        description=_(
            "What the exercises reported about your answers (xAPI statements), "
            "as your browser sent them."
        ),
        rows=lambda user: XAPIStatement.objects.filter(user=user),
        fields={
            "statement_id": _("statement id"),
            "lesson": _("lesson"),
            "exercise": _("exercise"),
            "verb": _("what happened"),
            "stored_at": WHEN,
            "statement": _("the statement as sent"),
        },
        links=("activities.XAPIStatement.user",),
    ),
    Category(
        key="evidence",
        title=_("Evidence of competences"),
        description=_(
            "What shows your competences: completed learning, passed "
            "activities, ratings by trainers or managers, recognised prior "
            "learning. Who recorded it is given by role, not by name."
        ),
        rows=lambda user: Evidence.objects.filter(user=user).exclude(
            source=EvidenceSource.SELF
        ),
        fields={
            "competency": _("competency"),
            "framework": _("framework"),
            "level": _("level"),
            "source": _("kind of evidence"),
            "status": _("status"),
            "recorded_by": _("recorded by (role)"),
            "recorded_at": WHEN,
            "note": _("note"),
            "document": _("attached document (in the folder “documents”)"),
            "learning": _("the learning it came from"),
            "expires_at": _("expires"),
        },
        links=("competencies.Evidence.user",),
    ),
    Category(
        key="self_assessments",
        title=_("Self-assessments"),
        description=_("How you assessed yourself, answer by answer."),
        rows=lambda user: Evidence.objects.filter(
            user=user, source=EvidenceSource.SELF
        ),
        fields={
            "competency": _("competency"),
            "framework": _("framework"),
            "level": _("level you gave yourself (0 = not yet)"),
            "recorded_at": WHEN,
        },
    ),
    Category(
        key="competence_states",
        title=_("Your competence levels"),
        description=_(
            "Your current level per competency as the platform derives it from "
            "the evidence, and your latest self-assessment beside it."
        ),
        rows=lambda user: CompetencyState.objects.filter(user=user),
        fields={
            "competency": _("competency"),
            "framework": _("framework"),
            "level": _("level"),
            "achieved": _("achieved"),
            "expired_level": _("level that expired (recertification due)"),
            "valid_until": _("valid until"),
            "self_level": _("your self-assessment"),
            "self_assessed_at": _("self-assessed"),
            "updated_at": _("last computed"),
        },
        links=("competencies.CompetencyState.user",),
    ),
    Category(
        key="targets",
        title=_("Competence targets for you"),
        description=_(
            "The levels your organisation expects of you and whether you meet "
            "them; reports count these."
        ),
        rows=lambda user: TargetStatus.objects.filter(user=user),
        fields={
            "competency": _("competency"),
            "framework": _("framework"),
            "required_level": _("required level"),
            "level": _("your level"),
            "meets": _("target met"),
            "valid_until": _("valid until"),
        },
        links=("competencies.TargetStatus.user",),
    ),
    Category(
        key="sync_items",
        title=_("Sent from offline use"),
        description=_(
            "What your device sent after working offline, as it was sent "
            "(the content is removed after a while, see the privacy page)."
        ),
        rows=lambda user: SyncItem.objects.filter(user=user),
        fields={
            "id": _("item id"),
            "type": _("kind"),
            "occurred_at": _("when you acted, by your device"),
            "received_at": _("when it arrived"),
            "status": _("stored or rejected"),
            "error": _("reason for rejection"),
            "data": _("content as sent (empty once removed)"),
        },
        links=("sync.SyncItem.user",),
    ),
    Category(
        key="reminders",
        title=_("Reminders you received"),
        description=_("Emails reminding you of a mandatory course."),
        rows=lambda user: ReminderLog.objects.filter(user=user),
        fields={
            "course": _("course"),
            "sent_at": WHEN,
            "sent_by": _("sent by (role)"),
        },
        links=("reports.ReminderLog.user",),
    ),
    Category(
        key="report_views",
        title=_("Who looked at your record"),
        description=_(
            "Each time someone opened or downloaded your individual competence "
            "record, or sent you a reminder: when, which report and the role "
            "of the person (HR, manager, administrator), not their name. Lists "
            "of many people (matrix, compliance) are logged without naming "
            "each person."
        ),
        rows=lambda user: AuditEntry.objects.filter(subject=user),
        fields={
            "at": WHEN,
            "report": _("report"),
            "output": _("page or download format"),
            "viewer": _("viewed by (role)"),
        },
        links=("reports.AuditEntry.subject",),
    ),
    Category(
        key="reports_opened",
        title=_("Reports you opened"),
        description=_("The reports you opened or downloaded yourself."),
        rows=lambda user: AuditEntry.objects.filter(actor=user),
        fields={
            "at": WHEN,
            "report": _("report"),
            "output": _("page or download format"),
            "people_count": _("number of people in it"),
        },
        links=("reports.AuditEntry.actor",),
    ),
    Category(
        key="security_events",
        title=_("Security log"),
        description=_(
            "Logins, logouts, failed logins with your user name, changes of your "
            "roles, downloads of your data."
        ),
        rows=lambda user: AuditEvent.objects.filter(Q(actor=user) | Q(subject=user)),
        fields={
            "at": WHEN,
            "action": _("what happened (code)"),
            "description": _("what happened"),
            "by": _("done by (you, a role, or the system)"),
            "details": _("details"),
        },
        links=("audit.AuditEvent.actor", "audit.AuditEvent.subject"),
    ),
    Category(
        key="login_records",
        title=_("Login records"),
        description=_(
            "The logins recorded by the login protection: when, from which "
            "address and browser."
        ),
        rows=_axes_log_rows,
        fields={
            "at": WHEN,
            "ip_address": _("IP address"),
            "user_agent": _("browser"),
            "logout_at": _("logged out"),
        },
        requires_app="axes",
    ),
]


def categories() -> list[Category]:
    return [category for category in CATEGORIES if category.available()]


def exported_links() -> set[str]:
    return {link for category in CATEGORIES for link in category.links}


_AUTHORING = _(
    "Work done in a role (authoring, uploading, editing content in the admin); "
    "it belongs to the organisation's content, not to the person's learning "
    "record. The link stays, to the pseudonymised account after erasure."
)
_ABOUT_OTHERS = _(
    "Records a person made about other people in their role (ratings, "
    "reminders, grants, targets, assignments, invitations): they are the other "
    "people's data or the organisation's settings."
)
_CREDENTIAL = _("A secret credential: exporting it would hand out a key.")
_TRANSIENT = _("Transient state of the admin's editor, not kept as a record.")

#: Links to the user model that the export leaves out, and why.
NOT_EXPORTED: dict[str, Promise] = {
    "people.Invitation.created_by": _ABOUT_OTHERS,
    "activities.FacilitatorGrant.granted_by": _ABOUT_OTHERS,
    "competencies.Evidence.recorded_by": _ABOUT_OTHERS,
    "competencies.CompetencyTarget.created_by": _ABOUT_OTHERS,
    "courses.CourseAssignment.created_by": _ABOUT_OTHERS,
    "reports.ReminderLog.sent_by": _ABOUT_OTHERS,
    "content.H5PLibrary.installed_by": _AUTHORING,
    "content.H5PPackage.uploaded_by": _AUTHORING,
    "wagtaildocs.Document.uploaded_by_user": _AUTHORING,
    "wagtailimages.Image.uploaded_by_user": _AUTHORING,
    "wagtailcore.UploadedFile.uploaded_by_user": _AUTHORING,
    "wagtailcore.Page.owner": _AUTHORING,
    "wagtailcore.Page.locked_by": _AUTHORING,
    "wagtailcore.Revision.user": _AUTHORING,
    "wagtailcore.ModelLogEntry.user": _AUTHORING,
    "wagtailcore.PageLogEntry.user": _AUTHORING,
    "wagtailcore.WorkflowState.requested_by": _AUTHORING,
    "wagtailcore.TaskState.finished_by": _AUTHORING,
    "wagtailcore.Comment.user": _AUTHORING,
    "wagtailcore.Comment.resolved_by": _AUTHORING,
    "wagtailcore.CommentReply.user": _AUTHORING,
    "wagtailcore.PageSubscription.user": _AUTHORING,
    "admin.LogEntry.user": _(
        "Django's own admin is not served by the platform; the table stays empty."
    ),
    "wagtailadmin.EditingSession.user": _TRANSIENT,
    "wagtailadmin.FormState.user": _TRANSIENT,
    "wagtailcore.APIToken.user": _CREDENTIAL,
    "otp_totp.TOTPDevice.user": _CREDENTIAL,
    "otp_static.StaticDevice.user": _CREDENTIAL,
    "otp_email.EmailDevice.user": _CREDENTIAL,
    "otp_hotp.HOTPDevice.user": _CREDENTIAL,
    "privacy.ErasedAccount.user": _(
        "Exists only for erased accounts, which can no longer log in."
    ),
}


class Erase(StrEnum):
    DELETE = "delete"  # the rows go
    SCRUB = "scrub"  # the row stays, its personal texts are removed
    KEEP = "keep"  # the row stays, linked to the pseudonymised account


#: What account_erase does with each link to the user model (see services).
ERASURE: dict[str, Erase] = {
    "people.StaffProfile.user": Erase.KEEP,
    "people.Invitation.created_by": Erase.KEEP,
    "audit.AuditEvent.actor": Erase.KEEP,
    "audit.AuditEvent.subject": Erase.KEEP,
    "activities.CaseResponse.user": Erase.SCRUB,
    "activities.CardNote.user": Erase.DELETE,
    "activities.FacilitatorGrant.user": Erase.DELETE,
    "activities.FacilitatorGrant.granted_by": Erase.KEEP,
    "activities.TeamSession.participants": Erase.KEEP,
    "activities.TeamSession.facilitator": Erase.KEEP,
    "activities.XAPIStatement.user": Erase.SCRUB,
    "activities.H5PAttempt.user": Erase.KEEP,
    "activities.H5PUserData.user": Erase.DELETE,
    "activities.QuizAttempt.user": Erase.KEEP,
    "competencies.Evidence.user": Erase.SCRUB,
    "competencies.Evidence.recorded_by": Erase.KEEP,
    "competencies.CompetencyState.user": Erase.SCRUB,
    "competencies.CompetencyTarget.created_by": Erase.KEEP,
    "competencies.TargetStatus.user": Erase.KEEP,
    "reports.AuditEntry.actor": Erase.SCRUB,
    "reports.AuditEntry.subject": Erase.KEEP,
    "reports.ReminderLog.user": Erase.DELETE,
    "reports.ReminderLog.sent_by": Erase.KEEP,
    "sync.SyncItem.user": Erase.SCRUB,
    "content.H5PLibrary.installed_by": Erase.KEEP,
    "content.H5PPackage.uploaded_by": Erase.KEEP,
    "courses.CoursePage.trainers": Erase.DELETE,
    "courses.CourseAssignment.created_by": Erase.KEEP,
    "courses.Enrolment.user": Erase.KEEP,
    "courses.LessonProgress.user": Erase.KEEP,
    "courses.ActivityAttempt.user": Erase.KEEP,
    "wagtailusers.UserProfile.user": Erase.DELETE,
    "wagtaildocs.Document.uploaded_by_user": Erase.KEEP,
    "wagtailimages.Image.uploaded_by_user": Erase.KEEP,
    "wagtailcore.UploadedFile.uploaded_by_user": Erase.KEEP,
    "wagtailcore.Page.owner": Erase.KEEP,
    "wagtailcore.Page.locked_by": Erase.KEEP,
    "wagtailcore.Revision.user": Erase.KEEP,
    "wagtailcore.ModelLogEntry.user": Erase.SCRUB,
    "wagtailcore.PageLogEntry.user": Erase.KEEP,
    "wagtailcore.WorkflowState.requested_by": Erase.KEEP,
    "wagtailcore.TaskState.finished_by": Erase.KEEP,
    "wagtailcore.Comment.user": Erase.KEEP,
    "wagtailcore.Comment.resolved_by": Erase.KEEP,
    "wagtailcore.CommentReply.user": Erase.KEEP,
    "wagtailcore.PageSubscription.user": Erase.DELETE,
    "wagtailadmin.EditingSession.user": Erase.DELETE,
    "wagtailadmin.FormState.user": Erase.DELETE,
    "wagtailcore.APIToken.user": Erase.DELETE,
    "admin.LogEntry.user": Erase.KEEP,
    "otp_totp.TOTPDevice.user": Erase.DELETE,
    "otp_static.StaticDevice.user": Erase.DELETE,
    "otp_email.EmailDevice.user": Erase.DELETE,
    "otp_hotp.HOTPDevice.user": Erase.DELETE,
    "privacy.ErasedAccount.user": Erase.KEEP,
}
