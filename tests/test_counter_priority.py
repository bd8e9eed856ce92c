"""Priority granted or removed on a waiting ticket from the counter: the waiting list's own form and the API's
`POST /api/v1/counters/<id>/priority` (both the "priority" counter action), logged with who."""

import re

from sqlalchemy import select

from models import Priority, Status, Ticket, TicketEvent, db
from models import queue as rules
from models.transaction import perform

HX = {"HX-Request": "true"}


def issue(service, **kwargs) -> Ticket:
    return perform(db.session, rules.issue_ticket, service.id, **kwargs).ticket


def fresh(ticket) -> Ticket:
    db.session.expire_all()
    return db.session.get(Ticket, ticket.id)


def priority_events(ticket) -> list[tuple]:
    events = db.session.scalars(
        select(TicketEvent).filter_by(ticket_id=ticket.id).where(TicketEvent.type.like("priority_%"))
    ).all()
    return [(event.type, event.data) for event in events]


def listed(page: str) -> list[str]:
    return re.findall(r'<li data-code="([A-Z]\d{3})"', page)


def test_the_waiting_list_grants_priority_and_reorders(demo, login):
    counter, officer = demo.counters[1], demo.users["canbo1"]
    first, second = issue(demo.services["A"]), issue(demo.services["A"])
    client = login("canbo1")
    client.post(f"/counter/{counter.id}/open")
    page = client.get(f"/counter/{counter.id}").get_data(as_text=True)
    assert listed(page) == [first.code, second.code]
    assert f'id="waiting-priority-{second.id}"' in page  # a priority choice on each waiting row

    answer = client.post(
        f"/counter/{counter.id}/priority",
        data={"ticket_id": second.id, "category": "nguoi_khuyet_tat"},
        headers=HX,
    ).get_data(as_text=True)
    assert f"Số {second.code}: ưu tiên — Người khuyết tật." in answer
    assert listed(answer) == [second.code, first.code]
    assert fresh(second).priority == Priority.PRIORITY
    assert priority_events(second) == [
        ("priority_granted", {"by": officer.id, "category": "nguoi_khuyet_tat"})
    ]

    removed = client.post(
        f"/counter/{counter.id}/priority", data={"ticket_id": second.id, "category": ""}, headers=HX
    ).get_data(as_text=True)
    assert listed(removed) == [first.code, second.code]
    assert priority_events(second)[-1] == ("priority_removed", {"by": officer.id, "category": None})


def test_only_the_officer_holding_the_counter_sets_priority_there(demo, login):
    counter = demo.counters[1]
    ticket = issue(demo.services["A"])
    perform(db.session, rules.open_counter, counter.id, demo.users["canbo1"])
    answer = login("canbo2").post(
        f"/counter/{counter.id}/priority", data={"ticket_id": ticket.id, "category": "con_nho"}, headers=HX
    )
    assert "đang do cán bộ khác phụ trách" in answer.get_data(as_text=True)
    assert fresh(ticket).priority == Priority.NORMAL
    assert priority_events(ticket) == []


def test_a_ticket_at_another_counter_is_refused(demo, login):
    mine, other = demo.counters[1], demo.counters[2]
    ticket = issue(demo.services["A"])
    perform(db.session, rules.call_next, other.id, demo.users["canbo2"])
    client = login("canbo1")
    client.post(f"/counter/{mine.id}/open")
    answer = client.post(
        f"/counter/{mine.id}/priority", data={"ticket_id": ticket.id, "category": "con_nho"}, headers=HX
    )
    assert f"Số {ticket.code} không còn chờ và không ở quầy này." in answer.get_data(as_text=True)
    assert fresh(ticket).priority == Priority.NORMAL


def test_the_api_grants_and_removes_priority_on_a_waiting_ticket(demo, client, api_token):
    counter = demo.counters[1]
    ticket = issue(demo.services["A"])
    headers = api_token("canbo1")
    url = f"/api/v1/counters/{counter.id}/priority"

    granted = client.post(url, json={"ticket_id": ticket.id, "category": "nguoi_co_cong"}, headers=headers)
    assert granted.status_code == 200
    body = granted.get_json()["ticket"]
    assert (body["code"], body["status"]) == (ticket.code, Status.WAITING)
    queue = client.get(f"/api/v1/counters/{counter.id}/queue", headers=headers).get_json()["tickets"]
    assert queue[0]["code"] == ticket.code
    assert fresh(ticket).priority_category.code == "nguoi_co_cong"

    removed = client.post(url, json={"ticket_id": ticket.id, "category": None}, headers=headers)
    assert removed.status_code == 200
    assert fresh(ticket).priority == Priority.NORMAL
    officer = demo.users["canbo1"]
    assert [kind for kind, _data in priority_events(ticket)] == ["priority_granted", "priority_removed"]
    assert all(data["by"] == officer.id for _kind, data in priority_events(ticket))


def test_the_api_refuses_a_forgotten_category_an_unknown_one_and_another_sites_ticket(
    demo, client, api_token, second_site
):
    counter = demo.counters[1]
    ticket = issue(demo.services["A"], priority_category="nguoi_cao_tuoi")
    headers = api_token("canbo1")
    url = f"/api/v1/counters/{counter.id}/priority"

    forgotten = client.post(url, json={"ticket_id": ticket.id}, headers=headers)
    assert forgotten.status_code == 400
    assert forgotten.get_json()["error"]["code"] == "invalid_priority_category"
    not_text = client.post(url, json={"ticket_id": ticket.id, "category": 5}, headers=headers)
    assert not_text.status_code == 400
    unknown = client.post(url, json={"ticket_id": ticket.id, "category": "vip"}, headers=headers)
    assert unknown.status_code == 400
    assert unknown.get_json()["error"]["code"] == "invalid_priority_category"
    assert fresh(ticket).priority_category.code == "nguoi_cao_tuoi"

    foreign = perform(db.session, rules.issue_ticket, second_site.service.id).ticket
    elsewhere = client.post(url, json={"ticket_id": foreign.id, "category": "con_nho"}, headers=headers)
    assert elsewhere.status_code == 404
    assert fresh(foreign).priority == Priority.NORMAL
    assert priority_events(ticket) == [] and priority_events(foreign) == []
