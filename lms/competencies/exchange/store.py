"""The one writer of imported frameworks, and the tree the exporters walk."""

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backends

from ..models import Competency, Framework, LevelDescriptor, ScaleLevel
from .parsed import FrameworkImportError, ParsedFramework, tree_order, validate

SLUG_LENGTH = Framework._meta.get_field("slug").max_length


def framework_slug(name: str) -> str:
    """A free slug from the name; dots count as separators so that
    "DigComp 2.2" becomes "digcomp-2-2", like the shipped framework."""
    base = slugify(name.replace(".", " "))[: SLUG_LENGTH - 4].strip("-") or "framework"
    taken = set(
        Framework.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _refuse_duplicate(identifier: uuid.UUID) -> None:
    """One framework per identifier: importing a framework again would split
    learners' evidence over two copies. The existing one has to be deleted
    (or the file given another identifier) first."""
    existing = Framework.objects.filter(identifier=identifier).first()
    if existing is not None:
        raise FrameworkImportError(
            [
                _(
                    "This framework has already been imported as “%(name)s” "
                    "(%(slug)s): the identifier or Moodle ID number in the file "
                    "is the same. Delete that framework first to import it again."
                )
                % {"name": existing, "slug": existing.slug}
            ]
        )


def _clean(instance, where: str, **kwargs) -> None:
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        raise FrameworkImportError(
            [
                f"{where}: {message}"
                for messages in error.message_dict.values()
                for message in messages
            ]
        ) from error


def framework_import(parsed: ParsedFramework) -> Framework:
    """Write a parsed framework (its scale, competencies and level descriptors)
    in one transaction, or nothing at all."""
    problems = validate(parsed)
    if problems:
        raise FrameworkImportError(problems)
    order, _cycles = tree_order(parsed)
    identifier = parsed.identifier or uuid.uuid4()
    _refuse_duplicate(identifier)
    try:
        with transaction.atomic():
            framework = Framework(
                slug=framework_slug(parsed.name),
                name=parsed.name,
                source=parsed.source,
                version=parsed.version,
                description=parsed.description,
                identifier=identifier,
                default_level=parsed.default_level,
                proficient_level=parsed.proficient_level,
                translations=parsed.translations,
            )
            if parsed.language:
                framework.language = parsed.language
            _clean(framework, parsed.where)
            framework.save()
            ScaleLevel.objects.bulk_create(
                ScaleLevel(
                    framework=framework,
                    value=level.value,
                    name=level.name,
                    band=level.band,
                    description=level.description,
                    translations=level.translations,
                )
                for level in parsed.levels
            )
            saved = _competencies_create(framework, order)
            descriptors = [
                LevelDescriptor(
                    competency=saved[item.key],
                    level=descriptor.level,
                    text_value=descriptor.text,
                    translations=descriptor.translations,
                )
                for item, _depth in order
                for descriptor in item.descriptors
            ]
            LevelDescriptor.objects.bulk_create(descriptors, batch_size=500)
    except IntegrityError as error:
        # Only a concurrent import of the same framework gets here.
        _refuse_duplicate(identifier)
        raise FrameworkImportError([str(error)]) from error
    return framework


def _competencies_create(framework: Framework, order) -> dict[str, Competency]:
    """Insert the competencies level by level (a parent needs its key before
    its children), in bulk: one save per row, with its search and reference
    index tasks, took 45 seconds for 10,000 items. The search index, which the
    chooser needs, is then filled in bulk too. (The reference index, which
    only counts a framework's "usage" by its own competencies, is left out.)"""
    saved: dict[str, Competency] = {}
    levels: dict[int, list[tuple]] = {}
    for position, (item, depth) in enumerate(order, start=1):
        levels.setdefault(depth, []).append((position, item))
    for depth in sorted(levels):
        batch = []
        for position, item in levels[depth]:
            competency = Competency(
                framework=framework,
                parent=saved.get(item.parent_key),
                code=item.code,
                short_name=item.short_name,
                description=item.description,
                item_type=item.item_type,
                identifier=item.identifier or uuid.uuid4(),
                sort_order=position,
                depth=depth,
                translations=item.translations,
            )
            # Uniqueness and the tree were checked on the parsed data.
            _clean(
                competency,
                item.where,
                exclude=["framework", "parent"],
                validate_unique=False,
                validate_constraints=False,
            )
            batch.append(competency)
            saved[item.key] = competency
        Competency.objects.bulk_create(batch, batch_size=500)
    competencies = list(saved.values())
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Competency, competencies)
    return saved


def framework_tree(framework: Framework) -> list[tuple[Competency, int]]:
    """All competencies parents first, siblings by their order, with depth."""
    competencies = framework.competencies.order_by("sort_order", "pk").prefetch_related(
        "level_descriptors"
    )
    children: dict[int | None, list[Competency]] = {}
    for competency in competencies:
        children.setdefault(competency.parent_id, []).append(competency)
    order = []
    stack = [(competency, 1) for competency in reversed(children.get(None, []))]
    while stack:
        competency, depth = stack.pop()
        order.append((competency, depth))
        stack.extend(
            (child, depth + 1) for child in reversed(children.get(competency.pk, []))
        )
    return order
