"""An achieved competency as an Open Badges 3.0 credential (JSON-LD).

The credential is not signed yet: it says what was achieved, by whom, when
and on what evidence, in the shape other badge tools read, but nobody can
verify it cryptographically. Signing needs a key per organisation and a
published issuer profile; the page says so plainly.

Identifiers are name-based UUIDs, so that downloading the badge twice gives
the same credential, and a new level gives a new one. The learner appears by
name only: no e-mail address leaves the platform in a badge.
"""

import uuid
from datetime import UTC, datetime

from django.utils import translation
from django.utils.translation import gettext as _

from .learner_selectors import Achievement
from .models import Competency, Framework

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]

#: The namespace of this platform's badge identifiers (a fixed random UUID:
#: changing it would give every badge already downloaded a new identity).
NAMESPACE = uuid.UUID("6f1d3c52-8a4e-4b8f-9c1e-2b7d5a0e4c91")


def _urn(*parts) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, '/'.join(str(p) for p in parts))}"


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def item_uri(competency: Competency) -> str:
    """The framework item the badge aligns to, by its CASE identifier, which
    imports and exports keep."""
    return f"urn:uuid:{competency.identifier}"


def achievement_id(competency: Competency) -> str:
    return _urn("achievement", competency.framework.identifier, competency.identifier)


def credential_id(user_id: int, competency: Competency, level: int) -> str:
    return _urn(
        "credential",
        user_id,
        competency.framework.identifier,
        competency.identifier,
        level,
    )


def _scale(framework: Framework, levels) -> dict:
    """The framework's scale as a ResultDescription with one rubric level per
    scale level, so that the result can name the level reached."""
    return {
        "id": _urn("scale", framework.identifier),
        "type": ["ResultDescription"],
        "name": _("Level on the scale of %(framework)s")
        % {"framework": framework.text("name")},
        "resultType": "RubricCriterionLevel",
        "rubricCriterionLevel": [
            {
                "id": _urn("level", framework.identifier, level.value),
                "type": ["RubricCriterionLevel"],
                "name": level.text("name"),
                "level": str(level.value),
                **(
                    {"description": level.text("description")}
                    if level.text("description")
                    else {}
                ),
            }
            for level in levels
        ],
        "requiredLevel": _urn(
            "level", framework.identifier, framework.proficient_level
        ),
    }


def _evidence(item) -> dict:
    summary = _("Level %(level)s, recorded on %(date)s") % {
        "level": item.level,
        "date": item.recorded_at.date().isoformat(),
    }
    entry = {
        "type": ["Evidence"],
        "name": item.page.title if item.page_id else item.get_source_display(),
        "description": summary,
        "genre": str(item.get_source_display()),
    }
    if item.note:
        entry["narrative"] = item.note
    return entry


def credential(
    *, user, achievement: Achievement, site_url: str, fallback_issuer: str
) -> dict:
    """The unsigned OpenBadgeCredential for one achieved competency;
    `site_url` identifies the issuer, the learner's organisation."""
    competency = achievement.competency
    framework = competency.framework
    level = achievement.level
    competency_name = competency.text("short_name")
    title = (
        f"{competency.code} {competency_name}" if competency.code else competency_name
    )
    scale = _scale(framework, achievement.scale)
    level_id = _urn("level", framework.identifier, level.value)
    return {
        "@context": CONTEXT,
        "id": credential_id(user.pk, competency, level.value),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": _("%(competency)s, level %(level)s (%(name)s)")
        % {"competency": title, "level": level.value, "name": level.text("name")},
        "issuer": {
            "id": site_url,
            "type": ["Profile"],
            "name": achievement.organisation or fallback_issuer,
            "url": site_url,
        },
        "validFrom": _timestamp(achievement.achieved_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": user.get_full_name() or user.get_username(),
                }
            ],
            "achievement": {
                "id": achievement_id(competency),
                "type": ["Achievement"],
                "name": title,
                "description": competency.text("description") or competency_name,
                "criteria": {
                    "narrative": _(
                        "Reached at least level %(level)s of %(framework)s in this "
                        "competency, shown by verified evidence: completed "
                        "learning, passed activities or ratings by trainers and "
                        "managers. Self-assessment does not count."
                    )
                    % {
                        "level": framework.proficient_level,
                        "framework": framework.text("name"),
                    }
                },
                "achievementType": "Competency",
                **({"humanCode": competency.code} if competency.code else {}),
                "inLanguage": translation.get_language() or framework.language,
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": competency_name,
                        "targetUrl": item_uri(competency),
                        "targetType": "CFItem",
                        **({"targetCode": competency.code} if competency.code else {}),
                        "targetFramework": framework.text("name"),
                        **(
                            {"targetDescription": competency.text("description")}
                            if competency.text("description")
                            else {}
                        ),
                    }
                ],
                "resultDescription": [scale],
            },
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": scale["id"],
                    "achievedLevel": level_id,
                    "value": str(level.value),
                }
            ],
        },
        "evidence": [_evidence(item) for item in achievement.evidence],
    }
