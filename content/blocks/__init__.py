"""What goes inside a lesson, split by kind. `LessonBodyBlock` is the lesson's
StreamField; blocks whose class sets `is_activity = True` are activities the
learner must complete before the lesson completes by itself."""

from wagtail import blocks

from .activity import AcknowledgementBlock
from .media import (
    CalloutBlock,
    DocumentDownloadBlock,
    EmbedMediaBlock,
    ImageWithCaptionBlock,
    MediaFileBlock,
    lesson_rich_text_block,
)


class LessonBodyBlock(blocks.StreamBlock):
    text = lesson_rich_text_block()
    image = ImageWithCaptionBlock()
    embed = EmbedMediaBlock()
    media_file = MediaFileBlock()
    document = DocumentDownloadBlock()
    callout = CalloutBlock()
    acknowledgement = AcknowledgementBlock()


def activity_block_ids(stream_value) -> list[str]:
    """The ids of the activity blocks in a lesson body, in order."""
    return [
        child.id for child in stream_value if getattr(child.block, "is_activity", False)
    ]


__all__ = ["LessonBodyBlock", "activity_block_ids"]
