"""Reading statements (lms.sync.xapi): pure functions, no database."""

import json
import uuid

import pytest

from lms.sync import xapi

USER_PK = 7
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
OBJECT = "http://testserver/courses/x/#h5p-block"


def statement(*, verb=ANSWERED, score=None, parent=False, sub_content=False, **extra):
    """A statement shaped as H5P sends it (after the player set id and actor)."""
    obj = {
        "id": OBJECT + ("?subContentId=abc" if sub_content else ""),
        "objectType": "Activity",
        "definition": {
            "extensions": {"http://h5p.org/x-api/h5p-local-content-id": "1-block"}
        },
    }
    if sub_content:
        obj["definition"]["extensions"][xapi.SUB_CONTENT_EXTENSION] = "abc"
    data = {
        "id": str(uuid.uuid4()),
        "actor": xapi.actor_for(user_pk=USER_PK, name="Lena"),
        "verb": {"id": verb, "display": {"en-US": verb.rsplit("/", 1)[-1]}},
        "object": obj,
        "context": {"contextActivities": {"category": [{"id": "lib"}]}},
        "result": {
            "score": score if score is not None else {"min": 0, "max": 1, "raw": 1},
            "success": True,
            "completion": True,
        },
    }
    if score is not None:
        data["result"]["score"] = score
    if parent:
        data["context"]["contextActivities"]["parent"] = [{"id": OBJECT}]
    data.update(extra)
    return data


def read(data):
    return xapi.statements_read(json.dumps(data).encode(), user_pk=USER_PK)


def test_a_root_answered_statement_is_graded_with_its_score():
    [result] = read(statement(score={"min": 0, "max": 1, "raw": 1, "scaled": 1}))
    assert result.is_root and result.is_graded
    assert (result.raw_score, result.max_score, result.scaled_score) == (1, 1, 1)
    assert result.success is True and result.completion is True


def test_scaled_is_derived_from_raw_and_max_when_missing():
    [result] = read(statement(score={"min": 0, "max": 5, "raw": 4}))
    assert result.scaled_score == pytest.approx(0.8)


def test_a_list_of_statements_is_read_in_order():
    first, second = statement(), statement(verb=COMPLETED)
    assert [s.id for s in read([first, second])] == [
        uuid.UUID(first["id"]),
        uuid.UUID(second["id"]),
    ]


@pytest.mark.parametrize(
    "child", [{"parent": True}, {"sub_content": True}], ids=["parent", "subcontent"]
)
def test_child_statements_are_not_graded(child):
    [result] = read(statement(**child))
    assert not result.is_root and not result.is_graded


def test_other_verbs_are_not_graded():
    [result] = read(statement(verb="http://adlnet.gov/expapi/verbs/interacted"))
    assert result.is_root and not result.is_graded


def test_unscored_statement_has_no_score():
    data = statement()
    data["result"] = {"completion": True}
    [result] = read(data)
    assert result.scaled_score is None and result.completion is True


@pytest.mark.parametrize(
    "score",
    [
        {"min": 0, "max": 1, "raw": 2},  # above max
        {"min": 0, "max": 1, "raw": -1},  # below min
        {"min": 0, "max": 0, "raw": 0},  # max 0
        {"min": 0, "max": -3, "raw": -3},  # max below 0
        {"scaled": 1.5},  # scaled above 1
        {"scaled": -0.5},  # negative: H5P never sends it
        {"min": 0, "max": 10, "raw": 1, "scaled": 1},  # scaled contradicts raw
        {"raw": "1", "max": 1},  # not a number
        {"raw": True, "max": 1},  # a boolean is no number
        {"raw": 3},  # no max and no scaled
        "full marks",
    ],
)
def test_scores_out_of_bounds_are_refused(score):
    with pytest.raises(xapi.StatementInvalid):
        read(statement(score=score))


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"[]", b"42", b'["a"]', b"\xff\xfe", json.dumps([{}] * 51).encode()],
)
def test_malformed_bodies_are_refused(body):
    with pytest.raises(xapi.StatementInvalid):
        xapi.statements_read(body, user_pk=USER_PK)


@pytest.mark.parametrize("statement_id", [None, "", "not-a-uuid", 12])
def test_an_id_is_required(statement_id):
    data = statement()
    if statement_id is None:
        del data["id"]
    else:
        data["id"] = statement_id
    with pytest.raises(xapi.StatementInvalid):
        read(data)


@pytest.mark.parametrize(
    "actor",
    [
        {"name": "Lena", "mbox": "mailto:8@users.lms.invalid"},
        {"name": "Lena", "mbox": "mailto:7@example.org"},
        {"name": "Lena"},
        {"account": {"homePage": "http://testserver", "name": "7"}},
        None,
    ],
)
def test_a_statement_for_someone_else_is_foreign(actor):
    data = statement(actor=actor)
    with pytest.raises(xapi.StatementForeign):
        read(data)


def test_success_must_be_a_boolean():
    data = statement()
    data["result"]["success"] = "yes"
    with pytest.raises(xapi.StatementInvalid):
        read(data)
