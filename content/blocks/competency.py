"""Which competencies a piece of learning develops, and to which level.

Courses, modules and lessons carry these in a `competencies` field, activities
in their own block; completing or passing the learning records evidence
(courses.competency_evidence). Kept in the content so that it is versioned with
the page; courses.competency_index copies it into a table for searching."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock


class CompetencyLevelBlock(blocks.StructBlock):
    competency = SnippetChooserBlock("competencies.Competency", label=_("Competency"))
    level = blocks.IntegerBlock(
        label=_("Level"),
        min_value=1,
        help_text=_("The level the learning brings the learner to."),
    )

    class Meta:
        icon = "pick"
        label = _("Competency")

    def clean(self, value):
        value = super().clean(value)
        competency = value.get("competency")
        if competency is not None:
            levels = competency.framework.level_values()
            if value["level"] not in levels:
                raise StructBlockValidationError(
                    block_errors={
                        "level": ValidationError(
                            _("Choose a level between %(min)s and %(max)s.")
                            % {"min": min(levels), "max": max(levels)}
                        )
                    }
                )
        return value


def competencies_block() -> blocks.ListBlock:
    """The list every activity block carries (empty by default)."""
    return blocks.ListBlock(
        CompetencyLevelBlock(),
        label=_("Competencies developed"),
        required=False,
        default=[],
        help_text=_("Passing this activity records evidence for these."),
    )


def competency_links(value) -> list[tuple]:
    """[(competency, level)] from a `competencies` list or stream value,
    skipping competencies deleted since."""
    links = []
    for item in value or []:
        item = getattr(item, "value", item)
        competency = item.get("competency")
        if competency is not None:
            links.append((competency, item.get("level")))
    return links
