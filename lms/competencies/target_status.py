"""Keeps `TargetStatus` (who must reach which level, and do they) right.

Three things change it: evidence (a person's level), targets (created or
deleted), and a person's unit, staff type or job role. Each has one entry
point here; the rebuild works in chunks with one query per chunk for states,
so that a whole-organisation target over 100,000 people stays a matter of
seconds."""

from django.db import transaction
from django.db.models import QuerySet

from lms.people.models import StaffProfile
from lms.people.selectors import profiles_reached

from .models import CompetencyState, CompetencyTarget, TargetStatus

CHUNK = 2000


def _reaches(target: CompetencyTarget, profile: StaffProfile, unit_path: str) -> bool:
    if target.staff_type and target.staff_type != profile.staff_type:
        return False
    if target.job_role_id and target.job_role_id != profile.job_role_id:
        return False
    if target.unit_id is None:
        return True
    if target.unit_id == profile.unit_id:
        return True
    return target.include_subunits and unit_path.startswith(target.unit.path)


def _required_levels(
    targets: list[CompetencyTarget], profile: StaffProfile, unit_path: str
) -> dict[int, int]:
    """The highest level per competency among the targets that reach them
    (the same rule as selectors.targets_reaching, applied in memory)."""
    required: dict[int, int] = {}
    for target in targets:
        if _reaches(target, profile, unit_path):
            current = required.get(target.competency_id, 0)
            required[target.competency_id] = max(current, target.level)
    return required


def _meets(level: int | None, required: int) -> bool:
    return level is not None and level >= required


@transaction.atomic
def target_status_rebuild(profiles: QuerySet[StaffProfile] | None = None) -> int:
    """Recompute the rows of these people (everyone by default)."""
    targets = list(CompetencyTarget.objects.select_related("unit"))
    profiles = profiles if profiles is not None else StaffProfile.objects.all()
    profiles = profiles.select_related("unit").order_by("pk")
    written = 0
    batch: list[StaffProfile] = []
    for profile in profiles.iterator(chunk_size=CHUNK):
        batch.append(profile)
        if len(batch) >= CHUNK:
            written += _rebuild_chunk(targets, batch)
            batch = []
    if batch:
        written += _rebuild_chunk(targets, batch)
    return written


def _rebuild_chunk(targets: list[CompetencyTarget], profiles: list[StaffProfile]):
    user_ids = [profile.user_id for profile in profiles]
    rows_of_states = CompetencyState.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "competency_id", "level", "valid_until"
    )
    states = {
        (user, competency): (level, until)
        for user, competency, level, until in rows_of_states
    }
    rows = []
    for profile in profiles:
        for competency_id, required in _required_levels(
            targets, profile, profile.unit.path
        ).items():
            key = (profile.user_id, competency_id)
            level, valid_until = states.get(key, (None, None))
            rows.append(
                TargetStatus(
                    user_id=profile.user_id,
                    competency_id=competency_id,
                    unit_id=profile.unit_id,
                    staff_type=profile.staff_type,
                    job_role_id=profile.job_role_id,
                    required_level=required,
                    level=level,
                    valid_until=valid_until,
                    meets=_meets(level, required),
                )
            )
    TargetStatus.objects.filter(user_id__in=user_ids).delete()
    TargetStatus.objects.bulk_create(rows, batch_size=CHUNK)
    return len(rows)


def target_status_for_profile(profile: StaffProfile) -> int:
    return target_status_rebuild(StaffProfile.objects.filter(pk=profile.pk))


def target_status_for_target(target: CompetencyTarget) -> int:
    """After a target is created or deleted: everyone it may reach."""
    return target_status_rebuild(
        profiles_reached(
            unit=target.unit,
            include_subunits=target.include_subunits,
            staff_type=target.staff_type,
            job_role_id=target.job_role_id,
        )
    )


def target_status_for_state(state: CompetencyState) -> None:
    """After evidence changed one person's level in one competency."""
    for status in TargetStatus.objects.filter(
        user_id=state.user_id, competency_id=state.competency_id
    ):
        status.level = state.level
        status.valid_until = state.valid_until
        status.meets = _meets(state.level, status.required_level)
        status.save(update_fields=["level", "valid_until", "meets", "updated_at"])


def profile_changed(sender, profile: StaffProfile, **kwargs) -> None:
    target_status_for_profile(profile)
