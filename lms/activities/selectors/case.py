"""Reads for the case activity.

A learner's choice and reflections are theirs alone. What anyone else sees of
them is counted, never listed with a name, and the counts stay hidden until
`aggregate_minimum()` people have answered, so that in a small team nobody's
choice can be worked out from the numbers. Trainers see reflections (and "other"
texts) only of learners who ticked "share", and never who wrote them.

`state_for` runs at most three queries for all the case blocks of a lesson,
whatever the number of blocks, options and questions: the learner's responses
with their reflections, and the choice counts, are fetched for all blocks at
once and joined to the cases in Python."""

import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count
from django.utils.translation import gettext as _
from wagtail.models import Page

from content.models import Case
from lms.activities.models import CaseReflection, CaseResponse
from lms.activities.models.case import OTHER_OPTION


def aggregate_minimum() -> int:
    """How many answers a block needs before anyone sees how people chose."""
    return getattr(settings, "CASE_AGGREGATE_MIN", 5)


def option_ids(case: Case) -> list[str]:
    """The ids a learner may choose in this case, "other" included if offered."""
    ids = [option.id for option in case.options]
    if case.allow_other:
        ids.append(OTHER_OPTION)
    return ids


def question_ids(case: Case) -> list[str]:
    return [question.id for question in case.reflection_questions]


@dataclass(frozen=True)
class OptionCount:
    option_id: str
    label: str
    count: int
    percent: int
    chosen: bool = False


@dataclass(frozen=True)
class ChoiceCounts:
    """How many answered a case block, and how, per option."""

    total: int
    minimum: int
    options: list[OptionCount]

    @property
    def visible(self) -> bool:
        return self.total >= self.minimum


def choice_counts(
    case: Case, counts: dict[str, int], chosen_id: str = ""
) -> ChoiceCounts:
    """Counts per option from {option_id: n}. Answers for options an editor has
    since removed are left out, so that the percentages add up to about 100."""
    rows = [(option.id, option.value["label"]) for option in case.options]
    if case.allow_other or counts.get(OTHER_OPTION):
        rows.append((OTHER_OPTION, _("Other")))
    total = sum(counts.get(option_id, 0) for option_id, _label in rows)
    return ChoiceCounts(
        total=total,
        minimum=aggregate_minimum(),
        options=[
            OptionCount(
                option_id=option_id,
                label=label,
                count=counts.get(option_id, 0),
                percent=round(100 * counts.get(option_id, 0) / total) if total else 0,
                chosen=option_id == chosen_id,
            )
            for option_id, label in rows
        ],
    )


@dataclass
class ReflectionField:
    """One reflection question with the learner's saved (or just typed) text."""

    question_id: str
    question: str
    text: str = ""
    error: str = ""


@dataclass
class CaseState:
    """What one case block needs to render for one learner.

    `option_id` and `other_text` fill the form: the saved choice, or what the
    learner just submitted when it needs correcting. The feedback always follows
    the saved `response`."""

    response: CaseResponse | None
    option_id: str
    other_text: str
    share_reflections: bool
    reflections: list[ReflectionField]
    counts: ChoiceCounts | None  # only once the learner has chosen themselves
    chosen_option: object | None = None  # the chosen option's bound block
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def chose_other(self) -> bool:
        return self.response is not None and self.response.option_id == OTHER_OPTION

    @property
    def option_error(self) -> str:
        return " ".join(self.errors.get("option_id", []))

    @property
    def other_error(self) -> str:
        return " ".join(self.errors.get("other_text", []))

    def with_input(
        self,
        *,
        option_id: str | None = None,
        other_text: str | None = None,
        share_reflections: bool | None = None,
        texts: dict[str, str] | None = None,
        errors: dict[str, list[str]] | None = None,
    ) -> "CaseState":
        """This state with a submitted form and its errors, to show it again."""
        errors = errors or {}
        if option_id is not None:
            self.option_id = option_id
        if other_text is not None:
            self.other_text = other_text
        if share_reflections is not None:
            self.share_reflections = share_reflections
        for reflection in self.reflections:
            if texts is not None:
                reflection.text = texts.get(reflection.question_id, "")
            reflection.error = " ".join(errors.get(reflection.question_id, []))
        self.errors = errors
        return self


def case_state(
    case: Case,
    response: CaseResponse | None,
    counts: dict[str, int],
) -> CaseState:
    """The state of one case block from already fetched rows (no queries)."""
    saved = {}
    if response is not None:
        saved = {r.question_id: r.text for r in response.reflections.all()}
    chosen_option = None
    if response is not None:
        chosen_option = next(
            (o for o in case.options if o.id == response.option_id), None
        )
    return CaseState(
        response=response,
        option_id=response.option_id if response else "",
        other_text=response.other_text if response else "",
        share_reflections=response.share_reflections if response else False,
        reflections=[
            ReflectionField(
                question_id=question.id,
                question=question.value,
                text=saved.get(question.id, ""),
            )
            for question in case.reflection_questions
        ],
        counts=choice_counts(case, counts, response.option_id)
        if response is not None
        else None,
        chosen_option=chosen_option,
    )


def state_for(*, user: AbstractBaseUser, page: Page, blocks) -> dict[str, CaseState]:
    """{block_id: state} for these case blocks of one lesson and one learner.

    A response saved for another case (an editor swapped the block's case since)
    counts as no answer for the case the block shows now."""
    cases = {block.id: block.value.get("case") for block in blocks}
    cases = {block_id: case for block_id, case in cases.items() if case is not None}
    if not cases:
        return {}
    responses = {
        response.block_id: response
        for response in CaseResponse.objects.filter(
            user=user, page=page, block_id__in=list(cases)
        ).prefetch_related("reflections")
        if response.case_id == cases[response.block_id].pk
    }
    counts: dict[str, dict[str, int]] = {}
    if responses:
        rows = (
            CaseResponse.objects.filter(page=page, block_id__in=list(responses))
            .values_list("block_id", "case_id", "option_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for block_id, case_id, option_id, n in rows:
            if case_id == cases[block_id].pk:
                counts.setdefault(block_id, {})[option_id] = n
    return {
        block_id: case_state(case, responses.get(block_id), counts.get(block_id, {}))
        for block_id, case in cases.items()
    }


@dataclass(frozen=True)
class SharedReflections:
    question: str
    texts: list[str]


@dataclass(frozen=True)
class CaseResults:
    """What a trainer sees of one case block: counts (above the minimum) and the
    texts learners chose to share, shuffled and without any name or id, so that
    neither order nor position pairs a reflection with a person."""

    counts: ChoiceCounts
    reflections: list[SharedReflections]
    other_texts: list[str]

    @property
    def shared_anything(self) -> bool:
        return bool(self.other_texts) or any(r.texts for r in self.reflections)


def _shuffled(texts: list[str]) -> list[str]:
    secrets.SystemRandom().shuffle(texts)
    return texts


def case_results(*, page: Page, block_id: str, case: Case) -> CaseResults:
    """The trainer's view of one case block, in three queries."""
    answers = CaseResponse.objects.filter(page=page, block_id=block_id, case=case)
    counts = dict(
        answers.values_list("option_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("option_id", "n")
    )
    other_texts = list(
        answers.filter(share_reflections=True, option_id=OTHER_OPTION)
        .exclude(other_text="")
        .values_list("other_text", flat=True)
    )
    by_question: dict[str, list[str]] = {}
    for question_id, text in CaseReflection.objects.filter(
        response__in=answers.filter(share_reflections=True)
    ).values_list("question_id", "text"):
        by_question.setdefault(question_id, []).append(text)
    return CaseResults(
        counts=choice_counts(case, counts),
        reflections=[
            SharedReflections(
                question=question.value,
                texts=_shuffled(by_question.get(question.id, [])),
            )
            for question in case.reflection_questions
        ],
        other_texts=_shuffled(other_texts),
    )
