"""The national figures of a period: the dossier figures as models/dossier_report.py gives them, the online
share, the dossier satisfaction of QĐ 766 beside the per-ticket index.

March 2026 at the demo centre: four tickets served on Friday 6 March, the first rated "Không hài lòng", the
second "Rất hài lòng", the others not rated. Dossiers received that afternoon (due Wednesday 11 March):
  d1 on ticket 1 (KHL), result on 10 March → early;      d2 on ticket 2, result on 12 March → late;
  d3 on ticket 3, apology, result on 16 March → late with apology;  d4 (a procedure not offered online, no
  ticket) still pending.
Hand count: received 4, resolved 3, on time 1 of 3 = 33.33 %; online 3 of 4 = 75.0 %; dossier satisfaction
(3 − 1) / 3 = 66.7 %; per-ticket index (4 − 1) / 4 = 75.0 %.
"""

from datetime import date, datetime, timedelta

from sqlalchemy import select

from models import DossierStatus, Procedure, db
from models import queue as rules
from models.dossier_rules import Applicant, Receipt, change_status, issue_apology, receive_dossier
from models.rating_rules import rate
from models.report_national import national_report
from models.transaction import perform

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def served_ticket(demo, at, level=None):
    counter, canbo1 = demo.counters[1], demo.users["canbo1"]
    perform(db.session, rules.issue_ticket, demo.services["A"].id, now=at)
    perform(db.session, rules.call_next, counter.id, canbo1, now=at + timedelta(minutes=1))
    ticket = perform(db.session, rules.complete, counter.id, canbo1, now=at + timedelta(minutes=5))
    if level:
        perform(db.session, rate, ticket.token, level, now=at + timedelta(minutes=6))
    return ticket


def dossier(demo, code, ticket=None):
    procedure_id = db.session.scalar(select(Procedure.id).filter_by(code=code))
    receipt = Receipt(procedure_id, Applicant("Nguyễn Thị Hoà", "0912345678"), ticket_id=ticket and ticket.id)
    return perform(
        db.session, receive_dossier, demo.site.id, demo.users["canbo1"], receipt, now=datetime(2026, 3, 6, 7)
    )


def ready(demo, d, at):
    perform(db.session, change_status, d.id, demo.users["canbo1"], DossierStatus.RESULT_READY, "", now=at)


def test_the_national_figures_match_the_hand_count(demo):
    tickets = [
        served_ticket(demo, datetime(2026, 3, 6, 1, 10 * i), level)
        for i, level in enumerate(("khong_hai_long", "rat_hai_long", None, None))
    ]
    d1, d2, d3 = (dossier(demo, "1.004873", t) for t in tickets[:3])
    dossier(demo, "1.000593")
    ready(demo, d1, datetime(2026, 3, 10, 2))
    ready(demo, d2, datetime(2026, 3, 12, 2))
    perform(
        db.session,
        issue_apology,
        d3.id,
        demo.users["canbo1"],
        "Cần xác minh thêm",
        date(2026, 3, 17),
        now=datetime(2026, 3, 11, 2),
    )
    ready(demo, d3, datetime(2026, 3, 16, 2))

    report = national_report(db.session, [demo.site], *MARCH)
    figures = report.total
    assert (figures.dossiers.received, figures.dossiers.resolved, figures.dossiers.pending) == (4, 3, 1)
    assert dict(figures.dossiers.outcomes) == {"early": 1, "late": 1, "late_with_apology": 1}
    assert figures.dossiers.on_time_rate == 33.33
    assert (figures.online_share, figures.dossier_satisfaction, figures.ticket_index) == (75.0, 66.7, 75.0)
    assert report.sites[0][1].as_dict() == figures.as_dict()


def test_an_empty_period_has_no_rates(demo):
    figures = national_report(db.session, [demo.site], *MARCH).total
    assert (figures.online_share, figures.dossier_satisfaction, figures.ticket_index) == (None, None, None)
