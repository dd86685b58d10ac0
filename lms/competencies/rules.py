"""The rule that turns a learner's evidence into a current level.

1. Only evidence that counts is considered: status "valid" (a trainer rating
   sent for review counts once a reviewer approves it, as a new row), and never
   a self-assessment. Self-assessment is shown beside the level, never mixed in.
2. Evidence past its `expires_at` (learning in a course with a recertification
   interval) no longer counts; the highest level it gave is remembered as
   `expired_level`, and the competency is due while the current level is below it.
3. Ratings by people (trainer, manager, recognised prior learning) are a
   judgement about now: the latest one sets the level, and may lower it (a
   correction). Learning recorded after that rating (courses, activities, team
   sessions) can raise the level again; learning before it cannot overrule it.
4. Without a rating, the level is the highest level any counting learning gave.
5. A competency is achieved when the level reaches the framework's proficient level.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .models import RATING_SOURCES, Evidence, EvidenceSource, EvidenceStatus


@dataclass(frozen=True)
class DerivedLevel:
    level: int | None
    expired_level: int | None
    valid_until: datetime | None
    self_level: int | None
    self_assessed_at: datetime | None


def _order(evidence: Evidence):
    return (evidence.recorded_at, evidence.pk or 0)


def current_level(evidence: Iterable[Evidence], now: datetime) -> DerivedLevel:
    counting, expired, self_assessments = [], [], []
    for item in evidence:
        if item.status != EvidenceStatus.VALID:
            continue
        if item.source == EvidenceSource.SELF:
            self_assessments.append(item)
        elif item.expires_at is not None and item.expires_at <= now:
            expired.append(item)
        else:
            counting.append(item)
    ratings = [item for item in counting if item.source in RATING_SOURCES]
    latest_rating = max(ratings, key=_order, default=None)
    candidates = [
        item
        for item in counting
        if item.source not in RATING_SOURCES
        and (latest_rating is None or _order(item) > _order(latest_rating))
    ]
    if latest_rating is not None:
        candidates.append(latest_rating)
    level = max((item.level for item in candidates), default=None)
    expiries = [item.expires_at for item in counting if item.expires_at is not None]
    latest_self = max(self_assessments, key=_order, default=None)
    return DerivedLevel(
        level=level,
        expired_level=max((item.level for item in expired), default=None),
        valid_until=min(expiries, default=None),
        self_level=latest_self.level if latest_self else None,
        self_assessed_at=latest_self.recorded_at if latest_self else None,
    )
