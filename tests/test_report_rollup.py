"""The report's daily roll-up (models/report_rollup.py): the days it stores give exactly the figures counted
live from the tickets, a past day's ticket changing through the rules is seen, `reports rebuild` counts a
range again, and a report over past days and today adds the stored days to today's live count.

`now` decides which days are over: before November every day of the month is counted live (nothing stored);
in mid-December every one is stored on the first report and read on the next.
"""

from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, select, update

from models import ReportDay, Ticket, db
from models import queue as rules
from models.calendar import public_holiday, set_site_day
from models.dossier_report import dossier_report
from models.queries import today
from models.rating_rules import rate
from models.report_national import national_report
from models.report_period import period_report
from models.site_day import DayKind
from models.transaction import perform

from .report_helpers import NOVEMBER, generate_month, local, serve

BEFORE = datetime(2026, 10, 1)  # every November day still to come: all live
AFTER = datetime(2026, 12, 15)  # every November day over: stored


def _stored(site_id=None) -> int:
    query = select(func.count()).select_from(ReportDay)
    if site_id is not None:
        query = query.where(ReportDay.site_id == site_id)
    return db.session.scalar(query)


def test_stored_days_give_the_live_figures_to_the_last_digit(demo, second_site):
    generate_month(demo)
    serve(second_site_as_demo(second_site), "A", 1, "canbo-xa2", local(date(2026, 11, 10), 8), 4, 2)
    sites = [demo.site, second_site.site]
    live = period_report(db.session, sites, *NOVEMBER, now=BEFORE).as_dict()
    assert _stored() == 0
    cold = period_report(db.session, sites, *NOVEMBER, now=AFTER).as_dict()
    assert _stored() == 2 * 30  # every day of both sites, empty days too
    warm = period_report(db.session, sites, *NOVEMBER, now=AFTER).as_dict()
    assert cold == live
    assert warm == live
    assert warm["operations"]["total"]["issued"] == 67
    # Part of the month stored, the rest live: the same figures again.
    db.session.execute(delete(ReportDay).where(ReportDay.day > date(2026, 11, 15)))
    db.session.commit()
    assert period_report(db.session, sites, *NOVEMBER, now=datetime(2026, 11, 20, 3)).as_dict() == live


def second_site_as_demo(second_site):
    return type(
        "Other",
        (),
        {
            "services": {"A": second_site.service},
            "counters": {1: second_site.counter},
            "users": second_site.users,
        },
    )


def test_a_rating_given_to_a_stored_days_ticket_is_counted(demo):
    ticket = serve(demo, "A", 1, "canbo1", local(date(2026, 11, 10), 9), 5, 6)
    before = period_report(db.session, [demo.site], *NOVEMBER, now=AFTER)
    assert _stored(demo.site.id) == 30
    assert before.national.total.tickets_dissatisfied == 0
    # The rules log the rating as a ticket event: that drops the stored day (its day is over by the clock).
    perform(db.session, rate, ticket.token, "khong_hai_long", now=local(date(2026, 11, 10), 9, 20))
    assert _stored(demo.site.id) == 29
    after = period_report(db.session, [demo.site], *NOVEMBER, now=AFTER)
    assert after.national.total.tickets_dissatisfied == 1
    assert after.as_dict() == period_report(db.session, [demo.site], *NOVEMBER, now=BEFORE).as_dict()


def test_rebuild_counts_a_range_again_after_a_change_outside_the_rules(app, demo):
    ticket = serve(demo, "A", 1, "canbo1", local(date(2026, 11, 10), 9), 5, 6)
    period_report(db.session, [demo.site], *NOVEMBER, now=AFTER)
    # Corrected by hand in the database: no rule ran, the stored day still says 6 minutes.
    db.session.execute(
        update(Ticket)
        .where(Ticket.id == ticket.id)
        .values(finished_at=ticket.called_at + timedelta(minutes=16))
    )
    db.session.commit()
    stale = period_report(db.session, [demo.site], *NOVEMBER, now=AFTER)
    assert stale.operations.times.service.mean == 6.0
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["reports", "rebuild", "--from", "2026-11-01", "--to", "2026-11-30", "--site", demo.site.code]
    )
    assert result.exit_code == 0, result.output
    assert "Đã tính lại" in result.output
    db.session.expire_all()
    fresh = period_report(db.session, [demo.site], *NOVEMBER, now=AFTER)
    assert fresh.operations.times.service.mean == 16.0


def test_rebuild_refuses_a_backwards_range_and_an_unknown_site(app, demo):
    runner = app.test_cli_runner()
    backwards = runner.invoke(args=["reports", "rebuild", "--from", "2026-11-30", "--to", "2026-11-01"])
    assert backwards.exit_code == 2 and "--from" in backwards.output
    unknown = runner.invoke(
        args=["reports", "rebuild", "--from", "2026-11-01", "--to", "2026-11-30", "--site", "khong-co"]
    )
    assert unknown.exit_code == 1 and "khong-co" in unknown.output
    not_a_date = runner.invoke(args=["reports", "rebuild", "--from", "1/11/2026", "--to", "2026-11-30"])
    assert not_a_date.exit_code == 2


def test_past_days_stored_and_today_counted_live(demo):
    day = today(demo.site)
    start = day - timedelta(days=3)
    if public_holiday(start) is not None:  # the kiosk issues nothing on a holiday the centre did not work
        perform(db.session, set_site_day, demo.site.id, start, DayKind.WORKING, "")
    serve(demo, "A", 1, "canbo1", local(start, 9), 5, 6)
    first = period_report(db.session, [demo.site], start, day)
    assert _stored(demo.site.id) == 3  # the three days before today; today is never stored
    assert first.operations.total.issued == 1
    perform(db.session, rules.issue_ticket, demo.services["B"].id)
    perform(db.session, rules.call_next, demo.counters[3].id, demo.users["canbo2"])
    second = period_report(db.session, [demo.site], start, day)
    assert (second.operations.total.issued, second.load.open_days) == (2, 2)
    assert second.as_dict() == period_report(db.session, [demo.site], start, day, now=BEFORE).as_dict()
    assert _stored(demo.site.id) == 3


def test_the_dossier_counts_in_sql_match_the_dossier_report(demo):
    from bench.reports_bench import build_sites, generate

    built = build_sites(db.session, 2)
    generate(db.session, built, tickets=1200, dossiers=1200, seed=7, first_id=100_000)
    sites = [entry["site"] for entry in built]
    for start, end in ((date(2026, 3, 1), date(2026, 3, 31)), (date(2026, 1, 1), date(2026, 6, 30))):
        report = national_report(db.session, sites, start, end)
        for site, figures in report.sites:
            expected = dossier_report(db.session, site, start, end).total
            assert figures.dossiers.as_dict() == expected.as_dict()
            assert dict(figures.dossiers.outcomes) == {k: v for k, v in expected.outcomes.items() if v}
        live = period_report(db.session, sites, start, end, now=BEFORE).as_dict()
        assert period_report(db.session, sites, start, end, now=datetime(2027, 1, 1)).as_dict() == live
