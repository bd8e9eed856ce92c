"""/admin/devices: kiosks, displays, tablets and printers per site, each with its own revocable key; when each
last reported in; the offline warning."""

from datetime import timedelta

from flask import g
from sqlalchemy import select

from models import Device, DeviceKind, db, utcnow
from models.audit import AuditEntry
from models.devices import device_seen, is_offline
from models.transaction import perform
from motcua.demo import DEMO_KIOSK
from motcua.device_presence import COOKIE, device_key
from motcua.tablet_keys import tablet_key
from tests.helpers import enrolment


def add(client, **form):
    return client.post("/admin/devices", data=form)


def device(name) -> Device:
    db.session.expire_all()
    return db.session.scalar(select(Device).filter_by(name=name))


def test_register_a_display_whose_link_reports_in_and_can_be_revoked_alone(app, demo, login):
    admin = login("admin")
    assert add(admin, kind=DeviceKind.DISPLAY, name="Màn hình sảnh").status_code == 302
    assert add(admin, kind=DeviceKind.DISPLAY, name="Màn hình tầng 2").status_code == 302
    hall, upstairs = device("Màn hình sảnh"), device("Màn hình tầng 2")
    page = admin.get("/admin/devices").get_data(as_text=True)
    assert "Mất liên lạc quá 5 phút" in page  # never seen yet
    g.pop("_login_user", None)  # one app context for the test: the screen below is nobody signed in
    screen = app.test_client()
    opened = screen.get(f"/display/?site={demo.site.code}&device_key={device_key(hall)}")
    assert opened.status_code == 200 and COOKIE in opened.headers["Set-Cookie"]
    assert device("Màn hình sảnh").last_contact_at is not None
    # A display's key never passes for a kiosk's.
    refused = screen.post(f"/kiosk/tickets?site={demo.site.code}", data={"service_id": demo.services["A"].id})
    assert refused.status_code == 403
    g.pop("_login_user", None)
    upstairs_key = device_key(upstairs)
    g.pop("_login_user", None)
    assert admin.post(f"/admin/devices/{hall.id}/new-key").status_code == 302
    assert device("Màn hình sảnh").key_version == 2 and device("Màn hình tầng 2").key_version == 1
    # The revoked key reports nothing any more; the other display's still does.
    db.session.execute(db.update(Device).values(last_contact_at=None))
    db.session.commit()
    g.pop("_login_user", None)
    assert screen.get("/device/heartbeat").status_code == 204
    app.test_client().get(f"/display/?site={demo.site.code}&device_key={upstairs_key}")
    assert device("Màn hình sảnh").last_contact_at is None
    assert device("Màn hình tầng 2").last_contact_at is not None
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-3:] == ["device_created", "device_created", "device_key_renewed"]


def test_a_tablet_belongs_to_a_counter_of_the_site(demo, second_site, login):
    admin = login("admin")
    refused = add(admin, kind=DeviceKind.TABLET, name="Bảng", counter_id=second_site.counter.id)
    assert refused.status_code == 400 and "Không có quầy này" in refused.get_data(as_text=True)
    assert (
        add(admin, kind=DeviceKind.TABLET, name="Bảng quầy 1", counter_id=demo.counters[1].id).status_code
        == 302
    )
    page = admin.get("/admin/devices").get_data(as_text=True)
    assert f"/counter/{demo.counters[1].id}/rating?key={tablet_key(device('Bảng quầy 1'))}" in page
    assert add(admin, kind="toaster", name="X").status_code == 400
    no_counter = add(admin, kind=DeviceKind.TABLET, name="Bảng lạc")
    assert no_counter.status_code == 400 and "cần chọn quầy" in no_counter.get_data(as_text=True)
    assert device("Bảng lạc") is None


def test_revoking_a_tablets_key_stops_that_tablet_alone(app, demo, login):
    """Two tablets at counter 1: "Thu hồi khoá" on one stops its page, its refetches, its ratings and its
    socket; the other keeps working; the old per-counter link is no key at all."""
    from itsdangerous import URLSafeSerializer

    from models import Rating
    from motcua.extensions import socketio

    from .rating_helpers import served

    admin = login("admin")
    counter = demo.counters[1]
    assert add(admin, kind=DeviceKind.TABLET, name="Bảng dự phòng", counter_id=counter.id).status_code == 302
    kept, revoked = device("Máy tính bảng quầy 1"), device("Bảng dự phòng")
    old_key, kept_key = tablet_key(revoked), tablet_key(kept)
    tablet = app.test_client()
    assert tablet.get(f"/counter/{counter.id}/rating?key={old_key}").status_code == 200
    assert admin.post(f"/admin/devices/{revoked.id}/new-key").status_code == 302
    g.pop("_login_user", None)
    ticket = served(demo, 1)
    for method, path in (("get", ""), ("get", "/state"), ("post", ""), ("post", "/skip")):
        response = getattr(tablet, method)(
            f"/counter/{counter.id}/rating{path}?key={old_key}",
            data={"token": ticket.token, "level": "hai_long"},
        )
        assert response.status_code == 404, (method, path)
        assert "khoá đã bị thu hồi" in response.get_data(as_text=True)
    socket = socketio.test_client(app, namespace="/tablet", auth={"counter_id": counter.id, "key": old_key})
    assert not socket.is_connected("/tablet")
    assert db.session.scalar(select(Rating).filter_by(ticket_id=ticket.id)) is None
    # The other tablet, and the revoked one with its new link, still work.
    rated = app.test_client().post(
        f"/counter/{counter.id}/rating?key={kept_key}", data={"token": ticket.token, "level": "hai_long"}
    )
    assert rated.status_code == 200 and db.session.scalar(select(Rating).filter_by(ticket_id=ticket.id))
    assert (
        app.test_client()
        .get(f"/counter/{counter.id}/rating?key={tablet_key(device('Bảng dự phòng'))}")
        .status_code
        == 200
    )
    # A key signed the old way (the counter id alone) admits nothing.
    legacy = URLSafeSerializer(app.config["SECRET_KEY"], salt="motcua-rating-tablet").dumps(counter.id)
    assert app.test_client().get(f"/counter/{counter.id}/rating?key={legacy}").status_code == 404


def test_a_tablets_key_admits_it_to_its_own_counter_only_and_a_displays_to_none(app, demo, login):
    admin = login("admin")
    assert add(admin, kind=DeviceKind.DISPLAY, name="Màn hình sảnh").status_code == 302
    display_key = device_key(device("Màn hình sảnh"))
    counter_1_key = tablet_key(device("Máy tính bảng quầy 1"))
    client = app.test_client()
    assert client.get(f"/counter/{demo.counters[2].id}/rating?key={counter_1_key}").status_code == 404
    assert client.get(f"/counter/{demo.counters[1].id}/rating?key={display_key}").status_code == 404


def test_seen_is_written_at_most_once_a_minute_and_offline_after_five(demo):
    tablet = Device(site_id=demo.site.id, kind=DeviceKind.TABLET, name="Bảng", settings={})
    db.session.add(tablet)
    db.session.commit()
    now = utcnow()
    assert perform(db.session, device_seen, tablet.id, now)
    assert not perform(db.session, device_seen, tablet.id, now + timedelta(seconds=30))
    assert perform(db.session, device_seen, tablet.id, now + timedelta(seconds=61))
    db.session.refresh(tablet)
    assert not is_offline(tablet, now + timedelta(minutes=4))
    assert is_offline(tablet, now + timedelta(minutes=7))
    printer = Device(site_id=demo.site.id, kind=DeviceKind.PRINTER, name="Máy in", settings={})
    assert not is_offline(printer, now)


def test_a_connected_tablet_hears_its_own_revocation_alone(app, demo, login):
    from motcua.extensions import socketio

    admin = login("admin")
    assert (
        add(admin, kind=DeviceKind.TABLET, name="Bảng dự phòng", counter_id=demo.counters[1].id).status_code
        == 302
    )
    revoked, kept = device("Bảng dự phòng"), device("Máy tính bảng quầy 1")
    sockets = {
        d.name: socketio.test_client(
            app, namespace="/tablet", auth={"counter_id": demo.counters[1].id, "key": tablet_key(d)}
        )
        for d in (revoked, kept)
    }
    try:
        assert all(s.is_connected("/tablet") for s in sockets.values())
        assert admin.post(f"/admin/devices/{revoked.id}/new-key").status_code == 302
        heard = {name: [m["name"] for m in s.get_received("/tablet")] for name, s in sockets.items()}
        assert heard == {"Bảng dự phòng": ["key_revoked"], "Máy tính bảng quầy 1": []}
    finally:
        for s in sockets.values():
            if s.is_connected("/tablet"):
                s.disconnect("/tablet")


def test_a_connected_kiosk_hears_its_own_revocation_alone_and_its_home_then_refuses_it(app, demo, login):
    from motcua.extensions import socketio

    admin = login("admin")
    assert add(admin, kind=DeviceKind.KIOSK, name="Ki-ốt tầng 2").status_code == 302
    revoked, kept = device("Ki-ốt tầng 2"), device(DEMO_KIOSK)
    g.pop("_login_user", None)  # the kiosks below are nobody signed in
    browsers = {d.name: app.test_client() for d in (revoked, kept)}
    for d in (revoked, kept):
        assert browsers[d.name].get(enrolment(d).url).status_code == 302  # enrolled: the cookie is set
    browsers["no key"] = app.test_client()
    sockets = {
        name: socketio.test_client(
            app, namespace="/kiosk", auth={"site_id": demo.site.id}, flask_test_client=browser
        )
        for name, browser in browsers.items()
    }
    try:
        assert all(s.is_connected("/kiosk") for s in sockets.values())
        home = f"/kiosk/?site={demo.site.code}"
        assert browsers["Ki-ốt tầng 2"].get(home).status_code == 200
        g.pop("_login_user", None)  # the admin again
        revoking = admin.post(f"/admin/devices/{revoked.id}/new-key")
        assert revoking.status_code == 302 and revoking.location.startswith("/admin/devices")
        heard = {name: [m["name"] for m in s.get_received("/kiosk")] for name, s in sockets.items()}
        assert heard == {"Ki-ốt tầng 2": ["key_revoked"], DEMO_KIOSK: [], "no key": []}
        # Where kiosk.js then goes, its home: "not enrolled"; the other kiosk still issues.
        g.pop("_login_user", None)
        refused = browsers["Ki-ốt tầng 2"].get(home)
        assert refused.status_code == 403 and "Ki-ốt chưa được đăng ký" in refused.get_data(as_text=True)
        assert browsers[DEMO_KIOSK].get(home).status_code == 200
    finally:
        for s in sockets.values():
            if s.is_connected("/kiosk"):
                s.disconnect("/kiosk")
