"""Local time of a site. Timestamps are stored in UTC; a ticket's day is the site's local calendar day."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def to_local(moment_utc: datetime, tz_name: str) -> datetime:
    return moment_utc.replace(tzinfo=UTC).astimezone(ZoneInfo(tz_name))


def local_day(moment_utc: datetime, tz_name: str) -> date:
    return to_local(moment_utc, tz_name).date()


def day_bounds_utc(day: date, tz_name: str) -> tuple[datetime, datetime]:
    """The UTC instants (naive) where a local day starts and the next one starts."""
    from datetime import timedelta

    zone = ZoneInfo(tz_name)
    start = datetime(day.year, day.month, day.day, tzinfo=zone)
    end = start + timedelta(days=1)
    return (
        start.astimezone(UTC).replace(tzinfo=None),
        end.astimezone(UTC).replace(tzinfo=None),
    )
