"""A service's weekly schedule: windows with a lunch break, by the site's local clock (not UTC's day), the
stop-issuing margin, and the refusals of a bad schedule."""

from datetime import datetime, time

import pytest

from models import db
from models.errors import ServiceClosed
from models.queue import issue_ticket
from models.schedule import InvalidSchedule, is_issuing, parse_day, set_schedule
from models.transaction import perform

WEEK = ["07:30-11:30, 13:30-17:00"] * 5 + ["7:30-11:30", ""]


def utc(text: str) -> datetime:
    """A naive UTC instant; Hà Nội is UTC+7."""
    return datetime.fromisoformat(text)


@pytest.fixture
def hotich(demo):
    service = demo.services["A"]
    set_schedule(db.session, service, WEEK, 15)
    db.session.commit()
    return service


def test_parse_a_day_with_a_lunch_break():
    morning, afternoon = parse_day(0, "13:30-17:00, 7h30-11.30")
    assert (morning.opens_at, morning.closes_at) == (time(7, 30), time(11, 30))
    assert (afternoon.opens_at, afternoon.closes_at) == (time(13, 30), time(17, 0))
    assert parse_day(6, "  ") == []


@pytest.mark.parametrize(
    "text, words",
    [
        ("7:30-11:30, 11:00-17:00", "chồng lên nhau"),
        ("17:00-7:30", "giờ kết thúc phải sau giờ bắt đầu"),
        ("11:30-11:30", "giờ kết thúc phải sau giờ bắt đầu"),
        ("25:00-26:00", "không đúng dạng giờ"),
        ("sáng", "không đúng dạng giờ"),
        (", ".join(f"{h}:00-{h}:30" for h in range(1, 8)), "tối đa 6 khung giờ"),
        ("7:00-7:01, " * 5000, "tối đa 6 khung giờ"),
    ],
)
def test_a_bad_day_is_refused_with_its_reason(text, words):
    with pytest.raises(InvalidSchedule) as refused:
        parse_day(2, text)
    assert words in str(refused.value.message) and "Thứ Tư" in str(refused.value.message)


def test_issuing_follows_the_local_windows_and_the_lunch_break(hotich):
    # Monday 23 November 2026, Hà Nội time.
    assert is_issuing(hotich, utc("2026-11-23 00:30"))  # 07:30 local: opens
    assert not is_issuing(hotich, utc("2026-11-23 00:29"))  # 07:29
    assert not is_issuing(hotich, utc("2026-11-23 05:00"))  # 12:00: lunch
    assert is_issuing(hotich, utc("2026-11-23 06:30"))  # 13:30: afternoon
    # 15 minutes before each close the kiosk stops issuing.
    assert is_issuing(hotich, utc("2026-11-23 04:14"))  # 11:14
    assert not is_issuing(hotich, utc("2026-11-23 04:15"))  # 11:15
    assert not is_issuing(hotich, utc("2026-11-23 09:45"))  # 16:45


def test_the_weekday_is_the_local_one_not_utcs(hotich):
    # Sunday 22 November, 23:30 UTC is already Monday 06:30 in Hà Nội: closed (before 07:30), Monday's rules.
    assert not is_issuing(hotich, utc("2026-11-22 23:30"))
    # Saturday 28 November 01:00 UTC is 08:00 local: the Saturday morning window.
    assert is_issuing(hotich, utc("2026-11-28 01:00"))
    assert not is_issuing(hotich, utc("2026-11-28 06:30"))  # Saturday 13:30: morning only
    assert not is_issuing(hotich, utc("2026-11-29 02:00"))  # Sunday: closed


def test_a_closed_service_issues_nothing(hotich):
    with pytest.raises(ServiceClosed):
        perform(db.session, issue_ticket, hotich.id, now=utc("2026-11-23 05:00"))
    issued = perform(db.session, issue_ticket, hotich.id, now=utc("2026-11-23 02:00"))
    assert issued.ticket.code == "A001"


def test_a_deactivated_site_issues_nothing(hotich):
    hotich.site.active = False
    db.session.commit()
    assert not is_issuing(hotich, utc("2026-11-23 02:00"))


def test_without_windows_the_older_single_window_still_holds(demo):
    service = demo.services["B"]
    service.opens_at, service.closes_at = time(8, 0), time(9, 0)
    db.session.commit()
    assert is_issuing(service, utc("2026-11-23 01:30"))  # 08:30 local
    assert not is_issuing(service, utc("2026-11-23 02:30"))  # 09:30 local
