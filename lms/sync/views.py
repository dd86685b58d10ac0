"""Offline sync, xAPI intake from the H5P player, and the player's saved state.

All endpoints speak JSON, answer a learner who is not logged in with 403
(never a redirect to the login page, which a script cannot follow), and check
that the learner is enrolled in the lesson's course and that the block is of
the right kind in that lesson: the ids come from the browser and prove
nothing. All take the CSRF token in the `X-CSRFToken` header."""

import json
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from courses import selectors, services
from courses.activity_views import enrolled_block
from lms.activities.selectors import h5p as h5p_selectors
from lms.activities.services import h5p as h5p_services

from . import services as sync_services
from . import xapi

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 512 * 1024
MAX_USER_DATA_CHARS = 64 * 1024
KEY_MAX_LENGTH = 64
MAX_SYNC_BODY_BYTES = 2 * 1024 * 1024
MAX_SYNC_ITEMS = 1000


def _sync_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _body_too_large(request: HttpRequest, limit: int) -> bool:
    declared = request.headers.get("Content-Length") or "0"
    return not declared.isdigit() or int(declared) > limit or len(request.body) > limit


@require_POST
def sync(request: HttpRequest):
    """Take a batch of the learner's offline actions (lms.sync.items).

    Request: `POST /api/sync/` with header `X-CSRFToken` and the JSON body
    `{"items": [{"id": UUID, "type": str, "occurred_at": ISO-8601, "data":
    {…}}]}`, at most 1,000 items and 2 MB.

    Answers:
    - 200 `{"results": [{"id": UUID, "status": "stored" | "duplicate" |
      "rejected", "error": str (when rejected)}]}`, one result per item in
      the order sent. "stored" and "duplicate" items can leave the device's
      queue; a "rejected" one stays rejected when sent again (the reason says
      why; see lms.sync.services). One bad item never spoils the others.
    - 400 `{"error": str}` when the body is not JSON or has no `items` list;
      413 over 2 MB or 1,000 items (send the rest in the next batch); 403
      when not logged in (keep the queue and send it after logging in); 503
      when the database failed: nothing of the batch was kept, send it again.
      Without a valid CSRF token Django answers its own 403 page."""
    if not request.user.is_authenticated:
        return _sync_error(_("Please log in; your changes wait on this device."), 403)
    if _body_too_large(request, MAX_SYNC_BODY_BYTES):
        return _sync_error(_("Too much data in one request."), 413)
    try:
        envelope = json.loads(request.body)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return _sync_error(_("The request body is not valid JSON."), 400)
    items = envelope.get("items") if isinstance(envelope, dict) else None
    if not isinstance(items, list):
        return _sync_error(_('The body must be {"items": [...]}.'), 400)
    if len(items) > MAX_SYNC_ITEMS:
        return _sync_error(
            _("At most %(count)d items per request.") % {"count": MAX_SYNC_ITEMS},
            413,
        )
    try:
        results = sync_services.sync_batch_ingest(user=request.user, items=items)
    except DatabaseError:
        logger.exception("Offline sync batch failed; nothing of it was kept")
        return _sync_error(_("The server is busy; please send again later."), 503)
    return JsonResponse({"results": [result.as_json() for result in results]})


def _error(message: str, status: int) -> JsonResponse:
    """`error` for our script; `success`/`message` as H5P core reads errors."""
    return JsonResponse(
        {"error": message, "success": False, "message": message}, status=status
    )


def _h5p_block(request: HttpRequest, lesson_id, block_id):
    """The lesson and H5P block the learner is enrolled in, or an error answer."""
    if not request.user.is_authenticated:
        return _error(_("Please log in."), 403)
    try:
        lesson_pk = int(lesson_id)
    except (TypeError, ValueError):
        return _error(_("The lesson is missing or not a number."), 400)
    try:
        return enrolled_block(request, lesson_pk, str(block_id or ""), "h5p")
    except Http404:
        return _error(_("There is no such H5P exercise in this lesson."), 400)
    except PermissionDenied:
        return _error(_("You are not enrolled in this course."), 403)


@require_POST
def xapi_statements(request: HttpRequest):
    """Take H5P's xAPI statements for the logged-in learner.

    Request: `POST /api/xapi/statements?lesson=<lesson id>&block=<block id>
    &package=<package id>` with header `X-CSRFToken` and a JSON body that is one
    xAPI statement or a list of them. Every statement needs an `id` (a UUID; the
    player makes one when H5P did not) and the actor
    `{"mbox": "mailto:<user id>@users.lms.invalid"}`; scores must lie within
    their min and max (max above 0, scaled within 0..1). `package` must be the
    package the block holds now, so a page left open while a trainer swapped
    the package cannot score the new one.

    Answers:
    - 200 `{"results": [{"id": UUID, "status": "stored" | "duplicate" |
      "ignored"}], "state": {"attempts": n, "counting": "best" | "last",
      "raw_score": x, "max_score": y, "scaled_score": s, "passed": bool},
      "completed": bool}`. Root answered/completed statements are stored with
      one attempt each; a replayed id is a "duplicate" and stores nothing; child
      statements (with a context parent) and other verbs are "ignored" and
      stored nowhere. `completed` tells whether the activity is complete now.
    - 400 `{"error": str}` for malformed JSON, a missing or bad id, a score out
      of bounds, an unknown lesson, block or package; 403 when not logged in,
      not enrolled, or the actor is someone else; 413 for a body over 512 KB.
    A request is taken whole or not at all: one bad statement stores nothing."""
    lesson_block = _h5p_block(
        request, request.GET.get("lesson"), request.GET.get("block")
    )
    if isinstance(lesson_block, JsonResponse):
        return lesson_block
    lesson, block = lesson_block
    package = block.value["package"]
    if package is None or request.GET.get("package") != str(package.pk):
        return _error(_("This package is not the one in this exercise."), 400)
    if _body_too_large(request, MAX_BODY_BYTES):
        return _error(_("Too much data in one request."), 413)
    try:
        statements = xapi.statements_read(request.body, user_pk=request.user.pk)
    except xapi.StatementForeign as error:
        return _error(str(error), 403)
    except xapi.StatementInvalid as error:
        return _error(str(error), 400)
    outcome = h5p_services.h5p_statements_record(
        user=request.user,
        page=lesson,
        block_id=block.id,
        value=block.value,
        statements=statements,
    )
    completed = block.id in selectors.completed_activity_ids(request.user, lesson)
    if outcome.completes and not completed:
        services.activity_complete(user=request.user, lesson=lesson, block_id=block.id)
        completed = True
    return JsonResponse(
        {
            "results": [
                {"id": str(statement_id), "status": status}
                for statement_id, status in outcome.results
            ],
            "state": outcome.state.as_json(),
            "completed": completed,
        }
    )


def _key(value: str) -> str:
    """A data type or sub-content id: short, and letters, digits, - and _."""
    if not value or len(value) > KEY_MAX_LENGTH:
        raise ValidationError("bad key")
    if not all(char.isascii() and (char.isalnum() or char in "-_") for char in value):
        raise ValidationError("bad key")
    return value


@require_http_methods(["GET", "POST"])
def h5p_user_data(
    request: HttpRequest,
    lesson_id: int,
    block_id: str,
    data_type: str,
    sub_content_id: str,
):
    """The player's saved state ("content user data"), in H5P core's protocol.

    `GET /api/h5p/user-data/<lesson id>-<block id>/<data type>/<sub content id>/`
    ("<lesson id>-<block id>" is the player's content id, so one URL pattern
    `…/:contentId/:dataType/:subContentId/` serves every player on a page)
    answers `{"success": true, "data": "<the JSON string saved>"}`, or
    `"data": false` when nothing is saved (the player then starts afresh).
    `POST` to the same URL with form fields `data`, `preload`, `invalidate`
    (and the `X-CSRFToken` header) saves `data`, or forgets the state when
    `data` is "0" (H5P's reset); it answers `{"success": true}`.
    `invalidate=1` is H5P's "discard when the content changes", sent with every
    autosave; it does not delete. Saved state is at most 64 KB (400 above)."""
    lesson_block = _h5p_block(request, lesson_id, block_id)
    if isinstance(lesson_block, JsonResponse):
        return lesson_block
    lesson, block = lesson_block
    try:
        key = {
            "data_type": _key(data_type),
            "sub_content_id": _key(sub_content_id),
        }
    except ValidationError:
        return _error(_("This is not a valid data type or sub-content id."), 400)
    where = {"user": request.user, "page": lesson, "block_id": block.id, **key}
    if request.method == "GET":
        data = h5p_selectors.h5p_user_data(**where)
        return JsonResponse({"success": True, "data": data if data else False})
    data = request.POST.get("data")
    if data is None:
        return _error(_("No data was sent."), 400)
    if data == "0":
        h5p_services.h5p_user_data_delete(**where)
        return JsonResponse({"success": True})
    if len(data) > MAX_USER_DATA_CHARS:
        return _error(_("The saved state is too large."), 400)
    h5p_services.h5p_user_data_save(**where, data=data)
    return JsonResponse({"success": True})
