"""`flask --app wsgi reports rollup` (motcua/reports_cli.py), the nightly job: it stores the days that are over
and have no row, so the report reads them back and gives the figures counted live; a second run stores
nothing; today is never stored; a day a late rating dropped is stored again; bad options are refused.
(`reports rebuild` is tried in tests/test_report_rollup.py.)"""

from datetime import datetime, timedelta

from sqlalchemy import select

from models import ReportDay, db
from models.calendar import public_holiday, set_site_day
from models.queries import today
from models.rating_rules import rate
from models.report_period import period_report
from models.site_day import DayKind
from models.transaction import perform

from .report_helpers import local, serve

BEFORE = datetime(2020, 1, 1)  # every day of these tests still to come: the report counted live


def _stored_days(site_id) -> dict:
    rows = db.session.execute(select(ReportDay.day, ReportDay.built_at).where(ReportDay.site_id == site_id))
    return {day: built_at for day, built_at in rows}


def _working(demo, day):
    if public_holiday(day) is not None:  # the kiosk issues nothing on a holiday the centre did not work
        perform(db.session, set_site_day, demo.site.id, day, DayKind.WORKING, "")


def _rollup(app, *options):
    result = app.test_cli_runner().invoke(args=["reports", "rollup", *options])
    db.session.expire_all()
    return result


def test_rollup_stores_the_days_that_are_over_and_the_report_reads_them(app, demo):
    day = today(demo.site)
    for back in (4, 1):
        _working(demo, day - timedelta(days=back))
        serve(demo, "A", 1, "canbo1", local(day - timedelta(days=back), 9), 5, 6)
    serve(demo, "A", 1, "canbo1", local(day, 8), 3, 4)
    assert _stored_days(demo.site.id) == {}

    first = _rollup(app, "--days", "5")

    assert first.exit_code == 0, first.output
    assert "Đã lưu 5 ngày" in first.output
    stored = _stored_days(demo.site.id)
    assert sorted(stored) == [day - timedelta(days=back) for back in (5, 4, 3, 2, 1)]
    start = day - timedelta(days=5)
    live = period_report(db.session, [demo.site], start, day, now=BEFORE).as_dict()
    warm = period_report(db.session, [demo.site], start, day).as_dict()
    assert warm == live
    assert warm["operations"]["total"]["issued"] == 3
    assert _stored_days(demo.site.id) == stored  # the report found every past day stored: it stored none

    second = _rollup(app, "--days", "5")

    assert second.exit_code == 0, second.output
    assert "Đã lưu 0 ngày" in second.output
    assert _stored_days(demo.site.id) == stored


def test_today_is_never_stored(app, demo):
    day = today(demo.site)
    serve(demo, "A", 1, "canbo1", local(day, 8), 3, 4)
    result = _rollup(app, "--days", "1")
    assert result.exit_code == 0, result.output
    assert list(_stored_days(demo.site.id)) == [day - timedelta(days=1)]
    assert period_report(db.session, [demo.site], day, day).operations.total.issued == 1
    assert list(_stored_days(demo.site.id)) == [day - timedelta(days=1)]


def test_a_day_a_late_rating_dropped_is_stored_again(app, demo):
    yesterday = today(demo.site) - timedelta(days=1)
    _working(demo, yesterday)
    ticket = serve(demo, "A", 1, "canbo1", local(yesterday, 16), 5, 6)
    assert "Đã lưu 31 ngày" in _rollup(app).output  # the default window: yesterday and 30 days before
    perform(db.session, rate, ticket.token, "khong_hai_long", now=local(yesterday, 16, 15))
    assert yesterday not in _stored_days(demo.site.id)

    result = _rollup(app)

    assert "Đã lưu 1 ngày" in result.output
    assert yesterday in _stored_days(demo.site.id)
    warm = period_report(db.session, [demo.site], yesterday, yesterday)
    assert warm.national.total.tickets_dissatisfied == 1
    assert (
        warm.as_dict() == period_report(db.session, [demo.site], yesterday, yesterday, now=BEFORE).as_dict()
    )


def test_rollup_refuses_bad_options_and_stores_nothing(app, demo):
    for days in ("0", "-3", "3661", "mot"):
        result = _rollup(app, "--days", days)
        assert result.exit_code == 2, (days, result.output)
        assert "--days" in result.output
    unknown = _rollup(app, "--site", "khong-co")
    assert unknown.exit_code == 1
    assert "khong-co" in unknown.output
    assert _stored_days(demo.site.id) == {}


def test_rollup_of_one_site_leaves_the_others(app, demo, second_site):
    result = _rollup(app, "--days", "3", "--site", second_site.site.code)
    assert result.exit_code == 0, result.output
    assert len(_stored_days(second_site.site.id)) == 3
    assert _stored_days(demo.site.id) == {}
