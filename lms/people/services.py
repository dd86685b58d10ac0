"""Writes about people. Every change of a profile's unit or staff type announces
itself through `profile_changed`, so course assignments follow the person."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Invitation, JobRole, OrganisationUnit, Role, StaffProfile, StaffType
from .selectors import unit_in_scope
from .signals import profile_changed

User = get_user_model()


def unit_create(
    *, name: str, code: str, kind: str = "", parent: OrganisationUnit | None = None
) -> OrganisationUnit:
    unit = OrganisationUnit(name=name, code=code, kind=kind)
    unit.full_clean(exclude=["path", "depth", "numchild"])
    if parent is None:
        return OrganisationUnit.add_root(instance=unit)
    return parent.add_child(instance=unit)


def job_role_get_or_create(*, name: str) -> JobRole | None:
    name = name.strip()
    if not name:
        return None
    role, _created = JobRole.objects.get_or_create(name=name)
    return role


@transaction.atomic
def staff_create(
    *,
    username: str,
    unit: OrganisationUnit,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str | None = None,
    staff_type: str = StaffType.PAID,
    job_role: JobRole | None = None,
    preferred_language: str = "de",
    roles: tuple[Role, ...] = (Role.LEARNER,),
) -> StaffProfile:
    user = User(
        username=username, first_name=first_name, last_name=last_name, email=email
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set(Group.objects.filter(name__in=[r.value for r in roles]))
    profile = StaffProfile(
        user=user,
        unit=unit,
        staff_type=staff_type,
        job_role=job_role,
        preferred_language=preferred_language,
    )
    profile.full_clean()
    profile.save()
    profile_changed.send(sender=StaffProfile, profile=profile)
    return profile


@transaction.atomic
def staff_update(*, profile: StaffProfile, **fields) -> StaffProfile:
    """Change a profile; re-announce it when unit, staff type or job role
    changed (course assignments and competency targets depend on them)."""
    user_fields = {"first_name", "last_name", "email"}
    moved = False
    for name, value in fields.items():
        if name in user_fields:
            setattr(profile.user, name, value)
        else:
            if (
                name in {"unit", "staff_type", "job_role"}
                and getattr(profile, name) != value
            ):
                moved = True
            setattr(profile, name, value)
    profile.user.full_clean(exclude=["password"])
    profile.user.save()
    profile.full_clean()
    profile.save()
    if moved:
        profile_changed.send(sender=StaffProfile, profile=profile)
    return profile


def invitation_create(
    *,
    unit: OrganisationUnit,
    created_by: AbstractBaseUser,
    staff_type: str = StaffType.VOLUNTEER,
    job_role: JobRole | None = None,
    max_uses: int = 50,
    valid_days: int = 30,
) -> Invitation:
    """An invitation for one unit; HR may only invite into their own scope,
    checked here too so that no caller can forget it."""
    if not unit_in_scope(created_by, unit):
        raise PermissionDenied(_("This unit is outside your organisation units."))
    invitation = Invitation(
        unit=unit,
        staff_type=staff_type,
        job_role=job_role,
        max_uses=max_uses,
        expires_at=timezone.now() + timedelta(days=valid_days),
        created_by=created_by,
    )
    invitation.full_clean()
    invitation.save()
    return invitation


def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """Revoked, not deleted: the list keeps showing who was let in with it."""
    invitation.revoked = True
    invitation.save(update_fields=["revoked"])
    return invitation


def invitation_check(invitation: Invitation | None) -> None:
    """Raise a message the volunteer can act on when the code cannot be used."""
    if invitation is None:
        raise ValidationError(
            _("There is no invitation with this code. Please check it for typos."),
            code="unknown",
        )
    if invitation.revoked:
        raise ValidationError(
            _(
                "This invitation has been withdrawn. Please ask your contact person "
                "for a new one."
            ),
            code="revoked",
        )
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            _(
                "This invitation has expired. Please ask your contact person for a "
                "new one."
            ),
            code="expired",
        )
    if invitation.uses >= invitation.max_uses:
        raise ValidationError(
            _(
                "This invitation has already been used as often as allowed. Please "
                "ask your contact person for a new one."
            ),
            code="used_up",
        )


@transaction.atomic
def invitation_redeem(
    *,
    code: str,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    preferred_language: str = "de",
) -> StaffProfile:
    """Create a volunteer's account from an invitation.

    The invitation row is locked while its uses are checked and counted, so
    two people redeeming the last use at the same moment cannot both get in.
    """
    invitation = (
        Invitation.objects.select_for_update().filter(code=code.strip().upper()).first()
    )
    invitation_check(invitation)
    profile = staff_create(
        username=username,
        unit=invitation.unit,
        first_name=first_name,
        last_name=last_name,
        email=email,
        password=password,
        staff_type=invitation.staff_type,
        job_role=invitation.job_role,
        preferred_language=preferred_language,
    )
    # Counted in the UPDATE itself as well, for databases (SQLite) that
    # ignore select_for_update.
    counted = Invitation.objects.filter(
        pk=invitation.pk, uses__lt=F("max_uses")
    ).update(uses=F("uses") + 1)
    if not counted:
        raise ValidationError(
            _(
                "This invitation has already been used as often as allowed. Please "
                "ask your contact person for a new one."
            ),
            code="used_up",
        )
    return profile
