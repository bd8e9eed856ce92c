"""The satisfaction report on a generated month of tickets and ratings, checked against a hand count.

November 2026 (30 days), every day at 09:00 Hà Nội:
- canbo1 at counter 1 serves 3 A tickets: the 1st is rated "Rất hài lòng"; the 2nd "Hài lòng" on even days
  (15 days); the 3rd "Không hài lòng" on days 1–5 (5 days).
  → served 90, rated 30+15+5 = 50 (55.6 %), KHL 5 → index (90−5)/90 = 94.4 %.
- canbo2 at counter 2 serves 2 B tickets: the 1st is rated "Bình thường"; the 2nd "Không hài lòng" on days
  1–10.  → served 60, rated 40 (66.7 %), BT 30 (75.0 % of ratings), KHL 10 → index 50/60 = 83.3 %.
- canbo3 at counter 3 calls a B ticket that does not show: never counted as served.
- One rated ticket on 31 October and one on 1 December: outside the range.
Site: served 150, rated 90 (60.0 %), KHL 15 → index 135/150 = 90.0 %.
"""

from datetime import date, datetime, timedelta

from models import db
from models import queue as rules
from models.calendar import set_site_day
from models.rating_rules import rate
from models.satisfaction_report import satisfaction_report
from models.site_day import DayKind
from models.transaction import perform


def serve(demo, counter_number, officer, prefix, at, level=None, no_show=False):
    counter, user = demo.counters[counter_number], demo.users[officer]
    perform(db.session, rules.issue_ticket, demo.services[prefix].id, now=at)
    perform(db.session, rules.call_next, counter.id, user, now=at + timedelta(minutes=1))
    finish = rules.no_show if no_show else rules.complete
    ticket = perform(db.session, finish, counter.id, user, now=at + timedelta(minutes=4))
    if level:
        perform(db.session, rate, ticket.token, level, now=at + timedelta(minutes=5))
    return ticket


def generate_month(demo):
    # 24/11 is a public holiday (Ngày Văn hóa Việt Nam), when the kiosk issues nothing: this centre worked it.
    perform(db.session, set_site_day, demo.site.id, date(2026, 11, 24), DayKind.WORKING, "")
    for day in range(1, 31):
        at = datetime(2026, 11, day, 2, 0)  # 09:00 local
        serve(demo, 1, "canbo1", "A", at, "rat_hai_long")
        serve(demo, 1, "canbo1", "A", at + timedelta(minutes=10), "hai_long" if day % 2 == 0 else None)
        serve(demo, 1, "canbo1", "A", at + timedelta(minutes=20), "khong_hai_long" if day <= 5 else None)
        serve(demo, 2, "canbo2", "B", at, "binh_thuong")
        serve(demo, 2, "canbo2", "B", at + timedelta(minutes=10), "khong_hai_long" if day <= 10 else None)
        serve(demo, 3, "canbo3", "B", at + timedelta(minutes=30), no_show=True)
    serve(demo, 1, "canbo1", "A", datetime(2026, 10, 31, 2, 0), "khong_hai_long")
    serve(demo, 2, "canbo2", "B", datetime(2026, 12, 1, 2, 0), "khong_hai_long")


def test_a_month_of_ratings_matches_the_hand_count(demo):
    generate_month(demo)
    report = satisfaction_report(db.session, demo.site.id, date(2026, 11, 1), date(2026, 11, 30))

    lan, minh = report.officers  # ranked
    assert (lan.name, lan.rank, minh.name, minh.rank) == ("Nguyễn Thị Lan", 1, "Trần Văn Minh", 2)
    assert (lan.served, lan.rated, lan.response_rate, lan.index) == (90, 50, 55.6, 94.4)
    assert lan.levels == {"rat_hai_long": 30, "hai_long": 15, "binh_thuong": 0, "khong_hai_long": 5}
    assert (lan.share("rat_hai_long"), lan.share("khong_hai_long")) == (60.0, 10.0)
    assert (minh.served, minh.rated, minh.response_rate, minh.index) == (60, 40, 66.7, 83.3)
    assert minh.levels == {"rat_hai_long": 0, "hai_long": 0, "binh_thuong": 30, "khong_hai_long": 10}
    assert minh.share("binh_thuong") == 75.0

    by_counter = {f.key: f for f in report.counters}
    assert set(by_counter) == {demo.counters[1].id, demo.counters[2].id}  # counter 3 only had a no-show
    assert by_counter[demo.counters[1].id].served == 90 and by_counter[demo.counters[2].id].rated == 40
    by_service = {f.key: f for f in report.services}
    assert by_service[demo.services["A"].id].index == 94.4 and by_service[demo.services["B"].id].index == 83.3

    total = report.total
    assert (total.served, total.rated, total.response_rate, total.index) == (150, 90, 60.0, 90.0)
    assert total.levels["khong_hai_long"] == 15


def test_one_day_and_an_empty_range(demo):
    generate_month(demo)
    first = satisfaction_report(db.session, demo.site.id, date(2026, 11, 1), date(2026, 11, 1))
    # Day 1 (odd, ≤5, ≤10): canbo1 3 served, rated RHL + KHL; canbo2 2 served, rated BT + KHL.
    assert (first.total.served, first.total.rated, first.total.levels["khong_hai_long"]) == (5, 4, 2)
    assert first.total.index == 60.0
    empty = satisfaction_report(db.session, demo.site.id, date(2027, 1, 1), date(2027, 1, 31))
    assert empty.officers == [] and empty.total.served == 0 and empty.total.index is None
