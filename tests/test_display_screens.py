"""Wall displays by zone and layout, the counter display, and what a call tells a display to say."""

import pytest
from flask import g
from sqlalchemy import select

from models import Device, DeviceKind, PauseReason, db
from models.audit import AuditEntry
from models.counter_operations import pause
from models.queue import call_next, complete, issue_ticket, open_counter, recall
from models.transaction import perform
from motcua.device_presence import device_key

from .realtime_helpers import wait_for
from .test_realtime import socket  # noqa: F401  (fixture)


def display(demo, name="Màn hình tầng 1", **settings) -> Device:
    device = Device(site_id=demo.site.id, kind=DeviceKind.DISPLAY, name=name, settings=settings)
    db.session.add(device)
    db.session.commit()
    return device


def zoned(demo):
    """Counter 1 on the first floor, counter 2 on the second, counter 3 everyone's."""
    demo.counters[1].zone, demo.counters[2].zone, demo.counters[3].zone = "Tầng 1", "Tầng 2", ""
    db.session.commit()


def call(demo, number: int, prefix: str = "A"):
    counter = demo.counters[number]
    officer = demo.users[f"canbo{number}"]
    perform(db.session, issue_ticket, demo.services[prefix].id)
    perform(db.session, open_counter, counter.id, officer)
    return perform(db.session, call_next, counter.id, officer)


def screen(app):
    g.pop("_login_user", None)
    return app.test_client()


def test_a_display_shows_only_its_zone_and_the_counters_of_no_zone(app, demo):
    zoned(demo)
    services = {c: {s.prefix for s in demo.counters[c].services} for c in (1, 2, 3)}
    first = call(demo, 1, sorted(services[1])[0])
    second = call(demo, 2, sorted(services[2] - {first.code[0]})[0])
    device = display(demo, zone="Tầng 1")
    page = screen(app).get(f"/display/?device_key={device_key(device)}").get_data(as_text=True)
    assert f'data-counter-id="{demo.counters[1].id}"' in page
    assert f'data-counter-id="{demo.counters[2].id}"' not in page
    assert first.code in page and second.code not in page
    assert 'data-zone="Tầng 1"' in page


def test_a_display_without_zone_shows_every_counter(app, demo):
    zoned(demo)
    call(demo, 1)
    call(demo, 2, "B")
    page = screen(app).get(f"/display/?site={demo.site.code}").get_data(as_text=True)
    assert (
        f'data-counter-id="{demo.counters[1].id}"' in page
        and f'data-counter-id="{demo.counters[2].id}"' in page
    )
    assert 'class="display layout-landscape"' in page


def test_the_layout_recent_calls_waiting_counts_volume_and_notice_follow_the_settings(app, demo):
    called = call(demo, 1)
    perform(db.session, issue_ticket, demo.services["A"].id)
    device = display(
        demo, layout="portrait", recent=0, show_waiting=True, volume=35, ticker="Nghỉ trưa 12:00"
    )
    page = screen(app).get(f"/display/?device_key={device_key(device)}").get_data(as_text=True)
    assert 'class="display layout-portrait"' in page and 'data-volume="35"' in page
    assert "Nghỉ trưa 12:00" in page and 'class="ticker"' in page
    assert "Vừa gọi" not in page and called.code in page  # the board still shows the current number
    assert "Đang chờ" in page and f"{demo.services['A'].name}" in page


def test_settings_are_saved_checked_and_reload_the_displays(app, demo, login, socket):  # noqa: F811
    device = display(demo)
    listener = socket("/display", {"site_id": demo.site.id})
    admin = login("admin")
    form = {
        "zone": "Tầng 1",
        "layout": "portrait",
        "recent": "5",
        "show_waiting": "1",
        "volume": "60",
        "ticker": "x",
    }
    assert admin.post(f"/admin/displays/{device.id}", data=form).status_code == 302
    db.session.expire_all()
    assert db.session.get(Device, device.id).settings == {
        "zone": "Tầng 1", "layout": "portrait", "recent": 5, "show_waiting": True, "volume": 60, "ticker": "x",
    }  # fmt: skip
    assert wait_for(listener, "display_changed", "/display") == [{"site_id": demo.site.id}]
    assert db.session.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc())) == "display_changed"


@pytest.mark.parametrize(
    ("field", "value"),
    [("layout", "sideways"), ("volume", "101"), ("volume", "loud"), ("recent", "-1"), ("ticker", "x" * 501)],
)
def test_bad_settings_are_refused_and_nothing_changes(app, demo, login, field, value):
    device = display(demo, volume=50)
    form = {"zone": "", "layout": "landscape", "recent": "8", "volume": "70", "ticker": "", field: value}
    response = login("admin").post(f"/admin/displays/{device.id}", data=form)
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Device, device.id).settings == {"volume": 50}


def test_another_sites_display_cannot_be_set(app, demo, second_site, login):
    other = Device(site_id=second_site.site.id, kind=DeviceKind.DISPLAY, name="Màn hình xã", settings={})
    db.session.add(other)
    db.session.commit()
    admin_of_demo = login("admin")
    response = admin_of_demo.post(
        f"/admin/displays/{other.id}?site={demo.site.code}", data={"layout": "portrait"}
    )
    assert response.status_code == 404
    kiosk = second_site.demo_device  # a kiosk is no display
    assert admin_of_demo.get(f"/admin/displays/{kiosk.id}").status_code == 404


def test_the_displays_page_lists_displays_when_each_was_last_seen_and_counter_links(app, demo, login):
    device = display(demo)
    page = login("admin").get("/admin/displays").get_data(as_text=True)
    assert "Màn hình tầng 1" in page and f"/display/counter/{demo.counters[1].id}" in page
    assert "Chưa liên lạc" in page
    assert screen(app).get(f"/display/?device_key={device_key(device)}").status_code == 200
    db.session.expire_all()
    seen = db.session.get(Device, device.id).last_contact_at
    assert seen is not None
    page = login("admin").get("/admin/displays").get_data(as_text=True)
    assert "Chưa liên lạc" not in page


def test_a_tablets_key_does_not_make_a_display(app, demo):
    tablet = Device(
        site_id=demo.site.id, kind=DeviceKind.TABLET, name="Máy tính bảng", counter_id=demo.counters[1].id
    )
    db.session.add(tablet)
    db.session.commit()
    page = screen(app).get(f"/display/?device_key={device_key(tablet)}").get_data(as_text=True)
    assert 'class="display layout-landscape"' in page and 'data-zone=""' in page


def test_a_call_tells_the_display_what_to_say_and_where(app, demo, socket):  # noqa: F811
    demo.counters[1].zone = "Tầng 1"
    db.session.commit()
    listener = socket("/display", {"site_id": demo.site.id})
    ticket = call(demo, 1)
    [payload] = wait_for(listener, "ticket_called", "/display")
    assert payload["zone"] == "Tầng 1"
    assert payload["clips"] == [
        "chime",
        "moi_cong_dan",
        "letter_a",
        "so_0",
        "so_0",
        "so_1",
        "den_quay_so",
        "so_1",
    ]
    assert "token" not in payload and ticket.code == "A001"
    perform(db.session, recall, demo.counters[1].id, demo.users["canbo1"])
    [again] = wait_for(listener, "ticket_recalled", "/display")
    assert again["clips"][:3] == ["chime", "xin_nhac_lai", "moi_cong_dan"]


def test_the_counter_display_follows_its_counter(app, demo):
    counter = demo.counters[1]
    client = screen(app)
    page = client.get(f"/display/counter/{counter.id}").get_data(as_text=True)
    assert "Quầy 1" in page and "Quầy đóng" in page
    ticket = call(demo, 1)
    panel = client.get(f"/display/counter/{counter.id}/panel").get_data(as_text=True)
    assert f'<p class="counter-screen-code">{ticket.code}</p>' in panel
    perform(db.session, complete, counter.id, demo.users["canbo1"])
    panel = client.get(f"/display/counter/{counter.id}/panel").get_data(as_text=True)
    assert ticket.code not in panel and "Mời công dân" in panel
    perform(db.session, pause, counter.id, demo.users["canbo1"], reason=PauseReason.BREAK)
    panel = client.get(f"/display/counter/{counter.id}/panel").get_data(as_text=True)
    assert "Tạm dừng" in panel


@pytest.mark.parametrize("path", ["/display/counter/999999", "/display/counter/999999/panel"])
def test_an_unknown_counter_display_is_404(app, demo, path):
    assert screen(app).get(path).status_code == 404
