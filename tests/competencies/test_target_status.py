"""The reports' summary of targets stays equal to resolving them person by
person, whatever changes: targets, evidence, or where someone works."""

import pytest

from lms.competencies import services
from lms.competencies.models import EvidenceSource, TargetStatus
from lms.competencies.selectors import target_levels
from lms.people.models import JobRole, StaffProfile, StaffType
from lms.people.services import staff_update
from tests import factories

pytestmark = pytest.mark.django_db


def summary() -> dict[tuple[int, int], tuple[int, bool]]:
    return {
        (row.user_id, row.competency_id): (row.required_level, row.meets)
        for row in TargetStatus.objects.all()
    }


def resolved(competencies) -> dict[tuple[int, int], tuple[int, bool]]:
    """Brute force: each person's targets and states, one by one."""
    from lms.competencies.models import CompetencyState

    expected = {}
    for profile in StaffProfile.objects.all():
        for competency_id, required in target_levels(profile.user).items():
            state = CompetencyState.objects.filter(
                user=profile.user, competency_id=competency_id
            ).first()
            level = state.level if state else None
            expected[(profile.user_id, competency_id)] = (
                required,
                level is not None and level >= required,
            )
    return expected


def test_summary_follows_targets_evidence_and_moves(org):
    framework = factories.framework("digital", levels=("1", "2", "3", "4"))
    privacy = factories.competency(framework, "4.2")
    devices = factories.competency(framework, "4.1")
    admin = factories.UserFactory(username="root", is_superuser=True)
    lena = factories.staff("lena", org["pflege_a"])
    volker = factories.staff("volker", org["beratung_b"], StaffType.VOLUNTEER)
    bert = factories.staff("bert", org["haus_b"])

    services.target_create(
        created_by=admin, competency=privacy, level=2, staff_type=StaffType.VOLUNTEER
    )
    services.target_create(
        created_by=admin, competency=privacy, level=3, unit=org["haus_a"]
    )
    team_target = services.target_create(
        created_by=admin, competency=devices, level=1, unit=org["verband"]
    )
    assert summary() == resolved([privacy, devices])
    assert summary()[(volker.user_id, privacy.pk)] == (2, False)

    services.evidence_record(
        user=volker.user, competency=privacy, level=2, source=EvidenceSource.ACTIVITY
    )
    services.evidence_record(
        user=lena.user, competency=privacy, level=2, source=EvidenceSource.ACTIVITY
    )
    assert summary()[(volker.user_id, privacy.pk)] == (2, True)
    assert summary()[(lena.user_id, privacy.pk)] == (3, False)
    assert summary() == resolved([privacy, devices])

    # Lena moves to the other house, Bert becomes a counsellor, volker a paid one.
    staff_update(profile=lena, unit=org["beratung_b"])
    staff_update(profile=volker, staff_type=StaffType.PAID)
    staff_update(profile=bert, job_role=JobRole.objects.create(name="Counsellor"))
    assert (lena.user_id, privacy.pk) not in summary()
    assert (volker.user_id, privacy.pk) not in summary()
    assert summary() == resolved([privacy, devices])

    services.target_delete(target=team_target)
    assert not TargetStatus.objects.filter(competency=devices).exists()
    assert summary() == resolved([privacy, devices])
