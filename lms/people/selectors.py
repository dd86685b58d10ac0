"""Reads about people, always scoped to what the viewer may see."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, QuerySet

from .models import Invitation, OrganisationUnit, Role, StaffProfile


def user_has_role(user: AbstractBaseUser, role: Role) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(g.name == role.value for g in user.groups.all())


def is_hr(user: AbstractBaseUser) -> bool:
    return user_has_role(user, Role.HR)


def is_manager(user: AbstractBaseUser) -> bool:
    return user_has_role(user, Role.MANAGER)


def is_trainer(user: AbstractBaseUser) -> bool:
    return user_has_role(user, Role.TRAINER)


def units_in_scope(
    user: AbstractBaseUser, *, managers_too: bool = False
) -> QuerySet[OrganisationUnit]:
    """The units an HR user manages, with everything below them; all for admins.
    With `managers_too`, a manager's own teams as well (reports only: managers
    see their teams' reports but do not administer staff)."""
    if user.is_superuser:
        return OrganisationUnit.objects.all()
    if not (is_hr(user) or (managers_too and is_manager(user))):
        return OrganisationUnit.objects.none()
    roots = list(
        OrganisationUnit.objects.filter(managers__user=user).values_list(
            "path", flat=True
        )
    )
    if not roots:
        return OrganisationUnit.objects.none()
    condition = Q()
    for path in roots:
        condition |= Q(path__startswith=path)
    return OrganisationUnit.objects.filter(condition)


def profiles_in_scope(user: AbstractBaseUser) -> QuerySet[StaffProfile]:
    return StaffProfile.objects.filter(unit__in=units_in_scope(user)).select_related(
        "user", "unit", "job_role"
    )


def unit_in_scope(user: AbstractBaseUser, unit: OrganisationUnit) -> bool:
    return units_in_scope(user).filter(pk=unit.pk).exists()


@dataclass
class UnitNode:
    """One unit of the HR tree with its direct staff count and its children."""

    unit: OrganisationUnit
    staff_count: int
    children: list["UnitNode"] = field(default_factory=list)


def unit_tree(user: AbstractBaseUser) -> list[UnitNode]:
    """The units in the user's scope as nested nodes, in two queries.

    Materialised paths sort parents before children, so one pass over the
    ordered list builds the tree at any depth; units whose parent lies outside
    the scope become roots (an HR user of a facility sees the facility on top).
    """
    units = units_in_scope(user).annotate(staff_count=Count("staff")).order_by("path")
    nodes: dict[str, UnitNode] = {}
    roots: list[UnitNode] = []
    for unit in units:
        node = UnitNode(unit=unit, staff_count=unit.staff_count)
        nodes[unit.path] = node
        parent = nodes.get(unit.path[: -unit.steplen])
        (parent.children if parent else roots).append(node)
    _sort_by_name(roots)
    return roots


def _sort_by_name(nodes: list[UnitNode]) -> None:
    """Alphabetical at each level, whatever order the paths were created in."""
    nodes.sort(key=lambda node: node.unit.name.casefold())
    for node in nodes:
        _sort_by_name(node.children)


def staff_below(
    user: AbstractBaseUser, unit: OrganisationUnit
) -> QuerySet[StaffProfile]:
    """Staff of a unit and its sub-units, never beyond the viewer's scope."""
    return (
        profiles_in_scope(user)
        .filter(unit__path__startswith=unit.path)
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def invitations_in_scope(user: AbstractBaseUser) -> QuerySet[Invitation]:
    return Invitation.objects.filter(unit__in=units_in_scope(user)).select_related(
        "unit", "job_role", "created_by"
    )


def invitation_by_code(code: str) -> Invitation | None:
    """Codes are typed from paper: ignore case and surrounding blanks."""
    code = code.strip().upper()
    if not code:
        return None
    invitations = Invitation.objects.select_related("unit", "job_role")
    return invitations.filter(code=code).first()


def profiles_reached(
    *,
    unit: OrganisationUnit | None,
    include_subunits: bool = True,
    staff_type: str = "",
    job_role_id: int | None = None,
) -> QuerySet[StaffProfile]:
    """The people a rule for "this unit (and below), this staff type, this job
    role" reaches, each part empty meaning any: course assignments and
    competency targets are such rules."""
    profiles = StaffProfile.objects.all()
    if unit is not None:
        if include_subunits:
            profiles = profiles.filter(unit__path__startswith=unit.path)
        else:
            profiles = profiles.filter(unit=unit)
    if staff_type:
        profiles = profiles.filter(staff_type=staff_type)
    if job_role_id:
        profiles = profiles.filter(job_role_id=job_role_id)
    return profiles
