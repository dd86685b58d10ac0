"""The report links for the reports' navigation, in one place."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

REPORT_LINKS = [
    ("reports-matrix", _("Competence matrix")),
    ("reports-compliance", _("Compliance")),
    ("reports-trend", _("Trend")),
]


def report_links(request):
    if not request.path.startswith("/reports/"):
        return {}
    links = []
    for name, label in REPORT_LINKS:
        try:
            links.append((reverse(name), name, label))
        except NoReverseMatch:  # a report not built yet
            continue
    return {"report_links": links}
