"""Everything about one person as a ZIP: one JSON file per category of
`inventory.CATEGORIES`, the documents they uploaded, and an index.html that
reads without the platform (no external assets, in the person's language).

Each JSON file is `{"category", "title", "description", "generated_at",
"fields": {key: meaning}, "count", "items": [...]}`; datetimes are ISO 8601
with their offset. Other people appear only by role ("HR", "Administrator"),
never by name: a learner sees *that* and *when* their record was viewed and
which report, which is what GDPR Art. 15(1)(c) asks ("recipients or
categories of recipients"); the names stay in the admins' audit log."""

import io
import json
import posixpath
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import ActivityAttempt, Enrolment, EnrolmentSource, LessonProgress
from lms.activities.models import (
    CardNote,
    CaseReflection,
    CaseResponse,
    H5PAttempt,
    H5PUserData,
    QuizAnswer,
    QuizAttempt,
    TeamSession,
    XAPIStatement,
)
from lms.audit.models import AuditAction, AuditEvent
from lms.competencies.models import (
    CompetencyState,
    Evidence,
    EvidenceSource,
    EvidenceStatus,
    TargetStatus,
)
from lms.competencies.storage import private_storage
from lms.people.models import Role, StaffProfile, StaffType
from lms.reports.models import AuditEntry, ReminderLog, ReportKind
from lms.sync.models import SyncItem, SyncStatus

from .inventory import Category, categories

Item = dict[str, object]


def iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    return value.isoformat()


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


def _competency(row: dict, prefix: str = "competency__") -> str:
    code, name = row[f"{prefix}code"], row[f"{prefix}short_name"]
    return f"{code} {name}" if code else name


# --- other people, by role ----------------------------------------------------

ROLE_ORDER = (Role.ADMIN, Role.HR, Role.MANAGER, Role.TRAINER)


def roles_of(ids: Iterable[int | None], me: AbstractBaseUser) -> dict:
    """Who did something, as a role: "you", "HR", "Administrator", … (one
    query for all of them). The role is the one the person holds today."""
    others = {pk for pk in ids if pk is not None and pk != me.pk}
    labels: dict = {None: _("the system"), me.pk: _("you")}
    if not others:
        return labels
    users = get_user_model().objects.filter(pk__in=others).prefetch_related("groups")
    for other in users:
        names = {group.name for group in other.groups.all()}
        if other.is_superuser:
            labels[other.pk] = str(Role.ADMIN.label)
            continue
        role = next((r for r in ROLE_ORDER if r.value in names), None)
        labels[other.pk] = str(role.label) if role else _("a member of staff")
    return labels


def role_label(labels: dict, pk) -> str:
    return labels.get(pk) or _("a former member of staff")


# --- the items of each category ------------------------------------------------


def _profile(user: AbstractBaseUser) -> list[Item]:
    profile = (
        StaffProfile.objects.filter(user=user)
        .select_related("unit", "job_role")
        .prefetch_related("managed_units")
        .first()
    )
    grant = getattr(user, "facilitator", None)
    try:
        from wagtail.users.models import UserProfile

        admin_profile = UserProfile.objects.filter(user=user).first()
    except LookupError:  # pragma: no cover - wagtail.users is installed
        admin_profile = None
    unit = ""
    if profile is not None:
        ancestors = [*profile.unit.get_ancestors(), profile.unit]
        unit = " / ".join(u.name for u in ancestors)
    return [
        {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "is_active": user.is_active,
            "roles": sorted(g.name for g in user.groups.all()),
            "unit": unit,
            "staff_type": _label(StaffType, profile.staff_type) if profile else "",
            "job_role": profile.job_role.name if profile and profile.job_role else "",
            "preferred_language": profile.preferred_language if profile else "",
            "managed_units": (
                sorted(u.name for u in profile.managed_units.all()) if profile else []
            ),
            "facilitator_since": iso(grant.granted_at) if grant else None,
            "courses_as_trainer": sorted(
                user.courses_run.values_list("title", flat=True)
            ),
            "admin_preferences": (
                {
                    "language": admin_profile.preferred_language,
                    "time_zone": admin_profile.current_time_zone,
                    "avatar": bool(admin_profile.avatar),
                }
                if admin_profile
                else {}
            ),
        }
    ]


def _enrolments(user) -> list[Item]:
    rows = (
        Enrolment.objects.filter(user=user)
        .order_by("enrolled_at", "pk")
        .values(
            "course__title",
            "source",
            "assignment__due_date",
            "enrolled_at",
            "completed_at",
        )
    )
    return [
        {
            "course": row["course__title"],
            "source": _label(EnrolmentSource, row["source"]),
            "due_date": iso(row["assignment__due_date"]),
            "enrolled_at": iso(row["enrolled_at"]),
            "completed_at": iso(row["completed_at"]),
        }
        for row in rows
    ]


def _lesson_progress(user) -> list[Item]:
    rows = (
        LessonProgress.objects.filter(user=user)
        .order_by("first_visited_at", "pk")
        .values(
            "lesson__title",
            "progress",
            "first_visited_at",
            "last_visited_at",
            "completed_at",
        )
    )
    return [
        {
            "lesson": row["lesson__title"],
            "progress": row["progress"],
            "first_visited_at": iso(row["first_visited_at"]),
            "last_visited_at": iso(row["last_visited_at"]),
            "completed_at": iso(row["completed_at"]),
        }
        for row in rows
    ]


def _activity_attempts(user) -> list[Item]:
    rows = (
        ActivityAttempt.objects.filter(user=user)
        .order_by("created_at", "pk")
        .values("lesson__title", "block_id", "completed", "created_at")
    )
    return [
        {
            "lesson": row["lesson__title"],
            "activity": row["block_id"],
            "completed": row["completed"],
            "created_at": iso(row["created_at"]),
        }
        for row in rows
    ]


def _quiz_attempts(user) -> list[Item]:
    attempts = list(
        QuizAttempt.objects.filter(user=user)
        .order_by("submitted_at", "pk")
        .values(
            "pk",
            "page__title",
            "block_id",
            "points",
            "max_points",
            "score",
            "passed",
            "submitted_at",
        )
    )
    answers: dict[int, list] = {}
    for answer in (
        QuizAnswer.objects.filter(attempt__user=user)
        .order_by("pk")
        .values("attempt_id", "question_id", "option_id")
    ):
        answers.setdefault(answer["attempt_id"], []).append(
            {"question": answer["question_id"], "option": answer["option_id"]}
        )
    return [
        {
            "lesson": row["page__title"],
            "quiz": row["block_id"],
            "points": row["points"],
            "max_points": row["max_points"],
            "score": row["score"],
            "passed": row["passed"],
            "submitted_at": iso(row["submitted_at"]),
            "answers": answers.get(row["pk"], []),
        }
        for row in attempts
    ]


def _case_responses(user) -> list[Item]:
    rows = (
        CaseResponse.objects.filter(user=user)
        .order_by("created_at", "pk")
        .values(
            "page__title",
            "case__title",
            "option_id",
            "other_text",
            "share_reflections",
            "created_at",
            "updated_at",
        )
    )
    return [
        {
            "lesson": row["page__title"],
            "case": row["case__title"],
            "option": row["option_id"],
            "other_text": row["other_text"],
            "share_reflections": row["share_reflections"],
            "created_at": iso(row["created_at"]),
            "updated_at": iso(row["updated_at"]),
        }
        for row in rows
    ]


def _case_reflections(user) -> list[Item]:
    rows = (
        CaseReflection.objects.filter(response__user=user)
        .order_by("response__created_at", "pk")
        .values(
            "response__page__title",
            "response__case__title",
            "question_id",
            "text",
            "updated_at",
        )
    )
    return [
        {
            "lesson": row["response__page__title"],
            "case": row["response__case__title"],
            "question": row["question_id"],
            "text": row["text"],
            "updated_at": iso(row["updated_at"]),
        }
        for row in rows
    ]


def _card_notes(user) -> list[Item]:
    rows = (
        CardNote.objects.filter(user=user)
        .order_by("updated_at", "pk")
        .values("deck__title", "card_id", "text", "updated_at")
    )
    return [
        {
            "deck": row["deck__title"],
            "card": row["card_id"],
            "text": row["text"],
            "updated_at": iso(row["updated_at"]),
        }
        for row in rows
    ]


def _team_sessions(user) -> list[Item]:
    rows = (
        TeamSession.objects.filter(Q(participants=user) | Q(facilitator=user))
        .distinct()
        .order_by("started_at", "pk")
        .values(
            "page__title",
            "deck__title",
            "team_name",
            "facilitator_id",
            "started_at",
            "ended_at",
        )
    )
    return [
        {
            "lesson": row["page__title"],
            "deck": row["deck__title"],
            "team": row["team_name"],
            "role": _("facilitator")
            if row["facilitator_id"] == user.pk
            else _("participant"),
            "started_at": iso(row["started_at"]),
            "ended_at": iso(row["ended_at"]),
        }
        for row in rows
    ]


def _h5p_attempts(user) -> list[Item]:
    rows = (
        H5PAttempt.objects.filter(user=user)
        .order_by("created_at", "pk")
        .values(
            "page__title",
            "package__title",
            "raw_score",
            "max_score",
            "scaled_score",
            "success",
            "completion",
            "created_at",
        )
    )
    return [
        {
            "lesson": row["page__title"],
            "exercise": row["package__title"],
            "raw_score": row["raw_score"],
            "max_score": row["max_score"],
            "scaled_score": row["scaled_score"],
            "success": row["success"],
            "completion": row["completion"],
            "created_at": iso(row["created_at"]),
        }
        for row in rows
    ]


def _h5p_saved_state(user) -> list[Item]:
    rows = (
        H5PUserData.objects.filter(user=user)
        .order_by("updated_at", "pk")
        .values(
            "page__title",
            "block_id",
            "data_type",
            "sub_content_id",
            "data",
            "updated_at",
        )
    )
    return [
        {
            "lesson": row["page__title"],
            "activity": row["block_id"],
            "data_type": row["data_type"],
            "sub_content": row["sub_content_id"],
            "data": row["data"],
            "updated_at": iso(row["updated_at"]),
        }
        for row in rows
    ]


def _xapi_statements(user) -> list[Item]:
    rows = (
        XAPIStatement.objects.filter(user=user)
        .order_by("stored_at", "pk")
        .values(
            "statement_id", "page__title", "package__title", "verb", "stored_at", "raw"
        )
    )
    return [
        {
            "statement_id": str(row["statement_id"]),
            "lesson": row["page__title"],
            "exercise": row["package__title"],
            "verb": row["verb"],
            "stored_at": iso(row["stored_at"]),
            "statement": row["raw"],
        }
        for row in rows
    ]


EVIDENCE_VALUES = (
    "pk",
    "competency__code",
    "competency__short_name",
    "competency__framework__name",
    "level",
    "source",
    "status",
    "recorded_by_id",
    "recorded_at",
    "note",
    "document",
    "page__title",
    "expires_at",
)


def document_name(pk: int, path: str) -> str:
    return f"documents/{pk}-{posixpath.basename(path)}"


def _evidence(user) -> list[Item]:
    rows = list(
        Evidence.objects.filter(user=user)
        .exclude(source=EvidenceSource.SELF)
        .order_by("recorded_at", "pk")
        .values(*EVIDENCE_VALUES)
    )
    labels = roles_of((row["recorded_by_id"] for row in rows), user)
    return [
        {
            "competency": _competency(row),
            "framework": row["competency__framework__name"],
            "level": row["level"],
            "source": _label(EvidenceSource, row["source"]),
            "status": _label(EvidenceStatus, row["status"]),
            "recorded_by": role_label(labels, row["recorded_by_id"]),
            "recorded_at": iso(row["recorded_at"]),
            "note": row["note"],
            "document": document_name(row["pk"], row["document"])
            if row["document"]
            else "",
            "learning": row["page__title"] or "",
            "expires_at": iso(row["expires_at"]),
        }
        for row in rows
    ]


def _self_assessments(user) -> list[Item]:
    rows = (
        Evidence.objects.filter(user=user, source=EvidenceSource.SELF)
        .order_by("recorded_at", "pk")
        .values(*EVIDENCE_VALUES)
    )
    return [
        {
            "competency": _competency(row),
            "framework": row["competency__framework__name"],
            "level": row["level"],
            "recorded_at": iso(row["recorded_at"]),
        }
        for row in rows
    ]


def _competence_states(user) -> list[Item]:
    rows = (
        CompetencyState.objects.filter(user=user)
        .order_by("competency__framework__name", "competency__sort_order", "pk")
        .values(
            "competency__code",
            "competency__short_name",
            "competency__framework__name",
            "level",
            "achieved",
            "expired_level",
            "valid_until",
            "self_level",
            "self_assessed_at",
            "updated_at",
        )
    )
    return [
        {
            "competency": _competency(row),
            "framework": row["competency__framework__name"],
            "level": row["level"],
            "achieved": row["achieved"],
            "expired_level": row["expired_level"],
            "valid_until": iso(row["valid_until"]),
            "self_level": row["self_level"],
            "self_assessed_at": iso(row["self_assessed_at"]),
            "updated_at": iso(row["updated_at"]),
        }
        for row in rows
    ]


def _targets(user) -> list[Item]:
    rows = (
        TargetStatus.objects.filter(user=user)
        .order_by("competency__framework__name", "competency__sort_order", "pk")
        .values(
            "competency__code",
            "competency__short_name",
            "competency__framework__name",
            "required_level",
            "level",
            "meets",
            "valid_until",
        )
    )
    return [
        {
            "competency": _competency(row),
            "framework": row["competency__framework__name"],
            "required_level": row["required_level"],
            "level": row["level"],
            "meets": row["meets"],
            "valid_until": iso(row["valid_until"]),
        }
        for row in rows
    ]


def _sync_items(user) -> list[Item]:
    rows = (
        SyncItem.objects.filter(user=user)
        .order_by("received_at", "occurred_at")
        .values("id", "type", "occurred_at", "received_at", "status", "error", "data")
    )
    return [
        {
            "id": str(row["id"]),
            "type": row["type"],
            "occurred_at": iso(row["occurred_at"]),
            "received_at": iso(row["received_at"]),
            "status": _label(SyncStatus, row["status"]),
            "error": row["error"],
            "data": row["data"],
        }
        for row in rows
    ]


def _reminders(user) -> list[Item]:
    rows = list(
        ReminderLog.objects.filter(user=user)
        .order_by("sent_at", "pk")
        .values("course__title", "sent_at", "sent_by_id")
    )
    labels = roles_of((row["sent_by_id"] for row in rows), user)
    return [
        {
            "course": row["course__title"],
            "sent_at": iso(row["sent_at"]),
            "sent_by": role_label(labels, row["sent_by_id"]),
        }
        for row in rows
    ]


def _report_views(user) -> list[Item]:
    rows = list(
        AuditEntry.objects.filter(subject=user)
        .order_by("at", "pk")
        .values("at", "report", "output", "actor_id")
    )
    labels = roles_of((row["actor_id"] for row in rows), user)
    return [
        {
            "at": iso(row["at"]),
            "report": _label(ReportKind, row["report"]),
            "output": row["output"],
            "viewer": role_label(labels, row["actor_id"]),
        }
        for row in rows
    ]


def _reports_opened(user) -> list[Item]:
    rows = (
        AuditEntry.objects.filter(actor=user)
        .order_by("at", "pk")
        .values("at", "report", "output", "people_count")
    )
    return [
        {
            "at": iso(row["at"]),
            "report": _label(ReportKind, row["report"]),
            "output": row["output"],
            "people_count": row["people_count"],
        }
        for row in rows
    ]


def _security_events(user) -> list[Item]:
    rows = list(
        AuditEvent.objects.filter(Q(actor=user) | Q(subject=user))
        .order_by("at", "pk")
        .values("at", "action", "actor_id", "details")
    )
    labels = roles_of((row["actor_id"] for row in rows), user)
    return [
        {
            "at": iso(row["at"]),
            "action": row["action"],
            "description": _label(AuditAction, row["action"]),
            "by": role_label(labels, row["actor_id"]),
            "details": row["details"],
        }
        for row in rows
    ]


def _login_records(user) -> list[Item]:
    from axes.models import AccessLog

    rows = (
        AccessLog.objects.filter(username=user.get_username())
        .order_by("attempt_time", "pk")
        .values("attempt_time", "ip_address", "user_agent", "logout_time")
    )
    return [
        {
            "at": iso(row["attempt_time"]),
            "ip_address": row["ip_address"],
            "user_agent": row["user_agent"],
            "logout_at": iso(row["logout_time"]),
        }
        for row in rows
    ]


ITEMS: dict[str, Callable[[AbstractBaseUser], list[Item]]] = {
    "profile": _profile,
    "enrolments": _enrolments,
    "lesson_progress": _lesson_progress,
    "activity_attempts": _activity_attempts,
    "quiz_attempts": _quiz_attempts,
    "case_responses": _case_responses,
    "case_reflections": _case_reflections,
    "card_notes": _card_notes,
    "team_sessions": _team_sessions,
    "h5p_attempts": _h5p_attempts,
    "h5p_saved_state": _h5p_saved_state,
    "xapi_statements": _xapi_statements,
    "evidence": _evidence,
    "self_assessments": _self_assessments,
    "competence_states": _competence_states,
    "targets": _targets,
    "sync_items": _sync_items,
    "reminders": _reminders,
    "report_views": _report_views,
    "reports_opened": _reports_opened,
    "security_events": _security_events,
    "login_records": _login_records,
}


# --- the ZIP --------------------------------------------------------------------


@dataclass
class ExportedCategory:
    category: Category
    items: list[Item]

    @property
    def data(self) -> dict:
        return {
            "category": self.category.key,
            "title": str(self.category.title),
            "description": str(self.category.description),
            "fields": {key: str(text) for key, text in self.category.fields.items()},
            "count": len(self.items),
            "items": self.items,
        }


def personal_data(user: AbstractBaseUser) -> list[ExportedCategory]:
    return [
        ExportedCategory(category, ITEMS[category.key](user))
        for category in categories()
    ]


def _documents(user: AbstractBaseUser) -> Iterable[tuple[str, bytes]]:
    for pk, path in (
        Evidence.objects.filter(user=user)
        .exclude(document="")
        .values_list("pk", "document")
    ):
        try:
            with private_storage.open(path, "rb") as handle:
                yield document_name(pk, path), handle.read()
        except OSError:
            continue  # a file lost on the storage: the JSON still names it


def personal_data_zip(user: AbstractBaseUser) -> bytes:
    """The whole export in memory: one person's data is small (a few
    thousand rows at most), and a complete file is easier to get right than
    a stream that fails halfway."""
    generated_at = timezone.now()
    exported = personal_data(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in exported:
            payload = {"generated_at": iso(generated_at), **entry.data}
            archive.writestr(
                entry.category.filename,
                json.dumps(payload, ensure_ascii=False, indent=2),
            )
        for name, content in _documents(user):
            archive.writestr(name, content)
        archive.writestr(
            "index.html",
            render_to_string(
                "privacy/export_index.html",
                {
                    "person": user,
                    "generated_at": generated_at,
                    "exported": exported,
                },
            ),
        )
    return buffer.getvalue()
