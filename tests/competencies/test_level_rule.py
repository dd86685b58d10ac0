"""The documented rule that derives a learner's level from evidence."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lms.competencies import services
from lms.competencies.models import (
    CompetencyState,
    Evidence,
    EvidenceSource,
    EvidenceStatus,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(org):
    house = factories.framework(
        levels=("Basic", "Good", "Expert", "Master"), proficient_level=3
    )
    return {
        "competency": factories.competency(house, "4.2", "Protecting data"),
        "learner": factories.staff("lena", org["pflege_a"]).user,
        "trainer": factories.UserFactory(username="tara"),
        "reviewer": factories.UserFactory(username="hanna"),
    }


def _record(setup, level, source, *, days_ago=0, **extra):
    return services.evidence_record(
        user=setup["learner"],
        competency=setup["competency"],
        level=level,
        source=source,
        recorded_at=timezone.now() - timedelta(days=days_ago),
        **extra,
    )


def _state(setup) -> CompetencyState:
    return CompetencyState.objects.get(
        user=setup["learner"], competency=setup["competency"]
    )


def test_learning_gives_the_highest_level_it_reached(setup):
    _record(setup, 2, EvidenceSource.ACTIVITY, days_ago=3)
    _record(setup, 1, EvidenceSource.COURSE, days_ago=1)
    state = _state(setup)
    assert state.level == 2
    assert not state.achieved


def test_reaching_the_proficient_level_achieves_the_competency(setup):
    _record(setup, 3, EvidenceSource.COURSE)
    assert _state(setup).achieved


def test_self_assessment_is_kept_beside_the_level_and_never_mixed_in(setup):
    _record(setup, 1, EvidenceSource.ACTIVITY, days_ago=2)
    _record(setup, 4, EvidenceSource.SELF, recorded_by=setup["learner"])
    state = _state(setup)
    assert state.level == 1
    assert state.self_level == 4
    assert not state.achieved


def test_a_later_rating_corrects_the_level_downwards(setup):
    _record(setup, 3, EvidenceSource.COURSE, days_ago=5)
    services.rating_record(
        rater=setup["trainer"],
        user=setup["learner"],
        competency=setup["competency"],
        level=2,
        source=EvidenceSource.TRAINER,
        note="Needs more practice with encryption.",
    )
    assert _state(setup).level == 2
    assert Evidence.objects.filter(user=setup["learner"]).count() == 2


def test_learning_after_a_rating_can_raise_the_level_again(setup):
    services.rating_record(
        rater=setup["trainer"],
        user=setup["learner"],
        competency=setup["competency"],
        level=2,
        source=EvidenceSource.MANAGER,
    )
    _record(setup, 4, EvidenceSource.ACTIVITY)
    assert _state(setup).level == 4


def test_a_rating_sent_for_review_counts_only_once_approved(setup):
    _record(setup, 1, EvidenceSource.ACTIVITY, days_ago=1)
    pending = services.rating_record(
        rater=setup["trainer"],
        user=setup["learner"],
        competency=setup["competency"],
        level=3,
        source=EvidenceSource.TRAINER,
        needs_review=True,
    )
    assert pending.status == EvidenceStatus.PENDING
    assert _state(setup).level == 1
    assert list(Evidence.objects.awaiting_review()) == [pending]

    services.review_decide(reviewer=setup["reviewer"], evidence=pending, approve=True)
    assert _state(setup).level == 3
    assert not Evidence.objects.awaiting_review().exists()
    pending.refresh_from_db()
    assert pending.status == EvidenceStatus.PENDING  # the rating itself is unchanged


def test_a_rejected_rating_never_counts(setup):
    pending = services.rating_record(
        rater=setup["trainer"],
        user=setup["learner"],
        competency=setup["competency"],
        level=3,
        source=EvidenceSource.TRAINER,
        needs_review=True,
    )
    services.review_decide(
        reviewer=setup["reviewer"], evidence=pending, approve=False, note="No proof"
    )
    assert _state(setup).level is None
    with pytest.raises(ValidationError):
        services.review_decide(
            reviewer=setup["reviewer"], evidence=pending, approve=True
        )


def test_the_rater_cannot_review_their_own_rating(setup):
    pending = services.rating_record(
        rater=setup["trainer"],
        user=setup["learner"],
        competency=setup["competency"],
        level=3,
        source=EvidenceSource.TRAINER,
        needs_review=True,
    )
    with pytest.raises(ValidationError):
        services.review_decide(
            reviewer=setup["trainer"], evidence=pending, approve=True
        )
    assert _state(setup).level is None


def test_expired_evidence_no_longer_counts_and_the_competency_is_due(setup):
    _record(setup, 1, EvidenceSource.ACTIVITY, days_ago=400)
    _record(
        setup,
        3,
        EvidenceSource.COURSE,
        days_ago=400,
        expires_at=timezone.now() - timedelta(days=35),
    )
    state = _state(setup)
    assert state.level == 1
    assert state.expired_level == 3
    assert state.is_due
    assert not state.achieved


def test_a_state_refreshes_when_its_evidence_expires(setup):
    """A summary row stays right over time: readers refresh it after expiry."""
    from lms.competencies.selectors import states_of

    _record(
        setup,
        3,
        EvidenceSource.COURSE,
        expires_at=timezone.now() + timedelta(seconds=1),
    )
    assert _state(setup).level == 3
    CompetencyState.objects.filter(user=setup["learner"]).update(
        valid_until=timezone.now() - timedelta(seconds=1)
    )
    Evidence.objects.filter(user=setup["learner"]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    state = states_of(setup["learner"])[setup["competency"].pk]
    assert state.level is None
    assert state.is_due


def test_evidence_is_never_changed(setup):
    evidence = _record(setup, 2, EvidenceSource.ACTIVITY)
    evidence.level = 4
    with pytest.raises(ValidationError):
        evidence.save()
    assert Evidence.objects.get(pk=evidence.pk).level == 2


def test_a_level_off_the_scale_is_refused_and_nothing_is_stored(setup):
    with pytest.raises(ValidationError, match="not on the scale"):
        _record(setup, 5, EvidenceSource.ACTIVITY)
    assert not Evidence.objects.exists()


def test_prior_learning_needs_a_document(setup):
    with pytest.raises(ValidationError):
        services.rating_record(
            rater=setup["trainer"],
            user=setup["learner"],
            competency=setup["competency"],
            level=2,
            source=EvidenceSource.PRIOR,
        )
    assert not Evidence.objects.exists()


def test_nobody_rates_themselves(setup):
    with pytest.raises(ValidationError):
        services.rating_record(
            rater=setup["learner"],
            user=setup["learner"],
            competency=setup["competency"],
            level=2,
            source=EvidenceSource.TRAINER,
        )


def test_self_assessment_stores_only_changed_answers(setup):
    framework = setup["competency"].framework
    other = factories.competency(framework, "4.1")
    first = services.self_assessment_save(
        user=setup["learner"],
        framework=framework,
        levels={setup["competency"].pk: 2, other.pk: 0},
    )
    again = services.self_assessment_save(
        user=setup["learner"],
        framework=framework,
        levels={setup["competency"].pk: 2, other.pk: 1},
    )
    assert len(first) == 2
    assert [e.competency_id for e in again] == [other.pk]
    assert _state(setup).self_level == 2
    assert _state(setup).level is None


def test_recertification_adds_whole_months():
    from datetime import datetime

    moment = datetime(2026, 1, 31, 12, 0)
    assert services.add_months(moment, 1) == datetime(2026, 2, 28, 12, 0)
    assert services.add_months(moment, 12) == datetime(2027, 1, 31, 12, 0)
    assert services.add_months(datetime(2026, 11, 15), 3) == datetime(2027, 2, 15)
