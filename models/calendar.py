"""The working-day calendar of a centre: Vietnam's public holidays (the `holidays` package, lunar New Year
included), the centre's own closed days, and its make-up working days (ngày làm bù).

A day is a working day when the centre marked it as a make-up working day, or else when it is a Monday to
Friday that is neither a public holiday nor one of the centre's closed days. The rules that count working days
(a dossier's due date, the kiosk refusing tickets on a closed day) all ask this module.
"""

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from . import errors
from .signals import announce, site_changed
from .site_day import DayKind, SiteDay

# A dossier's time limit is at most a few months of working days: a search that finds no working day within a
# year means the calendar was set up wrongly (every day closed), and is refused rather than looping forever.
_SEARCH_LIMIT_DAYS = 366


class CentreClosed(errors.RuleError):
    code = "centre_closed"
    status = 409
    message = _l("Hôm nay Trung tâm nghỉ, không cấp số thứ tự.")


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("VN", years=year, language="vi").items())


def public_holidays_of(year: int) -> dict[date, str]:
    return _public_holidays(year)


def public_holiday(day: date) -> str | None:
    """The name of the public holiday on `day` (in Vietnamese), or None."""
    return _public_holidays(day.year).get(day)


class WorkCalendar:
    """One site's calendar, with its own days read once (a count over many days asks the database once)."""

    def __init__(self, session, site_id: int):
        self.site_id = site_id
        rows = session.scalars(select(SiteDay).where(SiteDay.site_id == site_id))
        self.own = {row.day: row for row in rows}

    def closed_reason(self, day: date) -> str | None:
        """None on a working day; else why the centre is closed: the centre's note, the holiday's name, or the
        weekday."""
        own = self.own.get(day)
        if own is not None:
            if own.kind == DayKind.WORKING:
                return None
            return own.note or str(DayKind.LABELS[DayKind.CLOSED])
        holiday = public_holiday(day)
        if holiday:
            return holiday
        if day.weekday() == 5:
            return str(_l("Thứ Bảy"))
        if day.weekday() == 6:
            return str(_l("Chủ nhật"))
        return None

    def is_working_day(self, day: date) -> bool:
        return self.closed_reason(day) is None

    def next_working_day(self, day: date, *, include: bool = True) -> date:
        """The first working day on or after `day` (after it, with include=False)."""
        candidate = day if include else day + timedelta(days=1)
        for _step in range(_SEARCH_LIMIT_DAYS):
            if self.is_working_day(candidate):
                return candidate
            candidate += timedelta(days=1)
        raise errors.RuleError(_l("Lịch làm việc không có ngày làm việc nào trong một năm tới."))

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`-th working day after `start` (start itself is not counted; count 0 gives the first
        working day on or after start)."""
        if count <= 0:
            return self.next_working_day(start)
        day = start
        for _n in range(count):
            day = self.next_working_day(day, include=False)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days lie after `start` up to and including `end` (0 when end ≤ start)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count


def is_working_day(session, site_id: int, day: date) -> bool:
    return WorkCalendar(session, site_id).is_working_day(day)


def closed_reason(session, site_id: int, day: date) -> str | None:
    return WorkCalendar(session, site_id).closed_reason(day)


def add_working_days(session, site_id: int, start: date, count: int) -> date:
    return WorkCalendar(session, site_id).add_working_days(start, count)


def next_working_day(session, site_id: int, day: date, *, include: bool = True) -> date:
    return WorkCalendar(session, site_id).next_working_day(day, include=include)


def ensure_open_day(session, site_id: int, day: date) -> None:
    """The issuing rule's closed-day check: a public holiday or one of the centre's own closed days (unless
    made a working day). Weekends are left to the services' opening hours: many centres open on Saturday
    mornings, though a Saturday never counts as a working day for a dossier.

    :raise CentreClosed: the centre is closed on `day`.
    """
    # Only this day's row: a centre's calendar grows every year, and this runs on every ticket.
    own = session.get(SiteDay, (site_id, day))
    if own is not None and own.kind == DayKind.WORKING:
        return
    if own is not None:
        reason = own.note or str(DayKind.LABELS[DayKind.CLOSED])
        message = _l("Hôm nay Trung tâm nghỉ: %(reason)s. Không cấp số thứ tự.", reason=reason)
    elif public_holiday(day):
        reason = public_holiday(day)
        message = _l("Hôm nay Trung tâm nghỉ lễ %(reason)s. Không cấp số thứ tự.", reason=reason)
    else:
        return
    raise CentreClosed(str(message), reason=reason)


# --- the back office's rules ---------------------------------------------------------------------------


def set_site_day(session, site_id: int, day: date, kind: str, note: str) -> SiteDay:
    """Mark a day of the site as closed or as a make-up working day (replacing what it was)."""
    if kind not in DayKind.ALL:
        raise errors.RuleError(_l("Loại ngày không hợp lệ."), field="kind")
    if not isinstance(day, date) or isinstance(day, datetime) or not 2000 <= day.year <= 2100:
        raise errors.RuleError(_l("Ngày không hợp lệ."), field="day")
    note = (note or "").strip()
    if len(note) > 200:
        raise errors.RuleError(_l("Ghi chú dài quá 200 ký tự."), field="note")
    if kind == DayKind.WORKING and day.weekday() < 5 and public_holiday(day) is None:
        raise errors.RuleError(
            _l("Ngày %(day)s đã là ngày làm việc.", day=format_date(day, "dd/MM/yyyy")), field="day"
        )
    row = session.get(SiteDay, (site_id, day))
    if row is None:
        row = SiteDay(site_id=site_id, day=day)
        session.add(row)
    row.kind, row.note = kind, note
    session.flush()
    # Today may have just closed or opened: the site's kiosks refetch what they offer.
    announce(session, site_changed, site_id=site_id)
    return row


def remove_site_day(session, site_id: int, day: date) -> None:
    session.execute(delete(SiteDay).where(SiteDay.site_id == site_id, SiteDay.day == day))
    announce(session, site_changed, site_id=site_id)
