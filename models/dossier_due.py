"""When a dossier is due: the procedure's time limit counted in working days of the centre's calendar.

The rule, stated once:
- The limit counts from the working day after receipt: a dossier received on a Friday with 3 working days is
  due on the Wednesday after (Monday, Tuesday, Wednesday), weekends, public holidays and the centre's closed
  days skipped, its make-up working days counted.
- A dossier received on a day that is not a working day, or after OFFICE_CLOSES local time, counts as received
  on the next working day.
- "Trong ngày" (same-day) procedures are due on the day of receipt; received after SAME_DAY_CUTOFF (15:00, as
  the catalogue's own texts say: "nếu nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo"), on the
  next working day.
- A time limit in working hours ("04 giờ làm việc") is due the same day if it ends by OFFICE_CLOSES, else after
  as many working days as it takes in eight-hour days.
- A procedure with none of these has no time limit the system can count: receiving it is refused with a clear
  message, so that nobody is given a made-up date.
"""

import math
import re
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l

from . import errors
from .calendar import WorkCalendar
from .catalogue import Procedure

OFFICE_CLOSES = time(17, 0)
SAME_DAY_CUTOFF = time(15, 0)
WORKING_HOURS_A_DAY = 8
_HOURS = re.compile(r"(\d{1,3})\s*giờ\s+làm\s+việc", re.IGNORECASE)
_SAME_DAY = ("trong ngày", "trong ngay")


class NoTimeLimit(errors.RuleError):
    code = "no_time_limit"
    status = 422
    message = _l("Thủ tục này chưa có thời hạn giải quyết trong danh mục, nên chưa thể hẹn ngày trả kết quả.")


def time_limit(procedure: Procedure) -> tuple[str, int]:
    """("days", n), ("same_day", 0) or ("hours", n) for the procedure.

    :raise NoTimeLimit: the catalogue gives no time limit for the procedure.
    """
    if procedure.processing_days is not None and procedure.processing_days >= 0:
        return ("days", procedure.processing_days) if procedure.processing_days else ("same_day", 0)
    text = (procedure.processing_time or "").lower()
    if any(marker in text for marker in _SAME_DAY):
        return "same_day", 0
    hours = _HOURS.search(text)
    if hours and int(hours.group(1)) > 0:
        return "hours", int(hours.group(1))
    raise NoTimeLimit()


def due_date(calendar: WorkCalendar, procedure: Procedure, received_local: datetime) -> date:
    """The due date of a dossier of `procedure` received at `received_local` (the site's local time)."""
    kind, amount = time_limit(procedure)
    day, at = received_local.date(), received_local.time().replace(tzinfo=None)
    if not calendar.is_working_day(day) or at >= OFFICE_CLOSES:
        day, at = calendar.next_working_day(day, include=False), time(0, 0)
    if kind == "same_day":
        return calendar.next_working_day(day, include=False) if at >= SAME_DAY_CUTOFF else day
    if kind == "hours":
        ends = datetime.combine(day, max(at, time(7, 30))) + timedelta(hours=amount)
        if ends.date() == day and ends.time() <= OFFICE_CLOSES:
            return day
        return calendar.add_working_days(day, math.ceil(amount / WORKING_HOURS_A_DAY))
    return calendar.add_working_days(day, amount)
