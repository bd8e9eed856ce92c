"""The counter screen's new forms: the waiting list in call order, call a chosen ticket, hold and resume,
cancel and pause with a reason, a no-show's return, priority on the current ticket."""

import re

from models import CounterStatus, Status, Ticket, db
from models import queue as rules
from models.transaction import perform

HX = {"HX-Request": "true"}


def issue(service, **kwargs) -> Ticket:
    return perform(db.session, rules.issue_ticket, service.id, **kwargs).ticket


def status_of(ticket) -> str:
    db.session.expire_all()
    return db.session.get(Ticket, ticket.id).status


def test_the_waiting_list_is_in_call_order_with_the_priority_mark(demo, login):
    normal = [issue(demo.services["A"]) for _ in range(2)]
    elderly = issue(demo.services["A"], priority_category="nguoi_cao_tuoi")
    client = login("canbo1")
    client.post(f"/counter/{demo.counters[1].id}/open")
    page = client.get(f"/counter/{demo.counters[1].id}").get_data(as_text=True)
    listed = re.findall(r'<li data-code="([A-Z]\d{3})"', page)
    assert listed == [elderly.code, normal[0].code, normal[1].code]
    assert "ƯT" in page and "NCT" in page


def test_call_from_the_list_hold_serve_another_and_resume(demo, login):
    counter = demo.counters[1]
    first, second = issue(demo.services["A"]), issue(demo.services["A"])
    client = login("canbo1")
    client.post(f"/counter/{counter.id}/open")
    answer = client.post(f"/counter/{counter.id}/call", data={"ticket_id": second.id}, headers=HX)
    assert status_of(second) == Status.CALLED and status_of(first) == Status.WAITING
    assert f'class="current-code" data-code="{second.code}"' in answer.get_data(as_text=True)
    panel = client.post(f"/counter/{counter.id}/hold", data={"ticket_id": second.id}, headers=HX)
    assert status_of(second) == Status.HELD
    assert "Đang tạm giữ" in panel.get_data(as_text=True)
    client.post(f"/counter/{counter.id}/call-next", headers=HX)
    assert status_of(first) == Status.CALLED
    client.post(f"/counter/{counter.id}/complete", data={"ticket_id": first.id}, headers=HX)
    client.post(f"/counter/{counter.id}/resume", data={"ticket_id": second.id}, headers=HX)
    assert status_of(second) == Status.CALLED


def test_a_typed_code_that_does_not_exist_is_said_plainly(demo, login):
    client = login("canbo1")
    client.post(f"/counter/{demo.counters[1].id}/open")
    answer = client.post(f"/counter/{demo.counters[1].id}/call", data={"code": "<b>z9</b>"}, headers=HX)
    text = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "Hôm nay không có số BZ9B tại trung tâm này." in text
    assert "<B>" not in text and "<b>" not in text


def test_cancel_with_a_reason_and_pause_with_a_reason(demo, login):
    counter = demo.counters[1]
    ticket = issue(demo.services["A"])
    client = login("canbo1")
    client.post(f"/counter/{counter.id}/open")
    client.post(f"/counter/{counter.id}/call-next", headers=HX)
    refused = client.post(
        f"/counter/{counter.id}/cancel", data={"ticket_id": ticket.id, "reason": "x"}, headers=HX
    )
    assert "Hãy chọn một lý do" in refused.get_data(as_text=True) and status_of(ticket) == Status.CALLED
    client.post(
        f"/counter/{counter.id}/cancel", data={"ticket_id": ticket.id, "reason": "duplicate"}, headers=HX
    )
    assert status_of(ticket) == Status.CANCELLED
    paused = client.post(f"/counter/{counter.id}/pause", data={"reason": "meeting"}, headers=HX)
    assert "Quầy đang tạm dừng: Họp" in paused.get_data(as_text=True)
    client.post(f"/counter/{counter.id}/resume-service", headers=HX)
    db.session.expire_all()
    assert db.session.get(type(counter), counter.id).status == CounterStatus.OPEN


def test_a_no_show_returns_by_its_code_and_priority_is_set_on_the_current_ticket(demo, login):
    counter = demo.counters[1]
    ticket = issue(demo.services["A"])
    client = login("canbo1")
    client.post(f"/counter/{counter.id}/open")
    client.post(f"/counter/{counter.id}/call-next", headers=HX)
    client.post(f"/counter/{counter.id}/no-show", data={"ticket_id": ticket.id}, headers=HX)
    answer = client.post(f"/counter/{counter.id}/return", data={"code": ticket.code.lower()}, headers=HX)
    assert f"Số {ticket.code} đã trở lại hàng chờ." in answer.get_data(as_text=True)
    assert status_of(ticket) == Status.WAITING
    again = client.post(f"/counter/{counter.id}/return", data={"code": ticket.code}, headers=HX)
    assert "không ở trạng thái vắng mặt" in again.get_data(as_text=True)
    client.post(f"/counter/{counter.id}/call-next", headers=HX)
    granted = client.post(
        f"/counter/{counter.id}/priority", data={"ticket_id": ticket.id, "category": "con_nho"}, headers=HX
    )
    assert "ưu tiên — Người có con nhỏ dưới 36 tháng tuổi" in granted.get_data(as_text=True)


def test_closing_with_a_parked_ticket_says_it_stays_parked(demo, login):
    counter = demo.counters[1]
    ticket = issue(demo.services["A"])
    client = login("canbo1")
    client.post(f"/counter/{counter.id}/open")
    client.post(f"/counter/{counter.id}/call-next", headers=HX)
    client.post(f"/counter/{counter.id}/hold", data={"ticket_id": ticket.id}, headers=HX)
    asked = client.post(f"/counter/{counter.id}/close", headers=HX).get_data(as_text=True)
    assert f"Còn 1 số đang tạm giữ tại quầy: {ticket.code}." in asked and "data-hold-refresh" in asked
    assert db.session.get(type(counter), counter.id).officer_id is not None  # not closed yet
    client.post(f"/counter/{counter.id}/close", data={"confirm": "1"})
    page = client.get("/counter/").get_data(as_text=True)
    assert f"còn các số đang tạm giữ: {ticket.code}" in page
    assert status_of(ticket) == Status.HELD
