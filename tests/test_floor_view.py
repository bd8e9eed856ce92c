"""The supervisors' floor view (/admin/floor) and the priority settings page (/admin/priority)."""

from datetime import timedelta

from sqlalchemy import select

from models import CounterEvent, CounterStatus, PriorityCategory, Status, Ticket, db, utcnow
from models import counter_operations as ops
from models import queue as rules
from models.queries.floor import floor_view
from models.transaction import perform

HX = {"HX-Request": "true"}


def issue(service, **kwargs) -> Ticket:
    return perform(db.session, rules.issue_ticket, service.id, **kwargs).ticket


def test_the_floor_shows_counters_services_and_waits_against_the_target(demo):
    officer, counter = demo.users["canbo1"], demo.counters[1]
    old = issue(demo.services["A"], now=utcnow() - timedelta(minutes=25))
    issue(demo.services["A"])
    issue(demo.services["B"])
    called = perform(db.session, rules.call_next, counter.id, officer)
    assert called.id == old.id
    perform(db.session, ops.pause, demo.counters[2].id, demo.users["canbo2"], reason="break")
    view = floor_view(db.session, demo.site, utcnow())
    rows = {row["counter"].number: row for row in view["counters"]}
    assert rows[1]["ticket"].code == old.code and rows[1]["minutes"] == 0
    assert rows[2]["counter"].status == CounterStatus.PAUSED
    services = {row["service"].prefix: row for row in view["services"]}
    assert services["A"]["waiting"] == 1 and services["B"]["waiting"] == 1
    assert services["A"]["mean_last_hour"] == 25.0  # the old ticket waited 25 minutes before its call
    demo.site.wait_target_minutes = 1
    db.session.commit()
    late = issue(demo.services["C"], now=utcnow() - timedelta(minutes=5))
    view = floor_view(db.session, demo.site, utcnow())
    assert [r["service"].prefix for r in view["services"] if r["over_target"]] == ["C"]
    assert late.code in [t.code for t, _ in view["waiting"]]


def test_a_supervisor_moves_a_waiting_ticket_and_reopens_a_paused_counter(demo, login):
    ticket = issue(demo.services["A"])
    perform(db.session, ops.pause, demo.counters[2].id, demo.users["canbo2"], reason="helping")
    client = login("admin")
    page = client.get("/admin/floor").get_data(as_text=True)
    assert ticket.code in page and "Hỗ trợ quầy khác" in page
    moved = client.post(
        f"/admin/floor/tickets/{ticket.id}/move",
        data={"target": f"service:{demo.services['C'].id}"},
        headers=HX,
    )
    assert f"Đã chuyển số {ticket.code}." in moved.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).queue_service_id == demo.services["C"].id
    bad = client.post(f"/admin/floor/tickets/{ticket.id}/move", data={"target": "service:x"}, headers=HX)
    assert "Hãy chọn một dịch vụ hoặc một quầy" in bad.get_data(as_text=True)
    granted = client.post(
        f"/admin/floor/tickets/{ticket.id}/priority", data={"category": "nguoi_co_cong"}, headers=HX
    )
    assert f"Đã đổi ưu tiên của số {ticket.code}." in granted.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).priority_category.code == "nguoi_co_cong"
    officer_id = demo.users["canbo2"].id
    client.post(
        f"/admin/floor/counters/{demo.counters[2].id}/reopen", data={"officer_id": officer_id}, headers=HX
    )
    db.session.expire_all()
    assert db.session.get(type(demo.counters[2]), demo.counters[2].id).status == CounterStatus.OPEN
    logged = db.session.scalars(select(CounterEvent.type).filter_by(counter_id=demo.counters[2].id)).all()
    assert logged == ["paused", "pause_ended"]


def test_a_supervisor_resumes_at_their_counter_a_ticket_parked_at_a_closed_one(demo, login):
    ticket = issue(demo.services["A"])
    perform(db.session, rules.call_next, demo.counters[1].id, demo.users["canbo1"])
    perform(db.session, ops.hold, demo.counters[1].id, demo.users["canbo1"])
    perform(db.session, ops.close, demo.counters[1].id, demo.users["canbo1"])
    client = login("admin")
    assert ticket.code in client.get("/admin/floor").get_data(as_text=True)
    client.post(f"/counter/{demo.counters[3].id}/open")
    client.post(f"/counter/{demo.counters[3].id}/resume", data={"ticket_id": ticket.id}, headers=HX)
    db.session.expire_all()
    assert (db.session.get(Ticket, ticket.id).status, db.session.get(Ticket, ticket.id).counter_id) == (
        Status.CALLED,
        demo.counters[3].id,
    )


def test_the_priority_page_saves_the_policy_and_categories_and_refuses_bad_values(demo, login):
    client = login("admin")
    page = client.get("/admin/priority").get_data(as_text=True)
    assert "Người có công với cách mạng" in page
    form = {"policy": "strict", "ratio": "2", "max_wait_minutes": "45", "wait_target_minutes": "15"}
    client.post("/admin/priority/policy", data=form)
    db.session.expire_all()
    site = demo.site
    db.session.refresh(site)
    assert (site.priority_policy, site.priority_ratio, site.priority_max_wait_minutes) == ("strict", 2, 45)
    for bad in ({"policy": "random"}, {"ratio": "0"}, {"ratio": "abc"}, {"max_wait_minutes": "-3"}):
        answer = client.post("/admin/priority/policy", data={**form, **bad}, follow_redirects=True)
        assert answer.status_code == 200 and "flash-error" in answer.get_data(as_text=True)
    db.session.refresh(site)
    assert (site.priority_policy, site.priority_ratio) == ("strict", 2)
    client.post(
        "/admin/priority/categories",
        data={"code": "tre_em", "name": "Trẻ em dưới 6 tuổi", "mark": "TE", "position": "6", "active": "1"},
    )
    answer = client.post(
        "/admin/priority/categories",
        data={"code": "Bad Code", "name": "x", "mark": "x", "position": "1"},
        follow_redirects=True,
    )
    assert "Mã nhóm chỉ gồm" in answer.get_data(as_text=True)
    added = db.session.scalar(select(PriorityCategory).filter_by(site_id=site.id, code="tre_em"))
    assert (added.name, added.mark, added.active) == ("Trẻ em dưới 6 tuổi", "TE", True)
    client.post(
        "/admin/priority/categories",
        data={"category_id": str(added.id), "name": "Trẻ em", "mark": "TE", "position": "6"},
    )
    db.session.refresh(added)
    assert (added.name, added.active) == ("Trẻ em", False)  # unticked: no longer offered at the kiosk
    groups = client.get("/kiosk/priority?site=phuong-demo").get_data(as_text=True)
    assert "Trẻ em" not in groups


def test_an_officer_cannot_open_the_floor_or_the_priority_page(demo, login):
    client = login("canbo1")
    assert client.get("/admin/floor").status_code == 403
    assert client.post("/admin/priority/policy", data={"policy": "off"}).status_code == 403
