"""The working-day calendar against a hand-made table: weekends, Tết, 30/4–1/5, 2/9, the centre's own closed
days and a make-up Saturday; and the kiosk issuing nothing on a closed day."""

from datetime import date, datetime

import pytest

from models import DayKind, Procedure, db
from models.calendar import CentreClosed, WorkCalendar, ensure_open_day, set_site_day
from models.dossier_due import NoTimeLimit, due_date
from models.queue import issue_ticket
from models.transaction import perform


def _calendar(demo, **own) -> WorkCalendar:
    for day, kind in own.items():
        perform(db.session, set_site_day, demo.site.id, date.fromisoformat(day), kind, "")
    return WorkCalendar(db.session, demo.site.id)


# (start, working days, due) counted by hand on the 2026 calendar.
TABLE = [
    ("2026-03-06", 3, "2026-03-11"),  # Friday → Mon, Tue, Wed
    ("2026-03-09", 5, "2026-03-16"),  # Monday → the next Monday
    ("2026-02-13", 3, "2026-02-25"),  # Friday before Tết (16–20/2 off) → Mon 23, Tue 24, Wed 25
    ("2026-04-29", 2, "2026-05-05"),  # Wed; 30/4 and 1/5 off → Mon 4, Tue 5
    ("2026-08-28", 1, "2026-09-03"),  # Fri; 31/8, 1/9, 2/9 off (Quốc khánh) → Thu 3
    ("2026-11-20", 3, "2026-11-26"),  # Fri; 24/11 Ngày Văn hóa Việt Nam → Mon 23, Wed 25, Thu 26
    ("2026-03-07", 0, "2026-03-09"),  # a Saturday: 0 days → the next working day
]


@pytest.mark.parametrize(("start", "days", "due"), TABLE)
def test_working_days_by_hand(demo, start, days, due):
    calendar = WorkCalendar(db.session, demo.site.id)
    assert calendar.add_working_days(date.fromisoformat(start), days) == date.fromisoformat(due)


def test_holiday_names_come_in_vietnamese(demo):
    calendar = WorkCalendar(db.session, demo.site.id)
    assert calendar.closed_reason(date(2026, 2, 17)) == "Tết Nguyên Đán"
    assert calendar.closed_reason(date(2026, 9, 2)) == "Quốc khánh"
    assert calendar.closed_reason(date(2026, 3, 8)) == "Chủ nhật"
    assert calendar.closed_reason(date(2026, 3, 10)) is None


def test_a_make_up_saturday_counts_and_a_closed_day_does_not(demo):
    calendar = _calendar(demo, **{"2026-08-22": DayKind.WORKING, "2026-03-11": DayKind.CLOSED})
    assert calendar.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)
    assert calendar.add_working_days(date(2026, 3, 6), 3) == date(2026, 3, 12)
    assert calendar.working_days_between(date(2026, 3, 6), date(2026, 3, 13)) == 4


def test_a_make_up_day_on_a_weekday_that_is_already_working_is_refused(demo):
    from models.errors import RuleError

    with pytest.raises(RuleError) as refused:
        perform(db.session, set_site_day, demo.site.id, date(2026, 3, 10), DayKind.WORKING, "")
    assert refused.value.details == {"field": "day"}


def _procedure(days=None, text="") -> Procedure:
    return Procedure(
        code=f"9.{days}.{len(text)}", name="Thủ tục thử", processing_days=days, processing_time=text
    )


@pytest.mark.parametrize(
    ("received", "procedure", "due"),
    [
        ("2026-03-06 14:00", _procedure(3), "2026-03-11"),  # Friday afternoon, 3 days → Wednesday
        ("2026-03-06 17:30", _procedure(3), "2026-03-12"),  # after hours: received Monday → Thursday
        ("2026-03-07 09:00", _procedure(3), "2026-03-12"),  # on a Saturday: received Monday → Thursday
        ("2026-02-17 09:00", _procedure(1), "2026-02-24"),  # during Tết: received Mon 23 → Tue 24
        ("2026-03-09 10:00", _procedure(None, "Ngay trong ngày tiếp nhận"), "2026-03-09"),
        ("2026-03-09 15:30", _procedure(None, "Trong ngày; nếu nhận sau 15 giờ ..."), "2026-03-10"),
        ("2026-03-09 09:00", _procedure(None, "04 giờ làm việc"), "2026-03-09"),
        ("2026-03-09 14:00", _procedure(None, "04 giờ làm việc"), "2026-03-10"),
        ("2026-03-09 09:00", _procedure(0), "2026-03-09"),
    ],
)
def test_due_dates_of_a_receipt(demo, received, procedure, due):
    calendar = WorkCalendar(db.session, demo.site.id)
    assert due_date(calendar, procedure, datetime.fromisoformat(received)) == date.fromisoformat(due)


def test_a_procedure_with_no_time_limit_is_refused(demo):
    with pytest.raises(NoTimeLimit):
        due_date(WorkCalendar(db.session, demo.site.id), _procedure(None, ""), datetime(2026, 3, 9, 9))


def test_no_ticket_on_a_holiday_or_a_closed_day_but_one_on_a_make_up_day(demo):
    service = demo.services["A"]
    with pytest.raises(CentreClosed) as refused:
        perform(db.session, issue_ticket, service.id, now=datetime(2026, 9, 2, 2, 0))  # 09:00 local, 2/9
    assert "Hôm nay Trung tâm nghỉ lễ Quốc khánh" in refused.value.message
    perform(db.session, set_site_day, demo.site.id, date(2026, 3, 10), DayKind.CLOSED, "Kiểm kê")
    with pytest.raises(CentreClosed) as refused:
        ensure_open_day(db.session, demo.site.id, date(2026, 3, 10))
    assert "Kiểm kê" in refused.value.message
    perform(db.session, set_site_day, demo.site.id, date(2026, 9, 2), DayKind.WORKING, "")
    issued = perform(db.session, issue_ticket, service.id, now=datetime(2026, 9, 2, 2, 0))
    assert issued.ticket.day == date(2026, 9, 2)


def test_the_api_refuses_a_ticket_on_a_closed_day_with_a_clear_409(demo, client, kiosk):
    from models.queries import today

    perform(db.session, set_site_day, demo.site.id, today(demo.site), DayKind.CLOSED, "Bầu cử")
    response = client.post(
        "/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=kiosk.headers
    )
    assert response.status_code == 409
    assert response.get_json()["error"] == {
        "code": "centre_closed",
        "message": "Hôm nay Trung tâm nghỉ: Bầu cử. Không cấp số thứ tự.",
    }
