"""The ticket's live page, a reprint and the kiosk's second tap for a dossier's return ticket show a ticket's
place and estimate as people_ahead and estimated_wait_minutes give them (they ask place_in_queue, which reads
the queue's pace once for both)."""

from sqlalchemy import select

from models import Dossier, DossierStatus, Procedure, Ticket, db
from models.dossier_return import issue_return_ticket, return_service_id
from models.dossier_rules import Applicant, Receipt, change_status, receive_dossier
from models.queries import estimated_wait_minutes, minutes_per_call, people_ahead
from models.queue import call_next, issue_ticket
from models.transaction import perform
from printing import reprint as reprint_module


def _third_in_line(service_id: int) -> Ticket:
    return [perform(db.session, issue_ticket, service_id).ticket for _ in range(3)][-1]


def _two_reads(ticket: Ticket) -> tuple[int, int]:
    """The place and estimate as they were read before place_in_queue: the pace read by each."""
    ticket = db.session.get(Ticket, ticket.id)
    ahead = people_ahead(db.session, ticket)
    return ahead, estimated_wait_minutes(db.session, ticket, ahead)


def test_the_ticket_page_shows_the_same_place_and_estimate(demo, client):
    ticket = _third_in_line(demo.services["A"].id)
    ahead, wait = _two_reads(ticket)
    assert ahead == 2 and wait == round(2 * minutes_per_call(db.session, ticket)) > 0
    status = client.get(f"/t/{ticket.token}/status").get_data(as_text=True)
    assert f"Còn {ahead} người trước ông/bà" in status
    assert f"Thời gian chờ dự kiến: khoảng {wait} phút" in status


def test_a_reprint_prints_the_same_place_and_estimate(app, demo, monkeypatch):
    printed = []
    monkeypatch.setattr(
        reprint_module,
        "print_ticket",
        lambda _printer, ticket, ahead, wait, *_a, **_k: printed.append((ahead, wait)),
    )
    waiting = _third_in_line(demo.services["A"].id)
    called = perform(db.session, call_next, demo.counters[1].id, demo.users["canbo1"])
    expected = [_two_reads(waiting), _two_reads(called)]
    assert expected[0][0] == 1 and expected[0][1] > 0 and expected[1] == (0, 0)
    with app.test_request_context():
        reprint_module.reprint(None, db.session.get(Ticket, waiting.id))
        reprint_module.reprint(None, db.session.get(Ticket, called.id))
    assert printed == expected


def test_a_second_tap_for_a_return_ticket_gives_the_same_place_and_estimate(demo):
    procedure_id = db.session.scalar(select(Procedure.id).filter_by(code="1.004873"))
    receipt = Receipt(procedure_id, Applicant("Nguyễn Thị Hoà", "0912345678", "Số 3 Đội Cấn"))
    dossier = perform(db.session, receive_dossier, demo.site.id, demo.users["canbo1"], receipt)
    perform(db.session, change_status, dossier.id, demo.users["canbo1"], DossierStatus.RESULT_READY)
    service_id = return_service_id(db.session, db.session.get(Dossier, dossier.id))
    for _ in range(2):  # two citizens ahead in the return's queue
        perform(db.session, issue_ticket, service_id)
    first = perform(db.session, issue_return_ticket, dossier.id, demo.site.id)
    again = perform(db.session, issue_return_ticket, dossier.id, demo.site.id)
    assert again.ticket.id == first.ticket.id
    assert (again.ahead, again.wait_minutes) == _two_reads(first.ticket)
    assert again.ahead == 2 and again.wait_minutes > 0
