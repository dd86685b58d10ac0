"""A quiz in a lesson. The questions live in the block (each question and option
keeps its block id, which attempts store); scoring happens on the server."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .activity import required_flag
from .competency import competencies_block


class QuizOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"))
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.TextBlock(label=_("Feedback"), required=False)

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class QuestionKind:
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"


class QuestionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            (QuestionKind.SINGLE, _("Single choice")),
            (QuestionKind.MULTIPLE, _("Multiple choice")),
            (QuestionKind.TRUE_FALSE, _("True or false")),
        ],
        default=QuestionKind.SINGLE,
    )
    text = blocks.TextBlock(label=_("Question"))
    options = blocks.ListBlock(QuizOptionBlock(), label=_("Answers"), min_num=2)

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["correct"])
        problems = {}
        if value["kind"] == QuestionKind.TRUE_FALSE and len(value["options"]) != 2:
            problems["options"] = ValidationError(
                _("A true-or-false question has exactly two answers.")
            )
        elif value["kind"] != QuestionKind.MULTIPLE and correct != 1:
            problems["options"] = ValidationError(
                _("Mark exactly one answer as correct.")
            )
        elif correct < 1:
            problems["options"] = ValidationError(
                _("Mark at least one answer as correct.")
            )
        if problems:
            raise StructBlockValidationError(block_errors=problems)
        return value


class QuizBlock(blocks.StructBlock):
    is_activity = True

    title = blocks.CharBlock(label=_("Title"))
    introduction = blocks.TextBlock(label=_("Introduction"), required=False)
    questions = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1)
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"), min_value=0, max_value=100, default=80
    )
    max_attempts = blocks.IntegerBlock(
        label=_("Attempts allowed"),
        min_value=0,
        default=0,
        help_text=_("0 means unlimited."),
    )
    counting = blocks.ChoiceBlock(
        label=_("Which attempt counts"),
        choices=[("best", _("The best attempt")), ("last", _("The last attempt"))],
        default="best",
    )
    required = required_flag()
    competencies = competencies_block()

    class Meta:
        icon = "tasks"
        label = _("Quiz")
        template = "content/blocks/quiz.html"
        description = _("Questions scored on the server, with a pass mark")
        preview_value = {"title": _("Check your knowledge"), "pass_mark": 80}
