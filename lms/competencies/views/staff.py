"""HR's and managers' competence pages: a person's competences with manager
ratings and recognised prior learning, ratings waiting for review, and targets.

A manager is an HR user whose managed units are their teams, so every page
needs HR (or an admin) and looks people up through the scoped selectors: a
person, rating or target outside the viewer's units is not found (404) rather
than forbidden, and reveals nothing.
"""

import mimetypes

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lms.people.selectors import profiles_in_scope, units_in_scope
from lms.people.views import hr_required

from .. import services
from ..models import Competency, CompetencyTarget, EvidenceSource, EvidenceStatus
from ..selectors import learner_frameworks
from ..staff_forms import (
    PriorLearningForm,
    RatingForm,
    ReviewForm,
    TargetForm,
    add_service_error,
    framework_choices_for,
    person_name,
    rating_from_form,
    rating_message,
)
from ..staff_selectors import (
    evidence_in_scope,
    label_levels,
    level_label,
    reviews_waiting,
    target_editable,
    targets_visible,
    with_framework,
)


@hr_required
def staff_competences(request, profile_pk: int):
    profile = get_object_or_404(profiles_in_scope(request.user), pk=profile_pk)
    competencies = list(with_framework(Competency.objects.all()))
    choices = {
        "competencies": competencies,
        "frameworks": framework_choices_for(competencies),
    }
    action = request.POST.get("action") if request.method == "POST" else None
    rating_form = RatingForm(
        request.POST if action == "rating" else None, prefix="rating", **choices
    )
    prior_form = PriorLearningForm(
        request.POST if action == "prior" else None,
        request.FILES if action == "prior" else None,
        prefix="prior",
        **choices,
    )
    bound = {"rating": rating_form, "prior": prior_form}.get(action)
    source = {"rating": EvidenceSource.MANAGER, "prior": EvidenceSource.PRIOR}
    if bound is not None and bound.is_valid():
        evidence = rating_from_form(
            bound, rater=request.user, learner=profile.user, source=source[action]
        )
        if evidence is not None:
            messages.success(request, rating_message(evidence))
            return redirect("hr-staff-competences", profile_pk=profile.pk)
    overviews = learner_frameworks(profile.user)
    label_levels(overviews)
    return TemplateResponse(
        request,
        "competencies/staff_person.html",
        {
            "profile": profile,
            "overviews": overviews,
            "rating_form": rating_form,
            "prior_form": prior_form,
        },
    )


@require_safe
@hr_required
def evidence_document(request, pk: int):
    """The uploaded proof of prior learning, only for HR of the person's unit;
    always a download, never shown in the browser (it is not our content)."""
    evidence = get_object_or_404(evidence_in_scope(request.user), pk=pk)
    if not evidence.document:
        raise Http404
    name = evidence.document.name
    content_type, _encoding = mimetypes.guess_type(name)
    try:
        handle = evidence.document.open("rb")
    except OSError as error:
        raise Http404 from error
    extension = mimetypes.guess_extension(content_type or "") or ""
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"evidence-{evidence.pk}{extension}",
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@hr_required
def reviews(request):
    waiting = list(reviews_waiting(request.user))
    for item in waiting:
        item.level_label = level_label(item.competency.framework, item.level)
    return TemplateResponse(
        request, "competencies/staff_reviews.html", {"waiting": waiting}
    )


@require_POST
@hr_required
def review_decide(request, pk: int):
    evidence = get_object_or_404(
        evidence_in_scope(request.user).filter(status=EvidenceStatus.PENDING), pk=pk
    )
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to approve or reject the rating."))
        return redirect("hr-competence-reviews")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.review_decide(
            reviewer=request.user,
            evidence=evidence,
            approve=approve,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("hr-competence-reviews")
    values = {"competency": evidence.competency, "name": person_name(evidence.user)}
    messages.success(
        request,
        (
            _("Rating of %(competency)s for %(name)s approved: it counts now.")
            if approve
            else _("Rating of %(competency)s for %(name)s rejected.")
        )
        % values,
    )
    return redirect("hr-competence-reviews")


@hr_required
def targets(request):
    competencies = list(with_framework(Competency.objects.all()))
    form = TargetForm(
        request.POST or None,
        user=request.user,
        units=units_in_scope(request.user),
        competencies=competencies,
        frameworks=framework_choices_for(competencies),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target = services.target_create(created_by=request.user, **data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Target set: %(competency)s at level %(level)s for %(unit)s.")
                % {
                    "competency": target.competency,
                    "level": level_label(target.competency.framework, target.level),
                    "unit": target.unit or _("the whole organisation"),
                },
            )
            return redirect("hr-competence-targets")
    visible = list(targets_visible(request.user))
    for target in visible:
        target.level_label = level_label(target.competency.framework, target.level)
    return TemplateResponse(
        request,
        "competencies/staff_targets.html",
        {"form": form, "targets": visible},
    )


@hr_required
def target_delete(request, pk: int):
    target = get_object_or_404(
        CompetencyTarget.objects.select_related("competency__framework", "unit"),
        pk=pk,
    )
    if not target_editable(request.user, target):
        raise Http404
    target.level_label = level_label(target.competency.framework, target.level)
    if request.method == "POST":
        services.target_delete(target=target)
        messages.success(
            request,
            _("Target for %(competency)s deleted.") % {"competency": target.competency},
        )
        return redirect("hr-competence-targets")
    return TemplateResponse(
        request, "competencies/staff_target_delete.html", {"target": target}
    )


urlpatterns = [
    path(
        "hr/staff/<int:profile_pk>/competences/",
        staff_competences,
        name="hr-staff-competences",
    ),
    path(
        "hr/competences/evidence/<int:pk>/document/",
        evidence_document,
        name="hr-evidence-document",
    ),
    path("hr/competences/reviews/", reviews, name="hr-competence-reviews"),
    path(
        "hr/competences/reviews/<int:pk>/",
        review_decide,
        name="hr-competence-review",
    ),
    path("hr/competences/targets/", targets, name="hr-competence-targets"),
    path(
        "hr/competences/targets/<int:pk>/delete/",
        target_delete,
        name="hr-competence-target-delete",
    ),
]
