"""Monthly snapshots of the matrix numbers, for the trend.

TargetStatus only knows the present, so once a month `reports_snapshot`
copies its counts per unit, competency, staff type and job role into
TargetSnapshot; the trend sums those rows up a subtree. Taking a month again
replaces that month's rows (in one transaction), so the command may run as
often as a scheduler likes."""

from datetime import date, datetime

from django.db import connection, transaction
from django.utils import timezone

from lms.competencies.models import TargetStatus

from .models import TargetSnapshot


def month_start(day: date) -> date:
    return day.replace(day=1)


@transaction.atomic
def snapshot_take(month: date, *, now: datetime | None = None) -> int:
    """Replace `month`'s snapshot with the current TargetStatus counts, in one
    INSERT … SELECT; returns the number of rows written. A target counts as
    met when it is met at `now` (default: the moment of taking), so a
    snapshot taken for a past month records today's numbers under that
    month's label: take it in the month it stands for."""
    month = month_start(month)
    now = now or timezone.now()
    TargetSnapshot.objects.filter(month=month).delete()
    quote = connection.ops.quote_name
    snapshot = quote(TargetSnapshot._meta.db_table)
    status = quote(TargetStatus._meta.db_table)
    sql = (
        f"INSERT INTO {snapshot}"  # noqa: S608 (table names from the models)
        " (month, unit_id, competency_id, staff_type, job_role_id, people, meeting)"
        " SELECT %s, unit_id, competency_id, staff_type, job_role_id, COUNT(*),"
        " SUM(CASE WHEN meets AND (valid_until IS NULL OR valid_until > %s)"
        " THEN 1 ELSE 0 END)"
        f" FROM {status}"
        " GROUP BY unit_id, competency_id, staff_type, job_role_id"
    )
    params = [
        connection.ops.adapt_datefield_value(month),
        connection.ops.adapt_datetimefield_value(now),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
