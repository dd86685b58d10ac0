"""Erasure and retention: the only writes of the privacy app.

Unlike every other app, these functions delete and pseudonymise rows of other
apps (people, activities, competencies, courses, reports, sync, audit,
Wagtail, django-axes). `inventory.ERASURE` lists what happens to each link to
the user model; a test keeps that list complete.

What erasure keeps, and why: the account row under a pseudonym
(`erased-<id>`, no name, email or password, inactive), the staff profile
(unit, staff type, job role), enrolments and completions, lesson progress,
activity, quiz and H5P attempts (scores only), evidence and competence
states, target statuses, case choices (without texts), team-session
participation, and the logs that point at the account (security log, report
access log). These are the proof of mandatory training the organisation
must be able to show, and they keep the reports' numbers (matrix, compliance,
trend) unchanged. They are deleted RETENTION_TRAINING_RECORDS_YEARS after the
erasure by `apply_retention`."""

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import ActivityAttempt, Enrolment, LessonProgress
from lms.activities.models import (
    CardNote,
    CaseReflection,
    CaseResponse,
    H5PAttempt,
    QuizAttempt,
    SessionCardRecord,
    TeamSession,
    XAPIStatement,
)
from lms.audit.models import AuditAction, AuditEvent
from lms.audit.services import audit_event_record
from lms.competencies.models import (
    CompetencyState,
    Evidence,
    EvidenceSource,
    TargetStatus,
)
from lms.competencies.services import add_months
from lms.competencies.storage import private_storage
from lms.people.models import StaffProfile, StaffType
from lms.reports.models import AuditEntry, ReminderLog
from lms.sync.models import SyncItem
from lms.sync.xapi import actor_mbox

from .inventory import ERASURE, Erase
from .models import ErasedAccount, ErasureReason
from .selectors import period_text

PSEUDONYM_PREFIX = "erased-"


def pseudonym_for(user: AbstractBaseUser) -> str:
    return f"{PSEUDONYM_PREFIX}{user.pk}"


def is_erased(user: AbstractBaseUser) -> bool:
    return ErasedAccount.objects.filter(user=user).exists()


# --- finding the name in free text ----------------------------------------------


@dataclass
class Identity:
    """What identifies the person in text: strong needles (full name, user
    name, email) are replaced anywhere; first and last name alone only in
    texts about the person, where they cannot mean someone else."""

    strong: list[str]
    weak: list[str]

    @classmethod
    def of(cls, user: AbstractBaseUser) -> "Identity":
        strong = [user.get_full_name(), user.get_username(), user.email]
        weak = [user.first_name, user.last_name]
        return cls(
            strong=[s for s in {s.strip() for s in strong} if len(s) >= 2],
            weak=[s for s in {s.strip() for s in weak} if len(s) >= 2],
        )

    def pattern(self, *, about_them: bool) -> re.Pattern | None:
        needles = self.strong + (self.weak if about_them else [])
        if not needles:
            return None
        needles.sort(key=len, reverse=True)
        alternatives = "|".join(re.escape(n) for n in needles)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def condition(self, field_name: str, *, about_them: bool) -> Q:
        """Rows whose `field_name` may contain a needle (checked exactly in
        Python afterwards)."""
        condition = Q(pk__in=[])
        for needle in self.strong + (self.weak if about_them else []):
            condition |= Q(**{f"{field_name}__icontains": needle})
        return condition


def scrub(text: str, pattern: re.Pattern | None, replacement: str) -> str:
    if not text or pattern is None:
        return text
    return pattern.sub(replacement, text)


def scrub_json(value, pattern: re.Pattern | None, replacement: str):
    if pattern is None:
        return value
    return json.loads(pattern.sub(replacement, json.dumps(value, ensure_ascii=False)))


def _scrub_rows(queryset, fields: list[str], pattern, replacement: str) -> int:
    changed = []
    for row in queryset:
        before = [getattr(row, name) for name in fields]
        for name in fields:
            value = getattr(row, name)
            if isinstance(value, str):
                setattr(row, name, scrub(value, pattern, replacement))
            elif value:
                setattr(row, name, scrub_json(value, pattern, replacement))
        if before != [getattr(row, name) for name in fields]:
            changed.append(row)
    if changed:
        # bulk_update writes with UPDATE …, bypassing append-only save()s:
        # removing a name is the one change the logs allow.
        type(changed[0]).objects.bulk_update(changed, fields)
    return len(changed)


# --- erasure ---------------------------------------------------------------------


def _model(label: str):
    app_label, model_name, field_name = label.split(".")
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None, None
    return model, model._meta.get_field(field_name)


def _delete_linked(user: AbstractBaseUser) -> dict[str, int]:
    """Every link marked Erase.DELETE in the inventory: the rows go (for a
    many-to-many link, the membership)."""
    deleted = {}
    for label, action in ERASURE.items():
        if action != Erase.DELETE:
            continue
        model, field = _model(label)
        if model is None:
            continue
        if field.many_to_many:
            through = field.remote_field.through
            rows = through.objects.filter(**{field.m2m_reverse_field_name(): user})
        else:
            rows = model.objects.filter(**{field.name: user})
        if label == "wagtailusers.UserProfile.user":
            for profile in rows:
                if profile.avatar:
                    profile.avatar.delete(save=False)
        count = rows.count()
        if count:
            rows.delete()
            deleted[label] = count
    return deleted


def _delete_sessions(user: AbstractBaseUser) -> int:
    """Sessions carry no name, but they are the person's; a cache-only
    engine cannot be searched (its sessions die with the unusable password)."""
    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        return 0
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    count = 0
    for session in Session.objects.iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            store(session_key=session.session_key).delete()
            count += 1
    return count


def _delete_login_attempts(*usernames: str) -> int:
    if not apps.is_installed("axes"):
        return 0
    names = [n for n in usernames if n]
    count = 0
    for model in apps.get_app_config("axes").get_models():
        if any(f.name == "username" for f in model._meta.get_fields()):
            count += model.objects.filter(username__in=names).delete()[0]
    return count


def _scrub_logs(user: AbstractBaseUser, identity: Identity, pseudonym: str) -> int:
    """Wagtail's and Django's admin logs copy an object's title into a label
    (a user or staff profile is logged under the person's name)."""
    from django.contrib.admin.models import LogEntry
    from wagtail.models import ModelLogEntry, PageLogEntry

    user_type = ContentType.objects.get_for_model(get_user_model())
    profile_type = ContentType.objects.get_for_model(StaffProfile)
    profile_ids = [
        str(pk)
        for pk in StaffProfile.objects.filter(user=user).values_list("pk", flat=True)
    ]
    about = Q(content_type=user_type, object_id=str(user.pk)) | Q(
        content_type=profile_type, object_id__in=profile_ids
    )
    strong = identity.pattern(about_them=False)
    everything = identity.pattern(about_them=True)
    count = 0
    for log_model in (ModelLogEntry, PageLogEntry):
        if log_model is ModelLogEntry:
            own = list(log_model.objects.filter(about))
            for entry in own:
                entry.label = pseudonym
                entry.data = scrub_json(entry.data, everything, pseudonym)
            if own:
                log_model.objects.bulk_update(own, ["label", "data"])
            count += len(own)
            others = log_model.objects.exclude(about)
        else:
            others = log_model.objects.all()
        count += _scrub_rows(
            others.filter(identity.condition("label", about_them=False)),
            ["label"],
            strong,
            pseudonym,
        )
    admin_about = Q(content_type=user_type, object_id=str(user.pk)) | Q(
        content_type=profile_type, object_id__in=profile_ids
    )
    count += _scrub_rows(
        LogEntry.objects.filter(
            admin_about
            | identity.condition("object_repr", about_them=False)
            | identity.condition("change_message", about_them=False)
        ),
        ["object_repr", "change_message"],
        strong,
        pseudonym,
    )
    LogEntry.objects.filter(admin_about).update(object_repr=pseudonym)
    return count


def _xapi_without_person(raw: dict, user_pk, pseudonym: str) -> dict:
    """Keep what makes the statement an attempt (verb, object, score);
    drop the actor's name and any typed answer (result.response)."""
    kept = {
        key: raw[key] for key in ("id", "verb", "object", "timestamp") if key in raw
    }
    result = raw.get("result") or {}
    kept_result = {
        key: result[key]
        for key in ("score", "success", "completion", "duration")
        if key in result
    }
    if kept_result:
        kept["result"] = kept_result
    kept["actor"] = {
        "objectType": "Agent",
        "name": pseudonym,
        "mbox": actor_mbox(user_pk),
    }
    return kept


@transaction.atomic
def account_erase(
    *,
    user: AbstractBaseUser,
    by: AbstractBaseUser | None,
    reason: str | None = None,
) -> ErasedAccount:
    """Erase a person: their name, contact and private texts go; the records
    the organisation must keep stay with a pseudonymised account (see the
    module docstring). `by` is None for the retention command."""
    if is_erased(user):
        raise ValidationError(_("This account has already been erased."))
    if reason is None:
        if by is None:
            reason = ErasureReason.RETENTION
        elif by.pk == user.pk:
            reason = ErasureReason.SELF
        else:
            reason = ErasureReason.ADMIN
    identity = Identity.of(user)
    pseudonym = pseudonym_for(user)
    about = identity.pattern(about_them=True)
    strong = identity.pattern(about_them=False)
    old_username, old_email = user.get_username(), user.email
    counts: dict[str, int] = {}

    # Private texts: deleted.
    counts["case_reflections"] = CaseReflection.objects.filter(
        response__user=user
    ).delete()[0]
    CaseResponse.objects.filter(user=user).update(
        other_text="", share_reflections=False
    )
    counts["card_notes"] = CardNote.objects.filter(user=user).delete()[0]
    counts["self_assessments"] = (
        Evidence.objects.filter(user=user, source=EvidenceSource.SELF)
        .filter(reviews__isnull=True)
        .delete()[0]
    )
    CompetencyState.objects.filter(user=user).update(
        self_level=None, self_assessed_at=None
    )
    counts["sync_payloads"] = (
        SyncItem.objects.filter(user=user).exclude(data={}).update(data={})
    )
    statements = list(XAPIStatement.objects.filter(user=user))
    for statement in statements:
        statement.raw = _xapi_without_person(statement.raw, user.pk, pseudonym)
    XAPIStatement.objects.bulk_update(statements, ["raw"], batch_size=500)
    counts["xapi_statements"] = len(statements)

    # Evidence stays; a note that names the person loses the name, and
    # uploaded documents (certificates that show the name) are deleted.
    _scrub_rows(
        Evidence.objects.filter(user=user).filter(
            identity.condition("note", about_them=True)
        ),
        ["note"],
        about,
        pseudonym,
    )
    documents = Evidence.objects.filter(user=user).exclude(document="")
    for path in documents.values_list("document", flat=True):
        private_storage.delete(path)
    counts["documents"] = documents.update(document="")

    # Team texts name people rarely; where they name this person, not any more.
    _scrub_rows(
        SessionCardRecord.objects.filter(
            identity.condition("agreements", about_them=False)
            | identity.condition("open_questions", about_them=False)
        ),
        ["agreements", "open_questions"],
        strong,
        pseudonym,
    )
    _scrub_rows(
        TeamSession.objects.filter(identity.condition("team_name", about_them=False)),
        ["team_name"],
        strong,
        pseudonym,
    )

    counts.update(_delete_linked(user))
    counts["sessions"] = _delete_sessions(user)
    counts["login_attempts"] = _delete_login_attempts(old_username, old_email)
    counts["report_log_names"] = AuditEntry.objects.filter(actor=user).update(
        actor_name=pseudonym
    )
    counts["log_labels"] = _scrub_logs(user, identity, pseudonym)

    # Rights go with the person.
    profile = StaffProfile.objects.filter(user=user).first()
    if profile is not None:
        profile.managed_units.clear()
    user.groups.clear()
    user.user_permissions.clear()

    user.username = pseudonym
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.save()

    erased = ErasedAccount(user=user, reason=reason)
    erased.full_clean()
    erased.save()
    audit_event_record(
        action=AuditAction.ACCOUNT_ERASED,
        actor=by if by is not None and by.pk != user.pk else None,
        subject=user,
        details={
            "reason": reason,
            "removed": {k: v for k, v in counts.items() if v},
        },
    )
    return erased


# --- retention -------------------------------------------------------------------


@dataclass
class RuleResult:
    key: str
    description: str
    setting: str
    period: str
    count: int
    details: dict = field(default_factory=dict)


def _cut_months(now: datetime, months: int) -> datetime:
    return add_months(now, -months)


def inactive_volunteers(now: datetime, months: int):
    cut = _cut_months(now, months)
    return (
        get_user_model()
        .objects.filter(
            profile__staff_type=StaffType.VOLUNTEER,
            erasure__isnull=True,
            is_superuser=False,
        )
        .annotate(seen=Coalesce(F("last_login"), F("date_joined")))
        .filter(seen__lt=cut)
        .order_by("pk")
    )


#: Kept after erasure as proof of training, deleted after the retention period.
TRAINING_RECORDS = (
    (Enrolment, "user"),
    (LessonProgress, "user"),
    (ActivityAttempt, "user"),
    (QuizAttempt, "user"),
    (H5PAttempt, "user"),
    (XAPIStatement, "user"),
    (CaseResponse, "user"),
    (CompetencyState, "user"),
    (TargetStatus, "user"),
    (SyncItem, "user"),
)


def _training_records_count(user_ids: list[int]) -> int:
    total = sum(
        model.objects.filter(**{f"{name}__in": user_ids}).count()
        for model, name in TRAINING_RECORDS
    )
    return total + Evidence.objects.filter(user__in=user_ids).count()


def _training_records_delete(user_ids: list[int]) -> None:
    for model, name in TRAINING_RECORDS:
        model.objects.filter(**{f"{name}__in": user_ids}).delete()
    # Reviews protect what they review: delete from the newest layer down.
    evidence = Evidence.objects.filter(user__in=user_ids)
    while evidence.exists():
        evidence.filter(reviews__isnull=True).delete()
    TeamSession.participants.through.objects.filter(user__in=user_ids).delete()


def retention_apply(*, dry_run: bool, now: datetime | None = None) -> list[RuleResult]:
    """Apply every retention rule whose period is set (0 = keep); with
    `dry_run`, count what would go and change nothing."""
    now = now or timezone.now()
    results: list[RuleResult] = []

    months = settings.RETENTION_INACTIVE_VOLUNTEER_MONTHS
    if months:
        people = list(inactive_volunteers(now, months))
        if not dry_run:
            for person in people:
                account_erase(user=person, by=None, reason=ErasureReason.RETENTION)
        results.append(
            RuleResult(
                "inactive_volunteers",
                _("Volunteer accounts without a login: erased"),
                "RETENTION_INACTIVE_VOLUNTEER_MONTHS",
                period_text(months, "months"),
                len(people),
            )
        )

    years = settings.RETENTION_TRAINING_RECORDS_YEARS
    if years:
        erased = ErasedAccount.objects.filter(
            erased_at__lt=_cut_months(now, 12 * years), records_deleted_at__isnull=True
        )
        user_ids = list(erased.values_list("user_id", flat=True))
        count = _training_records_count(user_ids) if user_ids else 0
        if not dry_run and user_ids:
            with transaction.atomic():
                _training_records_delete(user_ids)
                erased.update(records_deleted_at=now)
        results.append(
            RuleResult(
                "training_records",
                _("Training records of erased accounts: deleted"),
                "RETENTION_TRAINING_RECORDS_YEARS",
                period_text(years, "years"),
                count,
                {"accounts": len(user_ids)},
            )
        )

    months = settings.RETENTION_AUDIT_MONTHS
    if months:
        cut = _cut_months(now, months)
        events = AuditEvent.objects.filter(at__lt=cut)
        entries = AuditEntry.objects.filter(at__lt=cut)
        counts = {"security_log": events.count(), "report_log": entries.count()}
        if not dry_run:
            events.delete()
            entries.delete()
        results.append(
            RuleResult(
                "audit",
                _("Security log and report-access log entries: deleted"),
                "RETENTION_AUDIT_MONTHS",
                period_text(months, "months"),
                sum(counts.values()),
                counts,
            )
        )

    months = settings.RETENTION_SYNC_ITEMS_MONTHS
    if months:
        items = SyncItem.objects.filter(
            received_at__lt=_cut_months(now, months)
        ).exclude(data={})
        count = items.count() if dry_run else items.update(data={})
        results.append(
            RuleResult(
                "sync_payloads",
                _("Content of items sent from offline use: removed"),
                "RETENTION_SYNC_ITEMS_MONTHS",
                period_text(months, "months"),
                count,
            )
        )

    days = settings.RETENTION_LOGIN_ATTEMPTS_DAYS
    if days and apps.is_installed("axes"):
        cut = now - timedelta(days=days)
        count = 0
        for model in apps.get_app_config("axes").get_models():
            if any(f.name == "attempt_time" for f in model._meta.get_fields()):
                rows = model.objects.filter(attempt_time__lt=cut)
                count += rows.count() if dry_run else rows.delete()[0]
        results.append(
            RuleResult(
                "login_attempts",
                _("Records of login attempts: deleted"),
                "RETENTION_LOGIN_ATTEMPTS_DAYS",
                period_text(days, "days"),
                count,
            )
        )

    months = settings.RETENTION_REMINDERS_MONTHS
    if months:
        reminders = ReminderLog.objects.filter(sent_at__lt=_cut_months(now, months))
        count = reminders.count() if dry_run else reminders.delete()[0]
        results.append(
            RuleResult(
                "reminders",
                _("Log of reminder emails: deleted"),
                "RETENTION_REMINDERS_MONTHS",
                period_text(months, "months"),
                count,
            )
        )

    if settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        from django.contrib.sessions.models import Session

        sessions = Session.objects.filter(expire_date__lt=now)
        count = sessions.count() if dry_run else sessions.delete()[0]
        results.append(
            RuleResult(
                "sessions",
                _("Expired login sessions: deleted"),
                "SESSION_COOKIE_AGE",
                _("when they expire"),
                count,
            )
        )

    if not dry_run:
        audit_event_record(
            action=AuditAction.RETENTION_APPLIED,
            details={"rules": {r.key: r.count for r in results}},
        )
    return results
