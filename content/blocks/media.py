"""Reading material: text, images, video and audio, documents, callouts."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


def lesson_rich_text_block() -> blocks.RichTextBlock:
    return blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Text"),
        icon="pilcrow",
        template="content/blocks/text.html",
        help_text=_("Start headings at level 2; the lesson title is level 1."),
    )


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_(
            "What the image shows, for people who cannot see it. "
            "Leave empty only for decorative images."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "content/blocks/image.html"
        description = _("An image with alternative text and an optional caption")
        preview_value = {"alt_text": "", "caption": _("A caption")}


class EmbedMediaBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("Video or audio URL"))
    title = blocks.CharBlock(
        label=_("Title"), help_text=_("Names the player for screen readers.")
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), required=False, features=["bold", "italic", "ul", "ol"]
    )

    class Meta:
        icon = "media"
        label = _("Video or audio (embed)")
        template = "content/blocks/embed.html"
        description = _("A video or audio from a provider such as a video platform")
        preview_value = {"title": _("Introduction video")}


class MediaFileBlock(blocks.StructBlock):
    """Video or audio uploaded as a document, played by the browser itself;
    unlike an embed it can be stored for offline use."""

    file = DocumentChooserBlock(label=_("Video or audio file"))
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("video", _("Video")), ("audio", _("Audio"))],
        default="video",
    )
    title = blocks.CharBlock(label=_("Title"))
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), required=False, features=["bold", "italic", "ul", "ol"]
    )

    class Meta:
        icon = "media"
        label = _("Video or audio file")
        template = "content/blocks/media_file.html"
        description = _("An uploaded video or audio file with an optional transcript")
        preview_value = {"kind": "audio", "title": _("Interview")}


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "content/blocks/document.html"
        description = _("A document the learner can download")
        preview_value = {"description": _("Checklist for home visits")}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("info", _("Information")),
            ("tip", _("Tip")),
            ("warning", _("Warning")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "ul", "ol", "link"]
    )

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "content/blocks/callout.html"
        description = _("A highlighted box: information, tip or warning")
        preview_value = {
            "kind": "tip",
            "title": _("Tip"),
            "text": "<p>Ask before you photograph a client.</p>",
        }
