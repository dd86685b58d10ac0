"""Competency frameworks, what a learner can show for them, and what is expected.

A framework carries its own scale, so that DigComp 2.2 (8 levels), DigComp 3.0
(4) and a house framework (3) live side by side. Evidence is an append-only
fact; the learner's current level is derived from it by one documented rule
(`lms.competencies.rules`) and kept in `CompetencyState`, a summary row the
evidence service refreshes, so that reports count levels in SQL.

Texts are stored in the framework's own language with optional translations
(`{"en": {"short_name": …, "description": …}}`), because evidence must point at
one competency whatever language the learner reads it in.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.search import index

from lms.people.models import JobRole, OrganisationUnit, StaffType

from .storage import private_storage


class Translated:
    """`text("short_name")` in the active language where a translation exists,
    else as stored (in the framework's own language). No fallback to a third
    language: a German framework reads German in a Danish interface until
    someone adds Danish, rather than guessing."""

    translations: dict

    def text(self, field: str) -> str:
        language = (translation.get_language() or "").split("-")[0]
        value = (self.translations or {}).get(language, {}).get(field)
        return value or getattr(self, field)


class Framework(Translated, ClusterableModel):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=255)
    source = models.CharField(
        _("published by"),
        max_length=255,
        blank=True,
        help_text=_("Who publishes it, e.g. “European Commission, JRC”."),
    )
    version = models.CharField(_("version"), max_length=50, blank=True)
    language = models.CharField(
        _("language"),
        max_length=16,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the texts, e.g. “de” or “en”."),
    )
    description = models.TextField(_("description"), blank=True)
    identifier = models.UUIDField(
        _("identifier"),
        default=uuid.uuid4,
        unique=True,
        help_text=_("Kept from a CASE import so that exports keep it too."),
    )
    default_level = models.PositiveSmallIntegerField(
        _("default level"),
        default=1,
        help_text=_("The level given when learning is linked without one."),
    )
    proficient_level = models.PositiveSmallIntegerField(
        _("proficient from level"),
        default=1,
        help_text=_("From this level on a competency counts as achieved."),
    )
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("competency framework")
        verbose_name_plural = _("competency frameworks")

    def __str__(self):
        name = self.text("name")
        if not self.version or self.version in name:
            return name
        return f"{name} {self.version}"

    def level_values(self) -> list[int]:
        return [level.value for level in self.levels.all()]

    def clean(self):
        super().clean()
        if self.proficient_level < 1 or self.default_level < 1:
            raise ValidationError(_("Levels start at 1."))


class ScaleLevel(Translated, models.Model):
    """One step of a framework's scale; `value` orders them, 1 is the lowest."""

    framework = ParentalKey(Framework, on_delete=models.CASCADE, related_name="levels")
    value = models.PositiveSmallIntegerField(_("value"))
    name = models.CharField(_("name"), max_length=120)
    band = models.CharField(
        _("band"),
        max_length=120,
        blank=True,
        help_text=_("A group of levels, e.g. DigComp's “Foundation”."),
    )
    description = models.TextField(_("description"), blank=True)
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        ordering = ["framework", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "value"], name="one_scale_level_per_value"
            )
        ]
        verbose_name = _("scale level")
        verbose_name_plural = _("scale levels")

    def __str__(self):
        return f"{self.value} {self.text('name')}"


class Competency(Translated, index.Indexed, ClusterableModel):
    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        related_name="competencies",
        verbose_name=_("framework"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    code = models.CharField(
        _("code"),
        max_length=100,
        blank=True,
        help_text=_("As the framework numbers it, e.g. “4.2”."),
    )
    short_name = models.CharField(_("short name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    item_type = models.CharField(
        _("type"),
        max_length=100,
        blank=True,
        help_text=_("e.g. “Area” or “Competence”."),
    )
    identifier = models.UUIDField(_("identifier"), default=uuid.uuid4)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    depth = models.PositiveSmallIntegerField(default=1, editable=False)
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    search_fields = [
        index.SearchField("code"),
        index.SearchField("short_name"),
        index.AutocompleteField("short_name"),
        index.AutocompleteField("code"),
        index.FilterField("framework"),
    ]

    class Meta:
        ordering = ["framework", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"],
                condition=~Q(code=""),
                name="unique_competency_code_per_framework",
            ),
            models.UniqueConstraint(
                fields=["framework", "identifier"],
                name="unique_competency_identifier_per_framework",
            ),
        ]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")

    def __str__(self):
        name = self.text("short_name")
        return f"{self.code} {name}" if self.code else name

    def clean(self):
        super().clean()
        if self.parent_id and self.parent.framework_id != self.framework_id:
            raise ValidationError(
                {"parent": _("The parent belongs to another framework.")}
            )
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError(
                    {"parent": _("A competency cannot sit below itself.")}
                )
            ancestor = ancestor.parent


class LevelDescriptor(Translated, models.Model):
    """What a level of one competency looks like ("I can …"), where the source
    has it; the self-assessment questionnaire asks with these."""

    competency = ParentalKey(
        Competency, on_delete=models.CASCADE, related_name="level_descriptors"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    text_value = models.TextField(_("text"))
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        ordering = ["competency", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["competency", "level"], name="one_descriptor_per_level"
            )
        ]
        verbose_name = _("level descriptor")
        verbose_name_plural = _("level descriptors")

    def __str__(self):
        return self.text("text_value")


class EvidenceSource(models.TextChoices):
    COURSE = "course_completion", _("Course completion")
    ACTIVITY = "activity_pass", _("Activity passed")
    TEAM_SESSION = "team_session", _("Team session participation")
    TRAINER = "trainer_rating", _("Trainer rating")
    MANAGER = "manager_rating", _("Manager rating")
    SELF = "self_assessment", _("Self-assessment")
    PRIOR = "prior_learning", _("Prior learning")


#: Sources that are judgements of a person about now: the latest one sets the
#: level (it may lower it: a correction); see rules.current_level.
RATING_SOURCES = frozenset(
    {EvidenceSource.TRAINER, EvidenceSource.MANAGER, EvidenceSource.PRIOR}
)


class EvidenceStatus(models.TextChoices):
    VALID = "valid", _("Counts")
    PENDING = "pending_review", _("Waiting for review")
    REJECTED = "rejected", _("Rejected in review")


class EvidenceQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=EvidenceStatus.VALID).exclude(
            source=EvidenceSource.SELF
        )

    def awaiting_review(self):
        return self.filter(status=EvidenceStatus.PENDING, reviews__isnull=True)


class Evidence(models.Model):
    """One fact about a learner and a competency. Never edited: a correction,
    a review decision or a new self-assessment is a new row."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="competency_evidence",
        verbose_name=_("learner"),
    )
    competency = models.ForeignKey(
        Competency,
        on_delete=models.PROTECT,
        related_name="evidence",
        verbose_name=_("competency"),
    )
    level = models.PositiveSmallIntegerField(_("level"))
    source = models.CharField(
        _("kind of evidence"), max_length=32, choices=EvidenceSource.choices
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EvidenceStatus.choices,
        default=EvidenceStatus.VALID,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    document = models.FileField(
        _("document"),
        upload_to="evidence/%Y/%m/",
        storage=private_storage,
        blank=True,
        max_length=255,
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("learning"),
        help_text=_("The course, module, lesson or activity's lesson."),
    )
    block_id = models.CharField(_("activity"), max_length=64, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    review_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("review of"),
    )

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "competency", "recorded_at"]),
            models.Index(fields=["status", "source"]),
        ]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return f"{self.user} · {self.competency} · {self.level}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("Evidence is never changed; record new evidence."))
        super().save(*args, **kwargs)

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()


class CompetencyState(models.Model):
    """Summary of one learner and one competency, derived from the evidence
    (rules.current_level) by services.state_refresh; never written elsewhere.

    `valid_until` is the first moment at which an expiry can change the level;
    readers refresh a row whose moment has passed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="competency_states",
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="states"
    )
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    achieved = models.BooleanField(default=False)
    expired_level = models.PositiveSmallIntegerField(null=True, blank=True)
    valid_until = models.DateTimeField(null=True, blank=True)
    self_level = models.PositiveSmallIntegerField(null=True, blank=True)
    self_assessed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "competency"], name="one_state_per_competency"
            )
        ]
        indexes = [models.Index(fields=["competency", "level"])]
        verbose_name = _("competency state")
        verbose_name_plural = _("competency states")

    @property
    def is_due(self) -> bool:
        """Recertification is due: a level was held and has expired."""
        return self.expired_level is not None and (
            self.level is None or self.level < self.expired_level
        )


class CompetencyTarget(models.Model):
    """HR's "these people need this competency at this level".

    A person's target is the highest level among the targets that reach them
    (their unit or an ancestor with sub-units, or the whole organisation; their
    staff type or any; their job role or any)."""

    competency = models.ForeignKey(
        Competency,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("competency"),
    )
    level = models.PositiveSmallIntegerField(_("required level"))
    unit = models.ForeignKey(
        OrganisationUnit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="competency_targets",
        verbose_name=_("organisation unit"),
        help_text=_("Empty: the whole organisation."),
    )
    include_subunits = models.BooleanField(_("include sub-units"), default=True)
    staff_type = models.CharField(
        _("staff type"),
        max_length=16,
        choices=StaffType.choices,
        blank=True,
        help_text=_("Empty: paid staff and volunteers."),
    )
    job_role = models.ForeignKey(
        JobRole,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="competency_targets",
        verbose_name=_("job role"),
        help_text=_("Empty: every job role."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("set by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["competency__framework", "competency__sort_order", "level"]
        verbose_name = _("competency target")
        verbose_name_plural = _("competency targets")

    def __str__(self):
        return f"{self.competency} ≥ {self.level}"


class CompetencyLink(models.Model):
    """Index of "this learning develops that competency to this level", rebuilt
    from the pages' content when they are published (courses.competency_index);
    the content is the source of truth, this table makes it searchable."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=64, blank=True)
    course = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="links"
    )
    level = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "block_id", "competency"],
                name="one_link_per_learning_and_competency",
            )
        ]
        indexes = [models.Index(fields=["competency", "level"])]


class TargetStatus(models.Model):
    """Summary for reports: one row per person and competency they have a
    target for, with the required level, their level and whether they meet it.

    Kept up to date by the services (evidence, targets, profile changes:
    lms.competencies.target_status), so that a report over 100,000 people
    counts rows in SQL instead of resolving targets person by person. Unit,
    staff type and job role are copied from the profile for the same reason."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="target_statuses"
    )
    unit = models.ForeignKey(
        OrganisationUnit, on_delete=models.CASCADE, related_name="+"
    )
    staff_type = models.CharField(max_length=16, choices=StaffType.choices)
    job_role = models.ForeignKey(
        JobRole, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    required_level = models.PositiveSmallIntegerField()
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    valid_until = models.DateTimeField(null=True, blank=True)
    meets = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "competency"], name="one_target_status_per_competency"
            )
        ]
        indexes = [
            models.Index(fields=["competency", "unit"]),
            models.Index(fields=["unit", "staff_type"]),
        ]
        verbose_name = _("target status")
        verbose_name_plural = _("target statuses")
