"""The course tree as Wagtail pages, and who learns what with how much progress.

Progress keeps facts (one `ActivityAttempt` per try) apart from summaries
(`LessonProgress`, `Enrolment.completed_at`), as Kolibri's logger does; module
and course progress are never stored, they are counted in the database.
"""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from content.blocks import LessonBodyBlock, activity_block_ids
from content.blocks.competency import CompetencyLevelBlock
from lms.people.models import OrganisationUnit, StaffType


class Audience(models.TextChoices):
    PAID = StaffType.PAID.value, _("Paid staff")
    VOLUNTEER = StaffType.VOLUNTEER.value, _("Volunteers")
    BOTH = "both", _("Paid staff and volunteers")


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


def competencies_field() -> StreamField:
    """Competencies a course, module or lesson develops; completing it
    records evidence (courses.competency_evidence)."""
    return StreamField(
        [("competency", CompetencyLevelBlock())],
        verbose_name=_("competencies developed"),
        blank=True,
        help_text=_("Completing this records evidence for these competencies."),
    )


class CourseIndexPage(Page):
    """The catalogue: the site's root page, served at /courses/."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    def serve(self, request, *args, **kwargs):
        from .views import catalogue

        return catalogue(request, self)


class CoursePage(Page):
    summary = models.TextField(_("summary"))
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.BOTH
    )
    estimated_minutes = models.PositiveIntegerField(
        _("estimated minutes"), default=60, validators=[MinValueValidator(1)]
    )
    self_enrolment = models.BooleanField(
        _("self-enrolment"),
        default=True,
        help_text=_("Learners of the audience may enrol themselves."),
    )
    mandatory = models.BooleanField(
        _("mandatory"),
        default=False,
        help_text=_(
            "A required training, e.g. the yearly data-protection instruction."
        ),
    )
    recertification_months = models.PositiveSmallIntegerField(
        _("recertification interval (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leave empty if a completion never expires."),
    )
    topics = ParentalManyToManyField(Topic, blank=True, verbose_name=_("topics"))
    competencies = competencies_field()
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="courses_run",
        verbose_name=_("trainers"),
        help_text=_("They see the participants' progress."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("estimated_minutes"),
                FieldPanel("self_enrolment"),
                FieldPanel("mandatory"),
                FieldPanel("recertification_months"),
            ],
            heading=_("Who and how"),
        ),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("trainers"),
        FieldPanel("competencies"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")

    def is_open_to(self, staff_type: str | None) -> bool:
        return self.audience == Audience.BOTH or self.audience == staff_type

    def serve(self, request, *args, **kwargs):
        from .views import course_detail

        return course_detail(request, self)


class ModulePage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    competencies = competencies_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("competencies"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect

        return redirect(
            self.get_parent().specific_deferred.get_url(request) + f"#module-{self.pk}"
        )


class LessonPage(Page):
    estimated_minutes = models.PositiveIntegerField(
        _("estimated minutes"), default=10, validators=[MinValueValidator(1)]
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)
    competencies = competencies_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
        FieldPanel("competencies"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    def activity_ids(self) -> list[str]:
        return activity_block_ids(self.body)

    def serve(self, request, *args, **kwargs):
        from .views import lesson_detail

        return lesson_detail(request, self)


class CourseAssignment(models.Model):
    """HR's "this unit (and below) and/or this staff type must take this course".

    Kept as a rule, not a one-off, so that people who join later are enrolled too.
    """

    course = models.ForeignKey(
        CoursePage,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("course"),
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="course_assignments",
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
    due_date = models.DateField(_("due date"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("course assignment")
        verbose_name_plural = _("course assignments")

    def __str__(self):
        return f"{self.course} → {self.unit or _('whole organisation')}"


class EnrolmentSource(models.TextChoices):
    SELF = "self", _("Self-enrolled")
    ASSIGNMENT = "assignment", _("Assigned")
    MANUAL = "manual", _("Enrolled by staff")


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        CoursePage,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("course"),
    )
    source = models.CharField(
        _("source"), max_length=16, choices=EnrolmentSource.choices
    )
    assignment = models.ForeignKey(
        CourseAssignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("assignment"),
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="one_enrolment_per_course"
            )
        ]
        permissions = [("view_participants", _("Can see participants' progress"))]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self):
        return f"{self.user}: {self.course}"


class LessonProgress(models.Model):
    """Summary of one learner in one lesson: 0..1 progress and when it completed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson = models.ForeignKey(
        LessonPage, on_delete=models.CASCADE, related_name="progress"
    )
    progress = models.FloatField(
        default=0.0, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    first_visited_at = models.DateTimeField(auto_now_add=True)
    last_visited_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson"], name="one_progress_per_lesson"
            )
        ]
        indexes = [models.Index(fields=["user", "-last_visited_at"])]
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")


class ActivityAttempt(models.Model):
    """One try at one activity block of a lesson; append-only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="activity_attempts",
    )
    lesson = models.ForeignKey(
        LessonPage, on_delete=models.CASCADE, related_name="attempts"
    )
    block_id = models.CharField(max_length=64)
    completed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "lesson"])]
        verbose_name = _("activity attempt")
        verbose_name_plural = _("activity attempts")
