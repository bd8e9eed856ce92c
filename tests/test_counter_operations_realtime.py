"""The new counter operations reach every screen live (counter, display, phone, the supervisors' floor view),
and their events carry no token and no name."""

from models import Ticket, User, db
from models.queue import issue_ticket
from models.transaction import perform

from .test_realtime import _listeners, socket  # noqa: F401  (socket is a fixture)


def test_hold_resume_cancel_pause_and_a_move_are_heard_everywhere(app, demo, client, api_token, socket):  # noqa: F811
    recorder = _listeners(app, demo, socket)
    parked, other = (perform(db.session, issue_ticket, demo.services["A"].id).ticket for _ in range(2))
    recorder.add("phone", socket("/ticket", {"token": parked.token}), "/ticket")
    one = f"/api/v1/counters/{demo.counters[1].id}"
    canbo1 = api_token("canbo1")

    def act(path, **body):
        response = client.post(f"{one}/{path}", headers=canbo1, json=body)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    act("call", code=parked.code)
    act("hold", ticket_id=parked.id)
    act("call-next")
    act("cancel", reason="wrong_service", ticket_id=other.id)
    act("resume", ticket_id=parked.id)
    act("complete")
    act("pause", reason="break")

    for screen in ("counter", "display", "admin", "phone"):
        assert [e["code"] for e in recorder.events(screen, "ticket_held")] == [parked.code], screen
    assert {e["status"] for e in recorder.events("admin", "ticket_finished")} == {"cancelled", "done"}
    assert recorder.events("admin", "queue_changed") and recorder.events("admin", "counter_changed")
    assert recorder.events("display", "counter_changed")
    # Resumed before service had started: the citizen is called again (status "called"), at the same counter.
    assert [e["status"] for e in recorder.events("phone", "ticket_serving")] == ["called"]
    heard = recorder.as_text()
    tokens = db.session.scalars(db.select(Ticket.token)).all()
    names = db.session.scalars(db.select(User.full_name)).all()
    assert [token for token in tokens if token in heard] == []
    assert [name for name in names if name in heard] == []


def test_closing_a_held_counter_from_the_floor_is_heard_by_its_officer(app, demo, client, api_token, socket):  # noqa: F811
    """The officer's screen hears counter_changed (and refetches its panel, which then says who closed it);
    the wall display and the floor hear it too, with no name in any payload."""
    from models.counter_supervision import shut_counter

    recorder = _listeners(app, demo, socket)
    counter, officer = demo.counters[1], demo.users["canbo1"]
    ticket = perform(db.session, issue_ticket, demo.services["A"].id).ticket
    client.post(f"/api/v1/counters/{counter.id}/call-next", headers=api_token("canbo1"))
    recorder.drain()
    recorder.heard.clear()
    perform(db.session, shut_counter, counter.id, demo.users["admin"], officer_id=officer.id)
    for screen in ("counter", "display", "admin"):
        changed = recorder.events(screen, "counter_changed")
        assert [e["counter_id"] for e in changed] == [counter.id], screen
    # The citizen at the counter went back to the queue: the waiting lists hear it.
    assert [e["code"] for e in recorder.events("counter", "ticket_transferred")] == [ticket.code]
    heard = recorder.as_text()
    assert officer.full_name not in heard and demo.users["admin"].full_name not in heard
