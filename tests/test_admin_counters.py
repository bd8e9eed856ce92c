"""/admin/counters: number, name, the services served in order, zone, in use or not."""

import pytest
from flask import g
from sqlalchemy import func, select

from models import Counter, db
from models.audit import AuditEntry
from models.errors import CounterClosed
from models.queue import open_counter
from models.transaction import perform


def test_create_a_counter_serving_two_services_in_order(demo, login):
    client = login("admin")
    a, c = demo.services["A"], demo.services["C"]
    response = client.post(
        "/admin/counters",
        data={"number": "7", "name": "Một cửa liên thông", "zone": "Tầng 1", "services": [c.id, a.id]},
    )
    assert response.status_code == 302
    counter = db.session.scalar(select(Counter).filter_by(site_id=demo.site.id, number=7))
    assert counter.service_ids == [c.id, a.id] and counter.zone == "Tầng 1"
    entry = db.session.scalar(select(AuditEntry).filter_by(action="counter_created"))
    assert entry.after["services"] == ["C", "A"]


@pytest.mark.parametrize(
    "form, message",
    [
        ({"number": "1", "services": ["SERVICE"]}, "Quầy số 1 đã có"),
        ({"number": "8", "services": [""]}, "Một quầy phải phục vụ ít nhất một dịch vụ"),
        ({"number": "8"}, "Một quầy phải phục vụ ít nhất một dịch vụ"),
        ({"number": "0", "services": ["SERVICE"]}, "Xin nhập một số từ 1 đến 999"),
        ({"number": "x", "services": ["SERVICE"]}, "Xin nhập một số từ 1 đến 999"),
        ({"number": "8", "services": ["OTHER"]}, "Có dịch vụ không thuộc trung tâm này"),
    ],
)
def test_bad_counters_are_refused(demo, second_site, login, form, message):
    client = login("admin")
    ids = {"SERVICE": demo.services["A"].id, "OTHER": second_site.service.id, "": ""}
    data = {**form}
    if "services" in data:
        data["services"] = [ids[s] for s in data["services"]]
    before = db.session.scalar(select(func.count()).select_from(Counter))
    response = client.post("/admin/counters", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Counter)) == before


def test_a_counter_out_of_use_cannot_be_opened_nor_deactivated_while_held(demo, login):
    client = login("admin")
    counter = demo.counters[3]
    perform(db.session, open_counter, counter.id, demo.users["canbo3"])
    refused = client.post(f"/admin/counters/{counter.id}/active", data={"active": "0"}, follow_redirects=True)
    assert "Quầy đang có cán bộ làm việc" in refused.get_data(as_text=True)
    free = demo.counters[4]
    client.post(f"/admin/counters/{free.id}/active", data={"active": "0"})
    db.session.expire_all()
    assert counter.active and not free.active
    with pytest.raises(CounterClosed):
        perform(db.session, open_counter, free.id, demo.users["canbo4"])
    g.pop("_login_user", None)  # one app context for the whole test: forget the admin before the officer
    assert f"/counter/{free.id}/open" not in login("canbo4").get("/counter/").get_data(as_text=True)
