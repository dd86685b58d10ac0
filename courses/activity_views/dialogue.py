"""Views for the dialogue activity: notes alone, team sessions with a
presenter, a printable deck, and the trainers' list of facilitators.

Permission checks come first in every view, so a forged post (someone else's
session, a lesson one is not enrolled in) answers 403 before anything is read
from the form."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from content.models import Deck
from courses import selectors, services
from courses.models import Enrolment, LessonPage
from lms.activities.models import TeamSession
from lms.activities.selectors import dialogue as dialogue_selectors
from lms.activities.services import dialogue as dialogue_services
from lms.competencies.models import EvidenceSource
from lms.people.selectors import is_trainer

from . import enrolled_block, lesson_block


def _lesson_anchor(request, lesson: LessonPage, anchor: str) -> str:
    return f"{lesson.get_url(request)}#{anchor}"


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _facilitated_session(request, session_id: int) -> TeamSession:
    """The session, or 403 unless the user leads it."""
    session = get_object_or_404(
        TeamSession.objects.select_related("deck", "facilitator"), pk=session_id
    )
    if session.facilitator_id != request.user.pk:
        raise PermissionDenied
    return session


def _session_lesson(session: TeamSession) -> LessonPage:
    return get_object_or_404(LessonPage, pk=session.page_id)


@login_required
@require_POST
def note_save(request, lesson_id: int, block_id: str):
    lesson, block = enrolled_block(request, lesson_id, block_id, "deck")
    card_id = request.POST.get("card_id", "")
    try:
        dialogue_services.card_note_save(
            user=request.user,
            deck=block.value["deck"],
            card_id=card_id,
            text=request.POST.get("text", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_lesson_anchor(request, lesson, f"card-{card_id}"))
    # One note on one card completes the deck alone (the deck may sit in
    # several lessons, so ask this lesson, not the notes).
    if block_id not in selectors.completed_activity_ids(request.user, lesson):
        services.activity_complete(user=request.user, lesson=lesson, block_id=block_id)
    messages.success(request, _("Your note is saved. Only you can see it."))
    return redirect(_lesson_anchor(request, lesson, f"card-{card_id}"))


@login_required
@require_POST
def session_start(request, lesson_id: int, block_id: str):
    lesson, block = lesson_block(lesson_id, block_id, "deck")
    if not dialogue_selectors.can_facilitate(request.user):
        raise PermissionDenied
    course = selectors.course_of(lesson)
    try:
        chosen = {int(pk) for pk in request.POST.getlist("participants")}
    except ValueError as error:
        raise PermissionDenied from error
    # Only learners of this course take part; the facilitator may join in.
    participants = list(
        get_user_model().objects.filter(pk__in=chosen, enrolments__course=course)
    )
    if request.user.pk in chosen and request.user not in participants:
        participants.append(request.user)
    if len(participants) != len(chosen):
        raise PermissionDenied
    try:
        session = dialogue_services.team_session_start(
            facilitator=request.user,
            page=lesson,
            block_id=block_id,
            deck=block.value["deck"],
            team_name=request.POST.get("team_name", ""),
            participants=participants,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_lesson_anchor(request, lesson, f"deck-{block_id}"))
    return redirect("deck-session-present", session_id=session.pk)


def _card_index(request, total: int) -> int:
    try:
        index = int(request.GET.get("card", 1))
    except ValueError:
        index = 1
    return min(max(index, 1), max(total, 1))


@login_required
def session_present(request, session_id: int):
    session = _facilitated_session(request, session_id)
    if session.ended_at:
        return redirect("deck-session-summary", session_id=session.pk)
    cards = dialogue_selectors.session_cards(session)
    current = _card_index(request, len(cards))
    return TemplateResponse(
        request,
        "courses/activities/dialogue/present.html",
        {
            "session": session,
            "deck": session.deck,
            "cards": cards,
            "current": current,
            "total": len(cards),
            "previous": max(current - 1, 1),
            "next": min(current + 1, len(cards)),
        },
    )


@login_required
def session_notes(request, session_id: int):
    session = _facilitated_session(request, session_id)
    return TemplateResponse(
        request,
        "courses/activities/dialogue/notes.html",
        {
            "session": session,
            "deck": session.deck,
            "cards": session.deck.cards(),
        },
    )


@login_required
@require_POST
def session_record(request, session_id: int, card_id: str):
    session = _facilitated_session(request, session_id)
    try:
        dialogue_services.session_card_record_save(
            session=session,
            card_id=card_id,
            agreements=request.POST.get("agreements", ""),
            open_questions=request.POST.get("open_questions", ""),
        )
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": error.messages}, status=400)
        messages.error(request, " ".join(error.messages))
    else:
        if _wants_json(request):
            return JsonResponse({"ok": True})
        messages.success(request, _("Saved for this card."))
    present = reverse("deck-session-present", kwargs={"session_id": session.pk})
    return redirect(f"{present}?card={request.POST.get('card', 1)}")


@login_required
@require_POST
def session_end(request, session_id: int):
    session = _facilitated_session(request, session_id)
    participants = dialogue_services.team_session_end(session=session)
    lesson = _session_lesson(session)
    course = selectors.course_of(lesson)
    enrolled = set(
        Enrolment.objects.filter(course=course, user__in=participants).values_list(
            "user_id", flat=True
        )
    )
    # Taking part is the activity: everyone enrolled completes it, whoever
    # held the pen.
    for participant in participants:
        if participant.pk not in enrolled:
            continue
        try:
            services.activity_complete(
                user=participant,
                lesson=lesson,
                block_id=session.block_id,
                evidence_source=EvidenceSource.TEAM_SESSION,
            )
        except ValidationError:
            # The block left the lesson since the session began: the summary
            # stands, there is no activity left to complete.
            break
    messages.success(request, _("The session has ended. Here is its summary."))
    return redirect("deck-session-summary", session_id=session.pk)


@login_required
def session_summary(request, session_id: int):
    session = get_object_or_404(
        TeamSession.objects.select_related("deck", "facilitator"), pk=session_id
    )
    lesson = _session_lesson(session)
    if not dialogue_selectors.session_for_reader(request.user, session):
        course = selectors.course_of(lesson)
        if not selectors.courses_run_by(request.user).filter(pk=course.pk).exists():
            raise PermissionDenied
    cards = dialogue_selectors.session_cards(session)
    return TemplateResponse(
        request,
        "courses/activities/dialogue/summary.html",
        {
            "session": session,
            "deck": session.deck,
            "lesson": lesson,
            "discussed": [card for card in cards if card["discussed"]],
            "participants": session.participants.select_related(
                "profile__unit"
            ).order_by("last_name", "first_name", "username"),
        },
    )


@login_required
def deck_print(request, deck_id: int):
    deck = get_object_or_404(Deck, pk=deck_id)
    return TemplateResponse(
        request,
        "courses/activities/dialogue/print.html",
        {"deck": deck, "cards": deck.cards()},
    )


def _require_trainer(request) -> None:
    if not is_trainer(request.user):
        raise PermissionDenied


@login_required
def facilitators(request):
    _require_trainer(request)
    if request.method == "POST":
        username = request.POST.get("username", "").strip()
        user = get_user_model().objects.filter(username=username).first()
        try:
            if user is None:
                raise ValidationError(_("There is nobody with this username."))
            dialogue_services.facilitator_grant(user=user, granted_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s may now lead team sessions.")
                % {"name": user.get_full_name() or user.get_username()},
            )
        return redirect("deck-facilitators")
    return TemplateResponse(
        request,
        "courses/activities/dialogue/facilitators.html",
        {
            "grants": dialogue_selectors.facilitator_grants(),
            "staff": dialogue_selectors.grantable_staff(),
        },
    )


@login_required
@require_POST
def facilitator_revoke(request, user_id: int):
    _require_trainer(request)
    user = get_object_or_404(get_user_model(), pk=user_id)
    if dialogue_services.facilitator_revoke(user=user):
        messages.success(
            request,
            _("%(name)s may no longer lead team sessions.")
            % {"name": user.get_full_name() or user.get_username()},
        )
    return redirect("deck-facilitators")


urlpatterns = [
    path(
        "my/lessons/<int:lesson_id>/decks/<str:block_id>/notes/",
        note_save,
        name="deck-note-save",
    ),
    path(
        "my/lessons/<int:lesson_id>/decks/<str:block_id>/sessions/",
        session_start,
        name="deck-session-start",
    ),
    path("sessions/<int:session_id>/", session_summary, name="deck-session-summary"),
    path(
        "sessions/<int:session_id>/present/",
        session_present,
        name="deck-session-present",
    ),
    path("sessions/<int:session_id>/notes/", session_notes, name="deck-session-notes"),
    path(
        "sessions/<int:session_id>/cards/<str:card_id>/",
        session_record,
        name="deck-session-record",
    ),
    path("sessions/<int:session_id>/end/", session_end, name="deck-session-end"),
    path("decks/<int:deck_id>/print/", deck_print, name="deck-print"),
    path("trainer/facilitators/", facilitators, name="deck-facilitators"),
    path(
        "trainer/facilitators/<int:user_id>/revoke/",
        facilitator_revoke,
        name="deck-facilitator-revoke",
    ),
]
