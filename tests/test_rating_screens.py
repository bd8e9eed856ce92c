"""The rating screens: the counter's tablet, the phone's ticket page, the back-office report, its exports and
the supervisors' live "Không hài lòng" alert."""

import csv
import io
from datetime import timedelta

from flask import g
from sqlalchemy import select

from models import Rating, TicketEvent, db
from models import queue as rules
from models.rating_rules import rate
from models.transaction import perform
from motcua.extensions import socketio

from .helpers import counter_tablet_key
from .rating_helpers import served


def tablet_url(counter, suffix=""):
    return f"/counter/{counter.id}/rating{suffix}?key={counter_tablet_key(counter)}"


# --- the tablet ---------------------------------------------------------------------------------------------


def test_the_tablet_needs_its_counters_key(demo, client):
    counter = demo.counters[1]
    assert client.get(f"/counter/{counter.id}/rating").status_code == 404
    assert (
        client.get(f"/counter/{counter.id}/rating?key={counter_tablet_key(demo.counters[2])}").status_code
        == 404
    )
    assert (
        client.post(f"/counter/{counter.id}/rating?key=forged", data={"level": "hai_long"}).status_code == 404
    )


def test_the_tablet_rests_then_asks_then_thanks(demo, client):
    counter = demo.counters[1]
    perform(db.session, rules.open_counter, counter.id, demo.users["canbo1"])
    page = client.get(tablet_url(counter)).get_data(as_text=True)
    assert 'data-state="rest"' in page and "Nguyễn Thị Lan" in page and "Quầy 1" in page

    ticket = served(demo)
    state = client.get(tablet_url(counter, "/state")).get_data(as_text=True)
    assert 'data-state="ask"' in state and ticket.code in state
    assert "Ông/bà có hài lòng với sự phục vụ?" in state
    for label in ("Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng", "Thời gian giải quyết"):
        assert label in state

    answer = client.post(
        tablet_url(counter),
        data={
            "token": ticket.token,
            "level": "hai_long",
            "criteria": ["huong_dan_ro_rang"],
            "comment": "Cảm ơn",
        },
    ).get_data(as_text=True)
    assert 'data-state="thanks"' in answer
    rating = db.session.scalar(select(Rating))
    assert (rating.level, rating.channel, rating.criteria) == ("hai_long", "tablet", ["huong_dan_ro_rang"])
    assert 'data-state="rest"' in client.get(tablet_url(counter, "/state")).get_data(as_text=True)

    again = client.post(tablet_url(counter), data={"token": ticket.token, "level": "binh_thuong"})
    assert 'data-state="notice"' in again.get_data(as_text=True) and "đã được đánh giá" in again.get_data(
        as_text=True
    )


def test_the_tablet_stops_asking_after_its_time_and_records_a_skip(app, demo, client):
    counter = demo.counters[1]
    ticket = served(demo)
    answer = client.post(tablet_url(counter, "/skip"), data={"token": ticket.token}).get_data(as_text=True)
    assert 'data-state="rest"' in answer
    types = db.session.scalars(select(TicketEvent.type).filter_by(ticket_id=ticket.id)).all()
    assert "rating_skipped" in types

    late = served(demo)
    late.finished_at -= timedelta(seconds=app.config["RATING_ASK_SECONDS"] + 1)
    db.session.commit()
    # A tablet that comes back after the moment passed does not ask again.
    assert 'data-state="rest"' in client.get(tablet_url(counter, "/state")).get_data(as_text=True)


# --- the phone ----------------------------------------------------------------------------------------------


def test_the_phone_offers_the_rating_once_done_and_refuses_a_second(demo, client):
    perform(db.session, rules.issue_ticket, demo.services["A"].id)
    waiting = db.session.scalars(select(rules.Ticket)).first()
    assert "rating-form" not in client.get(f"/t/{waiting.token}").get_data(as_text=True)

    perform(db.session, rules.call_next, demo.counters[1].id, demo.users["canbo1"])
    perform(db.session, rules.complete, demo.counters[1].id, demo.users["canbo1"])
    page = client.get(f"/t/{waiting.token}").get_data(as_text=True)
    assert 'id="rating-form"' in page and "Ông/bà có hài lòng với sự phục vụ?" in page

    done = client.post(
        f"/t/{waiting.token}/rating",
        data={"level": "khong_hai_long", "comment": "<script>alert('x')</script>"},
        headers={"HX-Request": "true"},
    ).get_data(as_text=True)
    assert 'id="rating-done"' in done and "Không hài lòng" in done
    second = client.post(f"/t/{waiting.token}/rating", data={"level": "rat_hai_long"}).get_data(as_text=True)
    assert "đã được đánh giá" in second
    assert db.session.scalar(select(Rating.level)) == "khong_hai_long"


def test_a_phone_error_keeps_what_was_typed(demo, client):
    ticket = served(demo)
    page = client.post(
        f"/t/{ticket.token}/rating",
        data={"level": "tuyet_voi", "comment": "Cán bộ nhiệt tình"},
        headers={"HX-Request": "true"},
    ).get_data(as_text=True)
    assert "Mức độ hài lòng không hợp lệ." in page and "Cán bộ nhiệt tình" in page


def test_a_phone_over_the_limit_gets_429_with_the_message_in_place(app, demo, client):
    """htmx swaps a 429 (htmx-config in base.html): the phone shows the notice, and the status stays 429."""
    ticket = served(demo)
    app.config["RATING_RATE_LIMIT"] = "1/60"
    try:
        form, hx = {"level": "tuyet_voi"}, {"HX-Request": "true"}
        statuses = [client.post(f"/t/{ticket.token}/rating", data=form, headers=hx) for _ in range(2)]
    finally:
        app.config["RATING_RATE_LIMIT"] = "10/60"
    assert [response.status_code for response in statuses] == [200, 429]
    assert "Ông/bà đã gửi quá nhiều lần." in statuses[1].get_data(as_text=True)


# --- back office --------------------------------------------------------------------------------------------


def test_report_page_and_exports_for_supervisors_only(demo, client, login):
    ticket = served(demo, 2, "canbo2")
    perform(db.session, rate, ticket.token, "khong_hai_long", comment="=1+1 <b>x</b>")
    day = ticket.day.isoformat()
    url = f"/admin/reports/satisfaction?from={day}&to={day}"
    assert client.get(url).status_code == 302  # to the sign-in page

    login("canbo1")
    assert client.get(url).status_code == 403
    client.post("/auth/logout")

    login("admin")
    page = client.get(url).get_data(as_text=True)
    assert "Xếp hạng cán bộ" in page and "Trần Văn Minh" in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page  # the alert shows the comment as text

    exported = client.get(url + "&format=csv")
    assert exported.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    officer_rows = [r for r in rows if r[0] == "Cán bộ"]
    assert officer_rows[0][2] == "Trần Văn Minh" and officer_rows[0][3:5] == ["1", "1"]
    assert rows[-1][0] == "Toàn trung tâm" and rows[-1][-1] == "0.0"

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get(url + "&format=xlsx").data))
    values = [[c.value for c in row] for row in book.active.iter_rows()]
    assert any(row[0] == "Cán bộ" and row[2] == "Trần Văn Minh" and row[3] == 1 for row in values)

    bad = client.get("/admin/reports/satisfaction?from=nonsense")
    assert bad.status_code == 200 and "Ngày không hợp lệ" in bad.get_data(as_text=True)

    home = client.get("/admin/").get_data(as_text=True)
    assert 'id="rating-alerts"' in home and "/admin/reports/satisfaction" in home

    tablets = client.get("/admin/rating-tablets").get_data(as_text=True)
    assert counter_tablet_key(demo.counters[1]) in tablets


def test_the_bridge_asks_the_tablet_and_alerts_the_site_supervisors(demo, client, login, monkeypatch):
    from motcua import realtime

    sent = []
    monkeypatch.setattr(
        realtime.socketio,
        "emit",
        lambda name, data, namespace, to: sent.append((name, namespace, to, data)),
    )
    ticket = served(demo, 2, "canbo2")
    counter_room, site_room = f"counter:{demo.counters[2].id}", f"site:{demo.site.id}"
    assert (
        "rating_requested",
        "/tablet",
        counter_room,
        {"counter_id": demo.counters[2].id, "ticket_code": ticket.code},
    ) in sent

    sent.clear()
    perform(db.session, rate, ticket.token, "khong_hai_long", comment="Chờ lâu")
    alert = [s for s in sent if s[:3] == ("rating_received", "/admin", site_room)]
    assert alert and alert[0][3]["level"] == "khong_hai_long" and alert[0][3]["ticket_code"] == ticket.code
    assert any(s[:3] == ("rating_received", "/tablet", counter_room) for s in sent)

    login("admin")
    g.pop("_login_user", None)  # request contexts share the test's app context; forget the cached user
    alerts = client.get("/admin/reports/satisfaction/alerts").get_data(as_text=True)
    assert ticket.code in alerts and "Quầy 2" in alerts and "Trần Văn Minh" in alerts and "Chờ lâu" in alerts


def test_a_dissatisfied_rating_reaches_the_supervisors_screen_at_once(app, demo, client, login):
    login("admin")
    supervisor = socketio.test_client(
        app, namespace="/admin", flask_test_client=client, auth={"site_id": demo.site.id}
    )
    assert supervisor.is_connected("/admin")
    tablet = socketio.test_client(
        app,
        namespace="/tablet",
        auth={"counter_id": demo.counters[2].id, "key": counter_tablet_key(demo.counters[2])},
    )
    assert tablet.is_connected("/tablet")
    # Request contexts reuse the test's app context, so Flask-Login's cached user must be forgotten first.
    g.pop("_login_user", None)
    stranger = socketio.test_client(app, namespace="/admin", auth={"site_id": demo.site.id})
    assert not stranger.is_connected("/admin")

    ticket = served(demo, 2, "canbo2")
    requested = [e for e in tablet.get_received("/tablet") if e["name"] == "rating_requested"]
    assert requested and requested[0]["args"][0]["ticket_code"] == ticket.code

    perform(db.session, rate, ticket.token, "khong_hai_long", comment="Chờ lâu")
    events = [e for e in supervisor.get_received("/admin") if e["name"] == "rating_received"]
    assert events and events[0]["args"][0]["level"] == "khong_hai_long"
    g.pop("_login_user", None)
    alerts = client.get("/admin/reports/satisfaction/alerts").get_data(as_text=True)
    assert ticket.code in alerts and "Quầy 2" in alerts and "Trần Văn Minh" in alerts and "Chờ lâu" in alerts
    supervisor.disconnect("/admin")
    tablet.disconnect("/tablet")
