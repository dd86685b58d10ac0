"""Forms for rating, recognising prior learning, reviewing and setting targets.

Forms parse and check input; the writes happen in services.py. A competency
and a level are chosen from lists the view limits (the course's competencies,
the viewer's units), so a forged POST fails like any other bad choice. Levels
are offered per framework and sent as "framework:level", because "3" means
something else on DigComp's eight levels than on a house scale of three.
"""

import uuid

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lms.people.forms import UnitChoiceField
from lms.people.models import JobRole, StaffType

from . import services
from .models import Competency, Evidence, EvidenceStatus, Framework
from .staff_selectors import level_label

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

#: What a recognised certificate may be, told by its first bytes, never by its
#: name: a renamed HTML page stays an HTML page.
DOCUMENT_TYPES = [
    (b"%PDF-", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
]


class CompetencyField(forms.ChoiceField):
    """A select of competencies grouped by framework, indented as a tree."""

    def __init__(self, competencies, **kwargs):
        self.competencies = {str(c.pk): c for c in competencies}
        groups: dict[int, tuple[str, list]] = {}
        for competency in self.competencies.values():
            indent = "\u2003" * (competency.depth - 1)
            group = groups.setdefault(
                competency.framework_id, (str(competency.framework), [])
            )
            group[1].append((str(competency.pk), f"{indent}{competency}"))
        kwargs.setdefault("label", _("Competency"))
        super().__init__(
            choices=[("", _("Choose a competency")), *groups.values()], **kwargs
        )

    def clean(self, value) -> Competency | None:
        value = super().clean(value)
        return self.competencies.get(value) if value else None


class ScaleLevelField(forms.ChoiceField):
    """A level, grouped by framework; cleans to (framework id, level)."""

    def __init__(self, frameworks, **kwargs):
        choices = [("", _("Choose a level"))]
        for framework in frameworks:
            choices.append(
                (
                    str(framework),
                    [
                        (
                            f"{framework.pk}:{level.value}",
                            level_label(framework, level.value),
                        )
                        for level in framework.levels.all()
                    ],
                )
            )
        kwargs.setdefault("label", _("Level"))
        super().__init__(choices=choices, **kwargs)

    def clean(self, value) -> tuple[int, int] | None:
        value = super().clean(value)
        if not value:
            return None
        framework_id, level = value.split(":")
        return int(framework_id), int(level)


def _clean_level_of(form: forms.Form) -> None:
    """The level must come from the chosen competency's own scale."""
    competency = form.cleaned_data.get("competency")
    chosen = form.cleaned_data.get("level")
    if competency is None or chosen is None:
        return
    framework_id, level = chosen
    if framework_id != competency.framework_id:
        form.add_error(
            "level",
            _("Choose a level from the scale of %(framework)s.")
            % {"framework": competency.framework},
        )
        return
    form.cleaned_data["level"] = level


class RatingForm(forms.Form):
    """A trainer's or manager's rating of one competency."""

    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you observed, e.g. in which situation."),
    )
    needs_review = forms.BooleanField(
        label=_("Send for review instead of counting at once"),
        required=False,
        help_text=_("Someone else in HR approves or rejects the rating first."),
    )

    field_order = ["competency", "level", "note", "needs_review"]

    def __init__(self, *args, competencies, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"] = CompetencyField(competencies)
        self.fields["level"] = ScaleLevelField(frameworks)
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = super().clean()
        _clean_level_of(self)
        return cleaned


class PriorLearningForm(forms.Form):
    """Recognising learning done elsewhere, proven by a document."""

    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. the issuer and date of the certificate."),
    )
    document = forms.FileField(
        label=_("Document"),
        help_text=_("A certificate or confirmation: PDF, PNG or JPEG, up to 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/png,image/jpeg"}
        ),
    )

    field_order = ["competency", "level", "note", "document"]

    def __init__(self, *args, competencies, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"] = CompetencyField(competencies)
        self.fields["level"] = ScaleLevelField(frameworks)
        self.order_fields(self.field_order)

    def clean_document(self):
        document = self.cleaned_data["document"]
        if document.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(
                _("The document is larger than 10 MB. Please upload a smaller file.")
            )
        document.seek(0)
        head = document.read(16)
        document.seek(0)
        extension = next(
            (ext for magic, ext in DOCUMENT_TYPES if head.startswith(magic)), None
        )
        if extension is None:
            raise forms.ValidationError(
                _("This is not a PDF, PNG or JPEG file. Please upload one of those.")
            )
        # Our own name: the uploader's may be misleading or reveal too much.
        document.name = f"{uuid.uuid4().hex}{extension}"
        return document

    def clean(self):
        cleaned = super().clean()
        _clean_level_of(self)
        return cleaned


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))]
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class TargetForm(forms.Form):
    """A required level for a unit (and its sub-units), a staff type and/or a
    job role; only admins may leave the unit empty (the whole organisation)."""

    include_subunits = forms.BooleanField(
        label=_("Include sub-units"), required=False, initial=True
    )
    staff_type = forms.ChoiceField(
        label=_("Staff type"),
        choices=[("", _("Paid staff and volunteers")), *StaffType.choices],
        required=False,
    )
    job_role = forms.ModelChoiceField(
        queryset=JobRole.objects.all(),
        label=_("Job role"),
        required=False,
        empty_label=_("Every job role"),
    )

    field_order = [
        "competency",
        "level",
        "unit",
        "include_subunits",
        "staff_type",
        "job_role",
    ]

    def __init__(self, *args, user, units, competencies, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"] = CompetencyField(competencies)
        self.fields["level"] = ScaleLevelField(frameworks, label=_("Required level"))
        self.fields["unit"] = UnitChoiceField(
            queryset=units.order_by("path"),
            label=_("Organisation unit"),
            required=not user.is_superuser,
            empty_label=(
                _("Whole organisation") if user.is_superuser else _("Choose a unit")
            ),
        )
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = super().clean()
        _clean_level_of(self)
        return cleaned


def framework_choices_for(competencies) -> list[Framework]:
    """The frameworks (with their scales) of these competencies, in order."""
    seen: dict[int, Framework] = {}
    for competency in competencies:
        seen.setdefault(competency.framework_id, competency.framework)
    return list(seen.values())


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the fields it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def rating_from_form(
    form: forms.Form,
    *,
    rater: AbstractBaseUser,
    learner: AbstractBaseUser,
    source: str,
) -> Evidence | None:
    """Record the rating a valid RatingForm or PriorLearningForm describes.
    The caller has checked that the rater may rate this learner; when the
    service refuses (e.g. rating oneself) the form carries the reason and
    nothing is stored."""
    data = form.cleaned_data
    try:
        return services.rating_record(
            rater=rater,
            user=learner,
            competency=data["competency"],
            level=data["level"],
            source=source,
            note=data["note"],
            needs_review=data.get("needs_review", False),
            document=data.get("document"),
        )
    except ValidationError as error:
        add_service_error(form, error)
        return None


def rating_message(evidence: Evidence) -> str:
    values = {"competency": evidence.competency, "name": person_name(evidence.user)}
    if evidence.status == EvidenceStatus.PENDING:
        return gettext("Rating of %(competency)s for %(name)s sent for review.") % (
            values
        )
    return gettext("%(competency)s recorded for %(name)s.") % values


def person_name(user: AbstractBaseUser) -> str:
    return user.get_full_name() or user.get_username()
