"""Staff import from the HR system's CSV export.

The format, as HR sees it on the import page:

- UTF-8 (a byte-order mark, as Excel writes it, is fine), comma- or
  semicolon-separated (detected from the header row), at most 5 MB and
  10,000 data rows.
- A header row (line 1) with the columns ``unit`` (the unit's code),
  ``staff_type`` (``paid``/``volunteer``, or ``hauptamtlich``/``ehrenamtlich``),
  ``job_role``, ``first_name``, ``last_name``, ``email``, and optionally
  ``username``. Column order does not matter; extra columns are ignored.
- Without a username, one is derived from the email's local part, else from
  ``first.last``, lowercased and folded to ASCII, and numbered if taken.
- An existing account is found by username, else by email; its name, unit,
  staff type and job role are then updated. Everyone else is created without
  a password (they get an invitation or a password from HR).

The import is all or nothing: every line is validated first, and any error
(named with its line number, the header being line 1) means nothing at all is
written. A dry run validates and reports what would change without writing.
"""

import csv
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import TextChoices
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors, services
from .models import OrganisationUnit, StaffProfile, StaffType

User = get_user_model()

CSV_COLUMNS = ("unit", "staff_type", "job_role", "first_name", "last_name", "email")
OPTIONAL_COLUMNS = ("username",)
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
STAFF_TYPES = {
    "paid": StaffType.PAID,
    "hauptamtlich": StaffType.PAID,
    "volunteer": StaffType.VOLUNTEER,
    "ehrenamtlich": StaffType.VOLUNTEER,
}
# Spelled out rather than dropped, so "Jürgen Weiß" becomes "juergen.weiss".
_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "å": "aa"}
)


class Action(TextChoices):
    CREATE = "create", gettext_lazy("create")
    UPDATE = "update", gettext_lazy("update")
    UNCHANGED = "unchanged", gettext_lazy("unchanged")


@dataclass
class ImportRow:
    line: int
    action: str
    username: str
    first_name: str
    last_name: str
    email: str
    unit: OrganisationUnit
    staff_type: str
    job_role: str
    changes: list[str] = field(default_factory=list)
    profile: StaffProfile | None = None

    def get_action_display(self) -> str:
        return Action(self.action).label


@dataclass
class ImportIssue:
    """An error in the file; line is None when it concerns the file as a whole."""

    line: int | None
    message: str


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)
    dry_run: bool = True
    applied: bool = False

    @property
    def counts(self) -> dict[str, int]:
        counts = {action.value: 0 for action in Action}
        for row in self.rows:
            counts[row.action] += 1
        return counts


class _Rollback(Exception):
    pass


def staff_import(
    *, csv_bytes: bytes, actor: AbstractBaseUser, dry_run: bool = True
) -> ImportReport:
    """Validate the whole file, then (unless a dry run) apply it in one transaction."""
    report = ImportReport(dry_run=dry_run)
    records = _read(csv_bytes, report)
    if report.errors:
        return report
    report.rows = _validate(records, actor, report)
    if report.errors:
        report.rows = []
        return report
    if not dry_run:
        _apply(report)
    return report


def _read(csv_bytes: bytes, report: ImportReport) -> list[tuple[int, dict[str, str]]]:
    """Decode and split the file into (line number, row by column name)."""
    if len(csv_bytes) > MAX_BYTES:
        report.errors.append(
            ImportIssue(None, _("The file is larger than 5 MB. Please split it."))
        )
        return []
    try:
        text = csv_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = csv_bytes[: error.start].count(b"\n") + 1
        report.errors.append(
            ImportIssue(
                line,
                _("The file is not UTF-8 encoded. Please export it as “CSV UTF-8”."),
            )
        )
        return []
    if not text.strip():
        report.errors.append(ImportIssue(None, _("The file is empty.")))
        return []
    first_line = text.lstrip().splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except csv.Error as error:
        report.errors.append(ImportIssue(1, _("Unreadable header: %s") % error))
        return []
    missing = [name for name in CSV_COLUMNS if name not in header]
    if missing:
        report.errors.append(
            ImportIssue(
                1,
                _("Missing columns: %(columns)s. The header row needs: %(needed)s.")
                % {"columns": ", ".join(missing), "needed": ", ".join(CSV_COLUMNS)},
            )
        )
        return []
    records = []
    previous_end = reader.line_num
    try:
        for values in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if not any(value.strip() for value in values):
                continue
            if len(records) >= MAX_ROWS:
                report.errors.append(
                    ImportIssue(
                        line,
                        _("The file has more than %(max)s rows. Please split it.")
                        % {"max": f"{MAX_ROWS:,}"},
                    )
                )
                return []
            row = {
                name: (values[i].strip() if i < len(values) else "")
                for i, name in enumerate(header)
            }
            records.append((line, row))
    except csv.Error as error:
        report.errors.append(
            ImportIssue(previous_end + 1, _("Unreadable line: %s") % error)
        )
        return []
    if not records:
        report.errors.append(ImportIssue(None, _("The file has no data rows.")))
    return records


def _fold(value: str) -> str:
    value = value.lower().translate(_TRANSLITERATION)
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9._+-]+", "", value.replace(" ", "."))


def _username_base(first_name: str, last_name: str, email: str) -> str:
    if email:
        base = _fold(email.split("@", 1)[0])
        if base:
            return base[:140]
    return (
        ".".join(p for p in (_fold(first_name), _fold(last_name)) if p)[:140] or "user"
    )


def _validate(
    records: list[tuple[int, dict[str, str]]],
    actor: AbstractBaseUser,
    report: ImportReport,
) -> list[ImportRow]:
    codes = {row["unit"] for _line, row in records}
    units = {u.code: u for u in OrganisationUnit.objects.filter(code__in=codes)}
    usernames = {row.get("username", "") for _line, row in records} - {""}
    emails = {row["email"].lower() for _line, row in records} - {""}
    users_by_username = {
        u.username: u
        for u in User.objects.filter(username__in=usernames).select_related(
            "profile__unit", "profile__job_role"
        )
    }
    users_by_email: dict[str, list] = {}
    for user in (
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails)
        .select_related("profile__unit", "profile__job_role")
    ):
        users_by_email.setdefault(user.email_lower, []).append(user)
    scope_codes = set(selectors.units_in_scope(actor).values_list("code", flat=True))
    in_scope = scope_codes & codes

    rows: list[ImportRow] = []
    seen_usernames: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    seen_users: dict[int, int] = {}

    def error(line: int, message: str) -> None:
        report.errors.append(ImportIssue(line, message))

    for line, record in records:
        problems_before = len(report.errors)
        code = record["unit"]
        unit = units.get(code)
        if not code:
            error(line, _("The unit is missing."))
        elif unit is None:
            error(line, _("Unknown unit “%(code)s”.") % {"code": code})
        elif code not in in_scope:
            error(
                line,
                _("The unit “%(code)s” is outside your organisation units.")
                % {"code": code},
            )
        staff_type = STAFF_TYPES.get(record["staff_type"].lower())
        if staff_type is None:
            error(
                line,
                _(
                    "Unknown staff type “%(value)s”: use paid or volunteer "
                    "(hauptamtlich or ehrenamtlich)."
                )
                % {"value": record["staff_type"]},
            )
        first_name, last_name = record["first_name"], record["last_name"]
        if not last_name:
            error(line, _("The last name is missing."))
        for value, label in (
            (first_name, _("first name")),
            (last_name, _("last name")),
        ):
            if len(value) > 150:
                error(line, _("The %(field)s is too long.") % {"field": label})
        job_role = record["job_role"]
        if len(job_role) > 120:
            error(line, _("The job role is too long (at most 120 characters)."))
        email = record["email"]
        if email:
            try:
                validate_email(email)
            except ValidationError:
                error(line, _("Invalid email address “%(email)s”.") % {"email": email})
            else:
                if email.lower() in seen_emails:
                    error(
                        line,
                        _(
                            "The email %(email)s appears twice in the file "
                            "(also on line %(other)d)."
                        )
                        % {"email": email, "other": seen_emails[email.lower()]},
                    )
                else:
                    seen_emails[email.lower()] = line
        username = record.get("username", "")
        if username:
            try:
                User.username_validator(username)
            except ValidationError:
                error(
                    line,
                    _(
                        "Invalid username “%(username)s”: use letters, digits and "
                        "@ . + - _ only."
                    )
                    % {"username": username},
                )
            if username.lower() in seen_usernames:
                error(
                    line,
                    _(
                        "The username %(username)s appears twice in the file "
                        "(also on line %(other)d)."
                    )
                    % {"username": username, "other": seen_usernames[username.lower()]},
                )
            else:
                seen_usernames[username.lower()] = line

        user = users_by_username.get(username) if username else None
        if user is None and email:
            matches = users_by_email.get(email.lower(), [])
            if len(matches) > 1:
                error(
                    line,
                    _(
                        "Several accounts have the email %(email)s; add a username "
                        "column to say which one is meant."
                    )
                    % {"email": email},
                )
            elif matches:
                user = matches[0]
        profile = getattr(user, "profile", None) if user else None
        if user is not None:
            if user.pk in seen_users:
                error(
                    line,
                    _("This line and line %(other)d are the same person.")
                    % {"other": seen_users[user.pk]},
                )
            seen_users[user.pk] = line
            if profile is None:
                error(
                    line,
                    _(
                        "The account %(username)s has no staff profile and cannot be "
                        "updated by an import."
                    )
                    % {"username": user.username},
                )
            elif profile.unit.code not in scope_codes:
                error(
                    line,
                    _("%(username)s belongs to a unit outside your organisation units.")
                    % {"username": user.username},
                )
        if len(report.errors) > problems_before:
            continue

        row = ImportRow(
            line=line,
            action=Action.CREATE,
            username=user.username if user else username,
            first_name=first_name,
            last_name=last_name,
            email=email,
            unit=unit,
            staff_type=staff_type,
            job_role=job_role,
            profile=profile,
        )
        if profile is not None:
            row.changes = _changes(profile, row)
            row.action = Action.UPDATE if row.changes else Action.UNCHANGED
        rows.append(row)

    if not report.errors:
        _assign_usernames(rows, seen_usernames)
    return rows


def _changes(profile: StaffProfile, row: ImportRow) -> list[str]:
    """Human-readable differences between the stored profile and the line."""
    current_role = profile.job_role.name if profile.job_role else ""
    pairs = [
        (_("first name"), profile.user.first_name, row.first_name),
        (_("last name"), profile.user.last_name, row.last_name),
        (_("unit"), profile.unit.name, row.unit.name),
        (
            _("staff type"),
            StaffType(profile.staff_type).label,
            StaffType(row.staff_type).label,
        ),
        (_("job role"), current_role, row.job_role),
    ]
    return [
        f"{label}: {old or '-'} → {new or '-'}"
        for label, old, new in pairs
        if str(old) != str(new)
    ]


def _assign_usernames(rows: list[ImportRow], explicit: dict[str, int]) -> None:
    """Derive usernames for new people, numbered where the name is taken."""
    new_rows = [row for row in rows if not row.username]
    if not new_rows:
        return
    bases = {
        row.line: _username_base(row.first_name, row.last_name, row.email)
        for row in new_rows
    }
    taken = {name.lower() for name in explicit}
    counted = Counter(bases.values())
    # One query finds exact clashes; only clashing or repeated names need the
    # slower prefix look-up for their numbered variants.
    clashing = set(
        User.objects.filter(username__in=counted).values_list("username", flat=True)
    )
    for base in clashing | {base for base, n in counted.items() if n > 1}:
        taken.update(
            name.lower()
            for name in User.objects.filter(username__istartswith=base).values_list(
                "username", flat=True
            )
        )
    for row in new_rows:
        base = candidate = bases[row.line]
        number = 2
        while candidate.lower() in taken:
            candidate = f"{base}{number}"
            number += 1
        taken.add(candidate.lower())
        row.username = candidate


def _apply(report: ImportReport) -> None:
    """Write every row, or nothing if any write fails."""
    try:
        with transaction.atomic():
            for row in report.rows:
                if row.action == Action.UNCHANGED:
                    continue
                try:
                    _apply_row(row)
                except ValidationError as error:
                    report.errors.append(
                        ImportIssue(row.line, " ".join(error.messages))
                    )
                    raise _Rollback from error
    except _Rollback:
        report.applied = False
        return
    report.applied = True


def _apply_row(row: ImportRow) -> None:
    job_role = services.job_role_get_or_create(name=row.job_role)
    if row.action == Action.CREATE:
        row.profile = services.staff_create(
            username=row.username,
            unit=row.unit,
            first_name=row.first_name,
            last_name=row.last_name,
            email=row.email,
            password=None,
            staff_type=row.staff_type,
            job_role=job_role,
            preferred_language=settings.LANGUAGE_CODE,
        )
    else:
        services.staff_update(
            profile=row.profile,
            first_name=row.first_name,
            last_name=row.last_name,
            unit=row.unit,
            staff_type=row.staff_type,
            job_role=job_role,
        )
