"""The operations and load reports on a generated month, checked against a hand count: the month and its
count are described once, in tests/report_helpers.py."""

from datetime import date, timedelta

import pytest

from models import db
from models import queue as rules
from models.report_load import load_report
from models.report_operations import operations_report, report_tickets
from models.transaction import perform

from .report_helpers import NOVEMBER, generate_month, local


@pytest.fixture
def month(demo):
    generate_month(demo)
    return demo


def _figures(durations):
    return (durations.count, durations.mean, durations.median, durations.p90)


def test_the_tickets_fate_matches_the_hand_count(month):
    report = operations_report(db.session, [month.site], *NOVEMBER)
    t = report.total
    assert (t.issued, t.served, t.no_show, t.cancelled, t.transferred) == (66, 58, 6, 1, 3)
    assert (t.within_target, t.within_target_share, t.no_show_share) == (34, 58.6, 9.1)
    assert [s.counts for s in report.sites] == [t]


def test_waits_and_service_times_with_ties_and_midnight(month):
    report = operations_report(db.session, [month.site], *NOVEMBER)
    assert _figures(report.times.waits) == (65, 16.5, 10.0, 30.0)
    assert _figures(report.times.service) == (58, 5.4, 6.0, 6.0)


def test_per_service_counter_officer_and_channel(month):
    report = operations_report(db.session, [month.site], *NOVEMBER)
    services = {t.name: t for t in report.by_service}
    # The transferred C tickets ended in A: no C row. A: waits 0×10, 1×2, 2, 3, 5×10, 10×10, 15.
    assert set(services) == {"A · Hộ tịch", "B · Chứng thực"}
    assert _figures(services["A · Hộ tịch"].waits) == (35, 4.9, 5.0, 10.0)
    assert _figures(services["A · Hộ tịch"].service) == (34, 6.4, 6.0, 8.0)  # 6×30, 8, 10×3
    # No-shows have a wait but no service time.
    assert _figures(services["B · Chứng thực"].waits) == (30, 30.0, 30.0, 30.0)
    assert _figures(services["B · Chứng thực"].service) == (24, 4.0, 4.0, 4.0)
    counters = {t.key: t for t in report.by_counter}
    assert set(counters) == {month.counters[1].id, month.counters[3].id}
    assert counters[month.counters[1].id].service.count == 34
    # API: waits 1, 1, 2, 3 → median (1 + 2) / 2; kiosk: 0×10, 5×10, 10×10, 15, 30×30 → median the 31st.
    channels = {t.key: t for t in report.by_channel}
    assert _figures(channels["api"].waits) == (4, 1.8, 1.5, 3.0)
    assert _figures(channels["kiosk"].waits) == (61, 17.5, 15.0, 30.0)
    officers = {t.key: t for t in report.by_officer}
    assert set(officers) == {month.users["canbo1"].id, month.users["canbo2"].id}


def test_per_officer_served_pauses_and_ratings(month):
    report = operations_report(db.session, [month.site], *NOVEMBER)
    officers = {o.name: o for o in report.officers}
    lan, minh = officers["Nguyễn Thị Lan"], officers["Trần Văn Minh"]
    assert (lan.served, lan.service.median, lan.pause_minutes, lan.rated, lan.dissatisfied) == (
        34,
        6.0,
        15.0,
        4,
        1,
    )
    assert lan.satisfaction_index == 97.1  # (34 − 1) / 34
    assert (minh.served, minh.service.mean, minh.pause_minutes, minh.rated, minh.satisfaction_index) == (
        24,
        4.0,
        0.0,
        0,
        100.0,
    )


def test_the_load_by_hour_and_weekday(month):
    rows = report_tickets(db.session, [month.site], *NOVEMBER)
    load = load_report(rows, [month.site], *NOVEMBER)
    # 1 November 2026 is a Sunday: five Sundays and five Mondays, four of every other weekday.
    assert [load.heatmap[weekday][9] for weekday in range(7)] == [10, 8, 8, 8, 8, 8, 10]
    assert (load.heatmap[6][14], load.heatmap[0][14], load.heatmap[1][14]) == (1, 1, 1)
    assert (load.heatmap[3][10], load.heatmap[0][23], load.heatmap[6][6]) == (1, 1, 1)
    assert sum(map(sum, load.heatmap)) == 66
    assert load.open_days == 30
    assert load.busiest_day == (date(2026, 11, 1), 4)
    assert load.peak_hour == (date(2026, 11, 1), 9, 2)
    nine, two_pm = load.hours[9], load.hours[14]
    assert (nine.arrivals, nine.counters, nine.per_counter) == (2.0, 2.0, 1.0)
    assert (two_pm.arrivals, two_pm.counters) == (0.1, 0.2)


def test_per_site_and_province_totals_agree(month, second_site):
    other = second_site
    for minutes, wait in ((0, 4), (30, 8)):
        issued = local(date(2026, 11, 10), 8, minutes)
        perform(db.session, rules.issue_ticket, other.service.id, now=issued)
        perform(
            db.session,
            rules.call_next,
            other.counter.id,
            other.users["canbo-xa2"],
            now=issued + timedelta(minutes=wait),
        )
        perform(
            db.session,
            rules.complete,
            other.counter.id,
            other.users["canbo-xa2"],
            now=issued + timedelta(minutes=wait + 2),
        )
    report = operations_report(db.session, [month.site, other.site], *NOVEMBER)
    demo_figures, other_figures = report.sites
    assert (other_figures.counts.issued, other_figures.counts.served, other_figures.counts.within_target) == (
        2,
        2,
        2,
    )
    assert _figures(other_figures.times.waits) == (2, 6.0, 6.0, 8.0)
    assert (report.total.issued, report.total.served, report.total.within_target) == (68, 60, 36)
    assert report.total.issued == demo_figures.counts.issued + other_figures.counts.issued
    assert report.times.waits.count == demo_figures.times.waits.count + other_figures.times.waits.count
    # With two sites every service says whose it is.
    assert "xa-thu-hai · A · Hộ tịch" in {t.name for t in report.by_service}
