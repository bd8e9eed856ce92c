"""The kiosk's "Ưu tiên" path and the priority ticket on every screen; the API's priority fields."""

from sqlalchemy import func, select

from models import Priority, Ticket, db
from printing.documents import ticket_content

SITE = "?site=phuong-demo"


def tickets() -> list[Ticket]:
    db.session.expire_all()
    return db.session.scalars(select(Ticket).order_by(Ticket.id)).all()


def test_the_kiosk_path_issues_a_priority_ticket_of_the_chosen_group(demo, client, kiosk, printing):
    printing.use("preview")
    home = client.get(f"/kiosk/{SITE}").get_data(as_text=True)
    assert "/kiosk/priority?site=phuong-demo" in home and "Ưu tiên" in home
    groups = client.get(f"/kiosk/priority{SITE}").get_data(as_text=True)
    for name in ("Người cao tuổi", "Người khuyết tật", "Phụ nữ mang thai", "Người có công với cách mạng"):
        assert name in groups
    services = client.get(f"/kiosk/priority/nguoi_cao_tuoi{SITE}").get_data(as_text=True)
    assert 'name="priority_category" value="nguoi_cao_tuoi"' in services
    answer = client.post(
        f"/kiosk/tickets{SITE}",
        data={
            "service_id": demo.services["A"].id,
            "priority_category": "nguoi_cao_tuoi",
            "request_key": "k" * 16,
        },
        headers={"HX-Request": "true"},
    )
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "ƯT" in page and "Người cao tuổi" in page
    [ticket] = tickets()
    assert (ticket.priority, ticket.priority_category.code) == (Priority.PRIORITY, "nguoi_cao_tuoi")
    phone = client.get(f"/t/{ticket.token}").get_data(as_text=True)
    assert "ƯT" in phone and "Người cao tuổi" in phone
    with client.application.test_request_context():
        paper = ticket_content(ticket, 0, 0, "https://example.test/t/x", note="In lại")
    assert paper.note == "ƯT · Người cao tuổi — In lại"


def test_an_unknown_group_is_refused_plainly_and_issues_nothing(demo, client, kiosk):
    assert client.get(f"/kiosk/priority/vip{SITE}").status_code == 404
    assert client.get(f"/kiosk/services{SITE}&priority=vip").status_code == 404
    answer = client.post(
        f"/kiosk/tickets{SITE}",
        data={"service_id": demo.services["A"].id, "priority_category": "vip" * 40, "request_key": "k" * 16},
        headers={"HX-Request": "true"},
    )
    assert answer.status_code == 400
    assert "Không có nhóm ưu tiên này" in answer.get_data(as_text=True)
    assert tickets() == []


def test_an_unenrolled_browser_cannot_take_the_priority_path(demo, client):
    assert client.get(f"/kiosk/priority{SITE}").status_code == 403
    assert client.get(f"/kiosk/priority/nguoi_cao_tuoi{SITE}").status_code == 403


def test_the_api_takes_a_category_from_a_kiosk_or_staff_only(demo, client, kiosk, api_token):
    body = {"service_id": demo.services["A"].id, "priority_category": "nguoi_khuyet_tat"}
    assert client.post("/api/v1/tickets", json=body).status_code == 401
    from_kiosk = client.post("/api/v1/tickets", json=body, headers=kiosk.headers)
    assert from_kiosk.status_code == 201
    assert from_kiosk.get_json()["priority_category"]["mark"] == "NKT"
    assert from_kiosk.get_json()["priority"] == Priority.PRIORITY
    bad = client.post("/api/v1/tickets", json={**body, "priority_category": 7}, headers=api_token("canbo1"))
    assert (bad.status_code, bad.get_json()["error"]["code"]) == (400, "invalid_priority_category")
    unknown = client.post("/api/v1/tickets", json={**body, "priority_category": "x"}, headers=kiosk.headers)
    assert (unknown.status_code, unknown.get_json()["error"]["code"]) == (400, "invalid_priority_category")
    assert db.session.scalar(select(func.count()).select_from(Ticket)) == 1


def test_the_categories_are_listed_per_site(demo, client):
    answer = client.get("/api/v1/priority-categories?site=phuong-demo").get_json()
    assert [c["code"] for c in answer["categories"]] == [
        "nguoi_cao_tuoi",
        "nguoi_khuyet_tat",
        "phu_nu_mang_thai",
        "con_nho",
        "nguoi_co_cong",
    ]
    assert answer["categories"][0] == {
        "site_id": demo.site.id,
        "id": answer["categories"][0]["id"],
        "code": "nguoi_cao_tuoi",
        "name": "Người cao tuổi",
        "mark": "NCT",
    }
