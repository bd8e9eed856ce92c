"""A service's weekly schedule: several windows per weekday (morning and afternoon around a lunch break), local
to the site, and a margin before each window closes when the kiosk stops issuing.

is_issuing() is the one place that decides whether a service takes tickets now: the kiosk, the API and the
service board all ask it. The working-day calendar (public holidays, the centre's closed days and make-up days)
belongs in it too, as one more check before the windows.
"""

import re
from dataclasses import dataclass
from datetime import datetime, time

from flask_babel import lazy_gettext as _l

from .base import utcnow
from .clock import to_local
from .errors import RuleError
from .service import Service, ServiceWindow

WEEKDAYS = (
    _l("Thứ Hai"),
    _l("Thứ Ba"),
    _l("Thứ Tư"),
    _l("Thứ Năm"),
    _l("Thứ Sáu"),
    _l("Thứ Bảy"),
    _l("Chủ Nhật"),
)
_WINDOW = re.compile(r"^(\d{1,2})[:h.](\d{2})\s*[-–]\s*(\d{1,2})[:h.](\d{2})$")


class InvalidSchedule(RuleError):
    code = "invalid_schedule"
    status = 400
    message = _l("Lịch làm việc không hợp lệ.")


@dataclass(frozen=True)
class Window:
    weekday: int
    opens_at: time
    closes_at: time


def _time(hours: str, minutes: str) -> time | None:
    h, m = int(hours), int(minutes)
    return time(h, m) if h < 24 and m < 60 else None


def parse_day(weekday: int, text: str) -> list[Window]:
    """ "7:30-11:30, 13:30-17:00" → two windows of that weekday, in order; "" → closed that day.

    :raise InvalidSchedule: (with the weekday in the message) for a bad time, an end before its start, or two
        windows that overlap.
    """
    day = WEEKDAYS[weekday]
    if len(text or "") > 200:
        raise InvalidSchedule(_l("%(day)s: tối đa 6 khung giờ một ngày.", day=day))
    windows = []
    for part in (p.strip() for p in (text or "").replace(";", ",").split(",")):
        if not part:
            continue
        match = _WINDOW.match(part)
        opens = _time(match[1], match[2]) if match else None
        closes = _time(match[3], match[4]) if match else None
        if opens is None or closes is None:
            raise InvalidSchedule(
                _l("%(day)s: “%(part)s” không đúng dạng giờ, ví dụ 7:30-11:30.", day=day, part=part[:20])
            )
        if closes <= opens:
            raise InvalidSchedule(
                _l("%(day)s: giờ kết thúc phải sau giờ bắt đầu (%(part)s).", day=day, part=part[:20])
            )
        windows.append(Window(weekday, opens, closes))
    windows.sort(key=lambda w: w.opens_at)
    for before, after in zip(windows, windows[1:], strict=False):
        if after.opens_at < before.closes_at:
            raise InvalidSchedule(_l("%(day)s: hai khung giờ chồng lên nhau.", day=day))
    if len(windows) > 6:
        raise InvalidSchedule(_l("%(day)s: tối đa 6 khung giờ một ngày.", day=day))
    return windows


def format_day(windows) -> str:
    return ", ".join(f"{w.opens_at:%H:%M}-{w.closes_at:%H:%M}" for w in windows)


def set_schedule(session, service: Service, days: list[str], stop_issuing_minutes: int) -> list[Window]:
    """Replace the service's weekly windows with the seven days' texts (Monday first)."""
    if len(days) != 7:
        raise InvalidSchedule()
    windows = [w for weekday, text in enumerate(days) for w in parse_day(weekday, text)]
    if not 0 <= stop_issuing_minutes <= 240:
        raise InvalidSchedule(_l("Thời gian ngừng cấp số trước giờ đóng cửa phải từ 0 đến 240 phút."))
    service.windows = [
        ServiceWindow(weekday=w.weekday, opens_at=w.opens_at, closes_at=w.closes_at) for w in windows
    ]
    service.stop_issuing_minutes = stop_issuing_minutes
    session.add(service)
    return windows


def _minutes(moment: time) -> float:
    return moment.hour * 60 + moment.minute + moment.second / 60


def _issuing_in(window, at: time, stop_minutes: int) -> bool:
    return _minutes(window.opens_at) <= _minutes(at) < _minutes(window.closes_at) - stop_minutes


def is_issuing(service: Service, now_utc: datetime | None = None) -> bool:
    """Does the service take tickets at this moment (UTC), by its site's local clock?"""
    if not service.active or not service.site.active:
        return False
    local = to_local(now_utc or utcnow(), service.site.timezone)
    at = local.time().replace(tzinfo=None)
    if not service.windows:
        if service.opens_at and at < service.opens_at:
            return False
        return not (service.closes_at and at >= service.closes_at)
    stop = service.stop_issuing_minutes or 0
    return any(_issuing_in(w, at, stop) for w in service.windows if w.weekday == local.weekday())
