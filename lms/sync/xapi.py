"""Reading xAPI statements as H5P sends them, before anything is stored.

Everything here is a pure function of the request body and the learner, so the
rules can be tested without a database. Statements come from the browser and
are untrusted; the checks refuse what H5P never sends (a score above its
maximum, a maximum of zero or less, a scaled score outside 0..1, a statement
for another actor) rather than trying to repair it.

Which statements count: H5P emits a *root* statement for the content as a whole
(verb answered or completed, with a score) and, for compound types such as a
question set, *child* statements for each question. A child has
`context.contextActivities.parent`, and its object id carries `?subContentId=`
(also given in the `h5p-subContentId` extension). Only root statements with
verb answered or completed become attempts.

The actor: the player is given `user = {name, mail: "<user pk>@users.lms.invalid"}`,
from which H5P builds `{"name": …, "mbox": "mailto:<user pk>@users.lms.invalid"}`;
the player script sets the same actor on every statement it sends. The server
only compares the mbox (the name is display data)."""

import json
import math
import uuid
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

VERB_PREFIX = "http://adlnet.gov/expapi/verbs/"
GRADED_VERBS = frozenset({"answered", "completed"})
ACTOR_DOMAIN = "users.lms.invalid"
SUB_CONTENT_EXTENSION = "http://h5p.org/x-api/h5p-subContentId"
MAX_STATEMENTS = 50
# H5P rounds scaled scores to four places; allow for that and float noise.
SCALED_TOLERANCE = 0.001


class StatementInvalid(ValueError):
    """The body or a statement is malformed or breaks a rule: answer 400."""


class StatementForeign(StatementInvalid):
    """A statement for someone other than the logged-in learner: answer 403."""


@dataclass(frozen=True)
class Statement:
    """What the platform reads from one statement; `raw` is kept as sent."""

    id: uuid.UUID
    verb: str  # the verb IRI
    is_root: bool
    raw: dict
    raw_score: float | None = None
    max_score: float | None = None
    scaled_score: float | None = None
    success: bool | None = None
    completion: bool | None = None

    @property
    def verb_name(self) -> str:
        return self.verb.removeprefix(VERB_PREFIX)

    @property
    def is_graded(self) -> bool:
        """A root answered/completed statement: the only kind kept as an attempt."""
        return self.is_root and self.verb_name in GRADED_VERBS


def actor_mbox(user_pk: Any) -> str:
    return f"mailto:{user_pk}@{ACTOR_DOMAIN}"


def actor_for(*, user_pk: Any, name: str) -> dict:
    return {"objectType": "Agent", "name": name, "mbox": actor_mbox(user_pk)}


def statements_parse(body: bytes) -> list[dict]:
    """The statements in a request body: one statement object or a list of them
    (the xAPI statements resource takes both)."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StatementInvalid(_("The request body is not valid JSON.")) from error
    items = data if isinstance(data, list) else [data]
    if not items:
        raise StatementInvalid(_("No statement was sent."))
    if len(items) > MAX_STATEMENTS:
        raise StatementInvalid(_("Too many statements in one request."))
    if not all(isinstance(item, dict) for item in items):
        raise StatementInvalid(_("A statement must be a JSON object."))
    return items


def _number(value: Any, name: str) -> float | None:
    if value is None:
        return None
    # bool is an int in Python, but `true` is no score.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise StatementInvalid(
            _("The score field %(name)s is not a number.") % {"name": name}
        )
    if not math.isfinite(value):
        raise StatementInvalid(
            _("The score field %(name)s is not a number.") % {"name": name}
        )
    return float(value)


def _flag(value: Any, name: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise StatementInvalid(
        _("The result field %(name)s must be true or false.") % {"name": name}
    )


def _is_root(statement: dict) -> bool:
    context = statement.get("context")
    parent = None
    if isinstance(context, dict):
        activities = context.get("contextActivities")
        if isinstance(activities, dict):
            parent = activities.get("parent")
    if parent:
        return False
    obj = statement["object"]
    definition = obj.get("definition")
    extensions = definition.get("extensions") if isinstance(definition, dict) else None
    if isinstance(extensions, dict) and extensions.get(SUB_CONTENT_EXTENSION):
        return False
    return "subContentId=" not in obj["id"]


def _score(result: dict) -> tuple[float | None, float | None, float | None]:
    """(raw, max, scaled) after checking the bounds; scaled is derived from raw
    and max when H5P left it out, and must agree with them when both are given."""
    score = result.get("score")
    if score is None:
        return None, None, None
    if not isinstance(score, dict):
        raise StatementInvalid(_("The score must be a JSON object."))
    raw = _number(score.get("raw"), "raw")
    minimum = _number(score.get("min"), "min")
    maximum = _number(score.get("max"), "max")
    scaled = _number(score.get("scaled"), "scaled")
    if maximum is not None and maximum <= 0:
        raise StatementInvalid(_("The maximum score must be above zero."))
    low = minimum if minimum is not None else 0.0
    if maximum is not None and low >= maximum:
        raise StatementInvalid(_("The minimum score must be below the maximum."))
    if raw is not None and (raw < low or (maximum is not None and raw > maximum)):
        raise StatementInvalid(_("The score is outside its minimum and maximum."))
    if scaled is not None and not 0 <= scaled <= 1:
        raise StatementInvalid(_("The scaled score must lie between 0 and 1."))
    if raw is not None and maximum is not None:
        derived = (raw - low) / (maximum - low)
        if scaled is None:
            scaled = derived
        elif abs(scaled - derived) > SCALED_TOLERANCE:
            raise StatementInvalid(_("The scaled score does not match the score."))
    if scaled is None:
        raise StatementInvalid(_("A score needs a scaled value or a maximum."))
    return raw, maximum, scaled


def statement_read(item: dict, *, user_pk: Any) -> Statement:
    """Check one statement and read what grading needs from it."""
    try:
        statement_id = uuid.UUID(str(item["id"]))
    except (KeyError, ValueError) as error:
        raise StatementInvalid(_("Every statement needs an id (a UUID).")) from error
    actor = item.get("actor")
    mbox = actor.get("mbox") if isinstance(actor, dict) else None
    if not isinstance(mbox, str) or mbox.lower() != actor_mbox(user_pk):
        raise StatementForeign(_("This statement is for another learner."))
    verb = item.get("verb")
    verb_id = verb.get("id") if isinstance(verb, dict) else None
    if not isinstance(verb_id, str) or not verb_id:
        raise StatementInvalid(_("Every statement needs a verb with an id."))
    obj = item.get("object")
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
        raise StatementInvalid(_("Every statement needs an object with an id."))
    result = item.get("result", {})
    if not isinstance(result, dict):
        raise StatementInvalid(_("The result must be a JSON object."))
    raw, maximum, scaled = _score(result)
    return Statement(
        id=statement_id,
        verb=verb_id,
        is_root=_is_root(item),
        raw=item,
        raw_score=raw,
        max_score=maximum,
        scaled_score=scaled,
        success=_flag(result.get("success"), "success"),
        completion=_flag(result.get("completion"), "completion"),
    )


def statements_read(body: bytes, *, user_pk: Any) -> list[Statement]:
    """All statements of a request, or an error for the first bad one: a request
    is taken whole or not at all."""
    return [statement_read(item, user_pk=user_pk) for item in statements_parse(body)]
