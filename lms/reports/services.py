"""Writes of the reports: reminder emails about mandatory courses.

A reminder goes to one person about one course, in the person's own
language, at most once per settings.REPORT_REMINDER_INTERVAL_DAYS (so that
several HR people clicking through the same list do not flood anyone), and
each one is logged twice: in the reminder log (for that rule and the "last
reminder" column) and in the audit log (who contacted whom)."""

from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from courses.models import CoursePage, Enrolment
from lms.people.models import StaffProfile

from .access import report_units
from .audit import audit_record
from .compliance import DueState, enrolment_state, expiry_date
from .models import ReminderLog, ReportKind


def reminded_recently(*, user: AbstractBaseUser, course: CoursePage) -> bool:
    since = timezone.now() - timedelta(days=settings.REPORT_REMINDER_INTERVAL_DAYS)
    return ReminderLog.objects.filter(
        user=user, course=course, sent_at__gt=since
    ).exists()


def _language(user: AbstractBaseUser) -> str:
    profile = StaffProfile.objects.filter(user=user).first()
    return profile.preferred_language if profile else settings.LANGUAGE_CODE


def _in_scope(sender: AbstractBaseUser, user: AbstractBaseUser) -> bool:
    if sender.is_superuser:
        return True
    return StaffProfile.objects.filter(
        user=user, unit__in=report_units(sender)
    ).exists()


def _course_url(course: CoursePage) -> str:
    return course.get_full_url() or settings.WAGTAILADMIN_BASE_URL + course.url


@transaction.atomic
def reminder_send(
    *,
    sender: AbstractBaseUser,
    user: AbstractBaseUser,
    course: CoursePage,
    course_url: str = "",
) -> bool:
    """Email `user` a reminder about `course`; False (nothing sent) when they
    were reminded about it within the interval or have no email address.
    `course_url` is the course's address as the sender's browser saw it
    (default: the site's configured address)."""
    if not _in_scope(sender, user):
        raise PermissionDenied
    if not user.email or reminded_recently(user=user, course=course):
        return False
    enrolment = (
        Enrolment.objects.filter(user=user, course=course)
        .select_related("assignment", "course")
        .first()
    )
    state, when = "", None
    if enrolment is not None:
        state = enrolment_state(enrolment)
        if state in (DueState.EXPIRED, DueState.EXPIRING):
            when = expiry_date(enrolment.completed_at, course.recertification_months)
        elif enrolment.assignment_id:
            when = enrolment.assignment.due_date
    context = {
        "user": user,
        "name": user.get_full_name() or user.get_username(),
        "course": course,
        "course_url": course_url or _course_url(course),
        "state": state,
        "date": when,
        "sender_name": sender.get_full_name() or sender.get_username(),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    with translation.override(_language(user)):
        subject = render_to_string("reports/email/reminder_subject.txt", context)
        body = render_to_string("reports/email/reminder.txt", context)
    ReminderLog.objects.create(user=user, course=course, sent_by=sender)
    audit_record(
        user=sender,
        report=ReportKind.REMINDER,
        output="email",
        filters={"course": str(course.pk)},
        people_count=1,
        subject=user,
    )
    send_mail(
        " ".join(subject.split()),
        body.strip() + "\n",
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )
    return True


def reminders_send(
    *,
    sender: AbstractBaseUser,
    enrolments: Iterable[Enrolment],
    course_url: Callable[[CoursePage], str] | None = None,
) -> tuple[int, int, int]:
    """Remind each enrolment's person about its course; returns how many
    were sent, skipped (reminded within the interval) and left out for want
    of an email address."""
    sent = skipped = no_email = 0
    for enrolment in enrolments:
        if not enrolment.user.email:
            no_email += 1
        elif reminder_send(
            sender=sender,
            user=enrolment.user,
            course=enrolment.course,
            course_url=course_url(enrolment.course) if course_url else "",
        ):
            sent += 1
        else:
            skipped += 1
    return sent, skipped, no_email
