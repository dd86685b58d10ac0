"""Measures the report pages and exports as HR gets them (`bench_reports`).

Each report is requested as a whole page through Django's test client, logged
in as the synthetic HR user of `seed_scale` (or, without scale data, an
administrator), for the top unit of the organisation: middleware, the view,
its queries, the template and the audit log, everything but the network.

- seconds: the median of `runs` requests after one warm-up request;
- queries: counted in one extra request (counting makes queries slower, so it
  is kept out of the timed ones);
- exports: the compliance list of everyone due (overdue or due soon) in the
  whole unit, as CSV and XLSX; the streamed body is consumed chunk by chunk,
  as a client would;
  peak_mb is the peak of Python's allocations during one export (tracemalloc,
  also in its own run since tracing slows everything down). If the export
  collected its rows in memory, it would grow with the number of rows;
- reference: the plain SQL statement that computes the matrix cells
  (`matrix.matrix_reference_sql`), timed the same way, and the matrix page's
  time divided by it.

A report whose page does not exist (yet) or does not answer 200 is listed
with an "error" instead of numbers, so the rest are still measured. Every
request is a real one, so the audit log gains an entry for each."""

import statistics
import time
import tracemalloc
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse

from lms.competencies.models import Evidence
from lms.people.models import OrganisationUnit, StaffProfile

from .scale import HR_USERNAME

DEFAULT_RUNS = 5
PLAIN_STATIC = "django.contrib.staticfiles.storage.StaticFilesStorage"
MB = 1024 * 1024


class BenchError(Exception):
    pass


def _median(timings: list[float]) -> float:
    return round(statistics.median(timings), 4)


def _viewer_and_unit():
    """The synthetic HR user and the unit they manage; else an administrator
    and the root unit with the most staff."""
    User = get_user_model()
    hr = User.objects.filter(username=HR_USERNAME).first()
    if hr is not None:
        unit = OrganisationUnit.objects.filter(managers__user=hr).order_by("path")
        if unit.exists():
            return hr, unit.first()
    admin = User.objects.filter(is_superuser=True, is_active=True).first()
    if admin is None:
        raise BenchError(
            "No one to measure as: run seed_scale, or create an administrator."
        )
    roots = OrganisationUnit.get_root_nodes()
    counts = {
        root.pk: StaffProfile.objects.filter(unit__path__startswith=root.path).count()
        for root in roots
    }
    if not counts:
        raise BenchError("There is no organisation unit: run seed_scale first.")
    return admin, max(roots, key=lambda root: counts[root.pk])


def _person(unit: OrganisationUnit, viewer) -> int | None:
    """Someone from the middle of the organisation with evidence, for the
    individual record (the synthetic HR user's own record would be read by
    its subject, which is not the HR case)."""
    staff = (
        StaffProfile.objects.filter(unit__path__startswith=unit.path)
        .exclude(user=viewer)
        .order_by("pk")
    )
    total = staff.count()
    if not total:
        return None
    middle = staff[total // 2 : total // 2 + 50].values_list("user_id", flat=True)
    with_evidence = (
        Evidence.objects.filter(user_id__in=list(middle))
        .values("user_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "user_id")
        .first()
    )
    return with_evidence["user_id"] if with_evidence else middle[0]


def _consume(response) -> tuple[int, int]:
    """Read the whole body; (bytes, lines). Streamed bodies chunk by chunk,
    so that the measurement does not itself hold the export in memory. (The
    test client closes the response itself, at the end of the stream.)"""
    size = lines = 0
    if response.streaming:
        for chunk in response.streaming_content:
            size += len(chunk)
            lines += chunk.count(b"\n")
    else:
        size = len(response.content)
        lines = response.content.count(b"\n")
    return size, lines


def _get(client: Client, url: str) -> tuple[int, int, int]:
    response = client.get(url)
    size, lines = _consume(response)
    return response.status_code, size, lines


def _timed(run: Callable[[], object], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return timings


def _page(client: Client, url: str | None, runs: int) -> dict:
    if url is None:
        return {"error": "page not available"}
    status, _size, _lines = _get(client, url)  # warm-up, and is it there?
    if status != 200:
        return {"error": f"HTTP {status}", "url": url}
    timings = _timed(lambda: _get(client, url), runs)
    with CaptureQueriesContext(connection) as queries:
        _get(client, url)
    return {"seconds": _median(timings), "queries": len(queries.captured_queries)}


def _export(client: Client, url: str | None, runs: int, csv: bool) -> dict:
    if url is None:
        return {"error": "page not available"}
    status, size, lines = _get(client, url)
    if status != 200:
        return {"error": f"HTTP {status}", "url": url}
    timings = _timed(lambda: _get(client, url), runs)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        _get(client, url)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    result = {
        "seconds": _median(timings),
        "peak_mb": round(peak / MB, 2),
        "bytes": size,
    }
    if csv:
        result["rows"] = max(0, lines - 1)  # without the header
    return result


def _url(name: str, *args, query: str = "") -> str | None:
    try:
        return reverse(name, args=args) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return None


def _reference(unit: OrganisationUnit, runs: int) -> dict:
    try:
        from .matrix import matrix_reference_sql
    except ImportError:
        return {"error": "lms.reports.matrix.matrix_reference_sql is missing"}

    def run():
        return matrix_reference_sql(unit.path, unit.depth + 1, None)

    run()
    return {"matrix_sql_seconds": _median(_timed(run, runs))}


def bench_reports(*, runs: int = DEFAULT_RUNS, log=lambda message: None) -> dict:
    """All figures as one dict (the JSON `bench_reports` prints)."""
    viewer, unit = _viewer_and_unit()
    person = _person(unit, viewer)
    log(f"Measuring as {viewer.get_username()} for “{unit.name}” ({runs} runs) …")
    query = f"unit={unit.pk}"
    # DEBUG off, as in production (no query log); static URLs without the
    # manifest, so that the measurement does not need collectstatic first.
    with override_settings(
        ALLOWED_HOSTS=["testserver", "localhost", "127.0.0.1"],
        DEBUG=False,
        STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": PLAIN_STATIC}},
    ):
        client = Client()
        client.force_login(viewer)
        reports = {}
        for name, url in (
            ("matrix", _url("reports-matrix", query=query)),
            ("compliance", _url("reports-compliance", query=query)),
            ("trend", _url("reports-trend", query=query)),
            (
                "individual",
                _url("reports-individual", person) if person is not None else None,
            ),
        ):
            log(f"  {name}")
            reports[name] = _page(client, url, runs)
        exports = {}
        for name, output in (("compliance_csv", "csv"), ("compliance_xlsx", "xlsx")):
            log(f"  {name}")
            exports[name] = _export(
                client,
                _url("reports-compliance-due", query=f"{query}&format={output}"),
                runs,
                csv=output == "csv",
            )
    log("  reference")
    reference = _reference(unit, runs)
    result = {
        "staff": StaffProfile.objects.count(),
        "evidence": Evidence.objects.count(),
        "runs": runs,
        "reports": reports,
        "exports": exports,
        "reference": reference,
    }
    matrix_seconds = reports["matrix"].get("seconds")
    sql_seconds = reference.get("matrix_sql_seconds")
    if matrix_seconds is not None and sql_seconds:
        result["matrix_vs_reference"] = round(matrix_seconds / sql_seconds, 2)
    return result
