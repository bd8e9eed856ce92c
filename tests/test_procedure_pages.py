"""Kiosk and public procedure pages, the API and the back-office fees: behaviour and bad input."""

import re

import pytest
from sqlalchemy import select

from models import Procedure, SiteProcedureFee, db
from models.catalogue_io import import_catalogue
from models.transaction import perform


def test_kiosk_procedure_page_has_take_ticket_for_its_service(demo, client):
    html = client.get("/kiosk/procedures/2.000815").get_data(as_text=True)
    assert "Chứng thực bản sao từ bản chính" in html
    assert f'name="service_id" value="{demo.services["B"].id}"' in html
    assert 'action="/kiosk/tickets' in html and "data-ticket-form" in html  # the one issuing path
    assert "ma_thu_tuc=2.000815" in html and "<svg" in html


def test_provincial_suffix_is_dropped_for_the_portal(demo, client, app):
    csv = "code,name,field_code\n1.001193.000.00.00.H48,Đăng ký khai sinh (tỉnh),ho-tich\n"
    perform(db.session, import_catalogue, csv.encode(), "csv")
    html = client.get("/procedures/1.001193.000.00.00.H48").get_data(as_text=True)
    assert (
        'data-url="https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-nganh-doc.html?ma_thu_tuc=1.001193"'
        in html
    )
    default = app.config["PROCEDURE_PORTAL_URL"]
    app.config["PROCEDURE_PORTAL_URL"] = "https://dvc.example.vn/tt/{code}"
    try:
        assert 'data-url="https://dvc.example.vn/tt/1.001193"' in client.get("/procedures/1.001193").get_data(
            as_text=True
        )
    finally:
        app.config["PROCEDURE_PORTAL_URL"] = default


@pytest.mark.parametrize("query", ["", "!!!", "<script>alert(1)</script>", "x" * 1000, "' OR 1=1 --"])
def test_bad_searches_never_fail_nor_inject(demo, client, query):
    for url in ("/kiosk/procedures/search", "/procedures/", "/api/v1/procedures"):
        response = client.get(url, query_string={"q": query})
        assert response.status_code == 200, url
        if response.mimetype == "text/html":
            assert "<script>alert" not in response.get_data(as_text=True)
        else:
            assert response.mimetype == "application/json"


def test_api_ranked_search_and_detail(demo, client):
    body = client.get("/api/v1/procedures", query_string={"q": "khai sihn"}).get_json()
    assert body["procedures"][0]["code"] == "1.001193"
    in_field = client.get("/api/v1/procedures", query_string={"field": "chung-thuc"}).get_json()["procedures"]
    assert {p["field"]["code"] for p in in_field} == {"chung-thuc"} and len(in_field) == 4
    detail = client.get("/api/v1/procedures/1.001193").get_json()["procedure"]
    assert detail["documents"][0]["kind"] == "original"
    assert detail["official_url"].endswith("ma_thu_tuc=1.001193")
    assert detail["services"][0]["prefix"] == "A"
    assert client.get("/api/v1/procedures/9.999999").get_json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/procedures?field=nope").status_code == 404


def test_notice_rotates_through_the_catalogue(demo, client):
    first = client.get("/procedures/notice").get_data(as_text=True)
    assert 'http-equiv="refresh"' in first and "i=1" in first and "1 / 27" in first
    assert "27 / 27" in client.get("/procedures/notice?i=26").get_data(as_text=True)
    assert client.get("/procedures/notice?i=-5&seconds=zz").status_code == 200


def _post_fee(client, procedure_id, fees) -> str:
    """Post a fee as the back-office form does; the flash message shown on the page it lands on."""
    response = client.post(f"/admin/procedures/{procedure_id}/fee", data={"fees": fees})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/procedures?site=")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    [flash] = re.findall(r'<p class="flash (flash-\w+)" role="status">([^<]*)</p>', page)
    return flash


def test_centre_sets_its_own_fee(demo, login):
    client = login("admin")
    birth = db.session.scalar(select(Procedure).filter_by(code="1.001193"))
    assert client.get("/admin/procedures").status_code == 200
    assert _post_fee(client, birth.id, "Miễn phí (Nghị quyết HĐND)") == ("flash-info", "Đã lưu phí, lệ phí.")
    assert "Miễn phí (Nghị quyết HĐND)" in client.get("/procedures/1.001193").get_data(as_text=True)
    assert client.get("/api/v1/procedures/1.001193").get_json()["procedure"]["fees_set_by_centre"] is True

    too_long = ("flash-error", "Nội dung phí, lệ phí dài quá 2000 ký tự.")
    assert _post_fee(client, birth.id, "x" * 5000) == too_long
    db.session.expire_all()
    assert db.session.get(SiteProcedureFee, (demo.site.id, birth.id)).fees == "Miễn phí (Nghị quyết HĐND)"

    assert _post_fee(client, birth.id, "") == ("flash-info", "Đã lưu phí, lệ phí.")
    db.session.expire_all()
    assert db.session.get(SiteProcedureFee, (demo.site.id, birth.id)) is None
    assert _post_fee(client, 999999, "1") == ("flash-error", "Không tìm thấy.")


def test_officers_cannot_edit_fees(demo, login):
    client = login("canbo1")
    birth = db.session.scalar(select(Procedure).filter_by(code="1.001193"))
    assert client.post(f"/admin/procedures/{birth.id}/fee", data={"fees": "1"}).status_code == 403
    assert db.session.get(SiteProcedureFee, (demo.site.id, birth.id)) is None
