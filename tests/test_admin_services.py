"""/admin/services: create, edit with the weekly schedule, reorder, hide; every refusal beside its field, nothing
written; the change in the audit log and announced to the kiosks."""

import re

import pytest
from sqlalchemy import func, select

from models import Service, db, signals
from models.audit import AuditEntry

FORM = {
    "name": "Tư pháp",
    "description": "Chứng thực, hộ tịch",
    "prefix": "H",
    "number_start": "1",
    "number_end": "500",
    "daily_cap": "",
    "default_minutes": "8",
    "color": "green",
    "stop_issuing_minutes": "15",
    **{f"day{d}": "7:30-11:30, 13:30-17:00" for d in range(5)},
    "day5": "",
    "day6": "",
}


def services_count(site_id) -> int:
    return db.session.scalar(select(func.count()).select_from(Service).filter_by(site_id=site_id))


@pytest.fixture
def heard():
    got = []

    def listen(_sender, **payload):
        got.append(payload)

    signals.queue_changed.connect(listen)
    yield got
    signals.queue_changed.disconnect(listen)


def test_a_supervisor_creates_a_service_with_a_lunch_break(demo, login, heard):
    from models import Role

    demo.users["canbo2"].role = Role.SUPERVISOR
    db.session.commit()
    client = login("canbo2")
    response = client.post("/admin/services", data=FORM)
    assert response.status_code == 302
    service = db.session.scalar(select(Service).filter_by(site_id=demo.site.id, prefix="H"))
    assert service.name == "Tư pháp" and service.stop_issuing_minutes == 15 and service.position == 6
    assert [(w.weekday, str(w.opens_at), str(w.closes_at)) for w in service.windows][:2] == [
        (0, "07:30:00", "11:30:00"),
        (0, "13:30:00", "17:00:00"),
    ]
    assert len(service.windows) == 10
    entry = db.session.scalar(select(AuditEntry).filter_by(action="service_created"))
    assert entry.username == "canbo2" and entry.site_id == demo.site.id and entry.after["prefix"] == "H"
    assert entry.address == "127.0.0.1"
    assert heard == [{"site_id": demo.site.id, "service_ids": [service.id]}]
    page = client.get("/admin/services").get_data(as_text=True)
    assert "Tư pháp" in page and "07:30–11:30, 13:30–17:00" in page
    kiosk = client.get(f"/kiosk/services?site={demo.site.code}").get_data(as_text=True)
    assert re.search(rf'class="service-btn color-green"[^>]*data-service-id="{service.id}"', kiosk)


@pytest.mark.parametrize(
    "change, field_message",
    [
        ({"prefix": "A"}, "Chữ A đã dùng cho dịch vụ “Hộ tịch”"),
        ({"prefix": "a1"}, "Chữ cái đầu số gồm 1–3 chữ in hoa"),
        ({"name": "  "}, "Xin nhập tên dịch vụ"),
        ({"number_start": "500", "number_end": "100"}, "Số cuối phải lớn hơn số đầu"),
        ({"number_end": "99999999999"}, "Xin nhập một số từ 2 đến 9999"),
        ({"day2": "7:30-11:30, 11:00-12:00"}, "Thứ Tư: hai khung giờ chồng lên nhau"),
        ({"day0": "17:00-13:30"}, "Thứ Hai: giờ kết thúc phải sau giờ bắt đầu"),
        ({"color": "#ff0000"}, "Xin chọn một màu trong danh sách"),
        ({"icon": "../../evil"}, "Xin chọn một biểu tượng trong danh sách"),
        ({"icon": "javascript:alert(1)"}, "Xin chọn một biểu tượng trong danh sách"),
        ({"stop_issuing_minutes": "-5"}, "Xin nhập một số từ 0 đến 240"),
    ],
)
def test_bad_values_are_refused_beside_the_field_and_nothing_is_written(demo, login, change, field_message):
    client = login("admin")
    before = services_count(demo.site.id)
    response = client.post("/admin/services", data={**FORM, **change})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert field_message in page and 'class="field-error"' in page
    # What was typed is still there.
    assert 'value="Tư pháp"' in page or change.get("name")
    assert services_count(demo.site.id) == before
    assert (
        db.session.scalar(select(func.count()).select_from(AuditEntry).filter_by(action="service_created"))
        == 0
    )


def test_edit_keeps_the_prefix_unique_per_site_only(demo, second_site, login):
    client = login("admin")
    # The second site has its own A: the demo site's B may not take A, but the second site's service is free to.
    service = demo.services["B"]
    refused = client.post(f"/admin/services/{service.id}", data={**FORM, "prefix": "A"})
    assert refused.status_code == 400
    saved = client.post(
        f"/admin/services/{second_site.service.id}", data={**FORM, "prefix": "A", "name": "Hộ tịch"}
    )
    assert saved.status_code == 302
    db.session.expire_all()
    assert second_site.service.stop_issuing_minutes == 15


def test_hide_and_reorder(demo, login):
    client = login("admin")
    hidden = demo.services["C"]
    assert client.post(f"/admin/services/{hidden.id}/active", data={"active": "0"}).status_code == 302
    client.post(f"/admin/services/{demo.services['B'].id}/move", data={"direction": "up"})
    db.session.expire_all()
    assert not hidden.active
    order = db.session.scalars(
        select(Service.prefix).filter_by(site_id=demo.site.id).order_by(Service.position)
    ).all()
    assert order == ["B", "A", "C", "D", "E", "G"]
    kiosk = client.get(f"/kiosk/services?site={demo.site.code}")
    assert kiosk.status_code == 200
    assert "Hộ tịch" in kiosk.get_data(as_text=True) and "Đất đai" not in kiosk.get_data(as_text=True)
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["service_changed", "service_moved"]


def test_a_service_is_never_deleted(app):
    rules = {
        rule.rule: rule.methods
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/admin/services")
    }
    assert all("DELETE" not in methods for methods in rules.values())


def test_a_prefix_taken_at_the_same_instant_is_a_refusal_not_a_500(demo, monkeypatch):
    """Two administrators saving prefix H at once: both pass the check, the database's constraint decides."""
    from models import service_setup
    from models.audit import Actor
    from models.errors import InvalidField
    from models.transaction import perform

    db.session.add(Service(site_id=demo.site.id, prefix="H", name="Đã có", position=9))
    db.session.commit()
    real = service_setup._checked

    def blind(session, site_id, values, service):  # the other request's row is not visible to the check
        checked = real(session, site_id, {**values, "prefix": "Z"}, service)
        return {**checked, "prefix": "H"}

    monkeypatch.setattr(service_setup, "_checked", blind)
    values = {k: v for k, v in FORM.items() if not k.startswith("day")}
    with pytest.raises(InvalidField) as refused:
        perform(
            db.session,
            service_setup.save_service,
            Actor(demo.users["admin"]),
            demo.site.id,
            values,
            schedule=[""] * 7,
            procedure_ids=[],
        )
    assert refused.value.field == "prefix"
    assert services_count(demo.site.id) == 7


def test_an_icon_chosen_in_the_form_shows_on_the_kiosk_button(demo, login):
    client = login("admin")
    form = client.get("/admin/services/new").get_data(as_text=True)
    assert 'name="icon" value="family"' in form and "/static/icons/services.svg#family" in form
    assert client.post("/admin/services", data={**FORM, "icon": "briefcase"}).status_code == 302
    service = db.session.scalar(select(Service).filter_by(site_id=demo.site.id, prefix="H"))
    assert service.icon == "briefcase"
    entry = db.session.scalar(select(AuditEntry).filter_by(action="service_created"))
    assert entry.after["icon"] == "briefcase"
    kiosk = client.get(f"/kiosk/services?site={demo.site.code}").get_data(as_text=True)
    assert re.search(rf'class="service-btn color-green has-icon"[^>]*data-service-id="{service.id}"', kiosk)
    assert 'services.svg#briefcase"' in kiosk


def test_every_icon_offered_is_drawn_and_every_drawing_offered():
    from pathlib import Path

    from models.service_icons import ICONS

    sprite = (Path(__file__).resolve().parents[1] / "static/icons/services.svg").read_text(encoding="utf-8")
    drawn = set(re.findall(r'<symbol id="([a-z]+)"', sprite))
    assert drawn == set(ICONS) - {""}
    assert "<script" not in sprite and "style=" not in sprite and "href" not in sprite
