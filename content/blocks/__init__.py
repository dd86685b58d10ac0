"""What goes inside a lesson, split by kind. `LessonBodyBlock` is the lesson's
StreamField; blocks whose class sets `is_activity = True` are activities the
learner must complete before the lesson completes by itself."""

from wagtail import blocks

from .activity import AcknowledgementBlock
from .case import CaseBlock
from .dialogue import DeckBlock
from .h5p import H5PBlock
from .media import (
    CalloutBlock,
    DocumentDownloadBlock,
    EmbedMediaBlock,
    ImageWithCaptionBlock,
    MediaFileBlock,
    lesson_rich_text_block,
)
from .quiz import QuizBlock


class LessonBodyBlock(blocks.StreamBlock):
    text = lesson_rich_text_block()
    image = ImageWithCaptionBlock()
    embed = EmbedMediaBlock()
    media_file = MediaFileBlock()
    document = DocumentDownloadBlock()
    callout = CalloutBlock()
    acknowledgement = AcknowledgementBlock()
    deck = DeckBlock()
    case = CaseBlock()
    quiz = QuizBlock()
    h5p = H5PBlock()


def activity_blocks(stream_value) -> list:
    """The activity blocks of a lesson body, in order (bound blocks)."""
    return [
        child for child in stream_value if getattr(child.block, "is_activity", False)
    ]


def activity_block_ids(stream_value) -> list[str]:
    """The ids of the activities the lesson needs for completion; a trainer
    can mark an activity as optional with its `required` flag."""
    return [
        child.id
        for child in activity_blocks(stream_value)
        if child.value.get("required", True)
    ]


__all__ = ["LessonBodyBlock", "activity_block_ids", "activity_blocks"]
