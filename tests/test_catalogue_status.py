"""Abolished and replaced procedures leave the kiosk and the public pages on their effective date — the site's
local day (Asia/Ho_Chi_Minh is UTC+7: at 18:30 UTC it is already tomorrow there)."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from models import Procedure, db
from models.catalogue_io import import_catalogue
from models.queries import queue
from models.transaction import perform

# 21/11/2026 18:30 UTC = 22/11/2026 01:30 in Hà Nội.
NOW_UTC = datetime(2026, 11, 21, 18, 30)
HEADER = "code,name,field_code,status,effective_date,decision,replaced_by\n"


@pytest.fixture
def late_evening_utc(monkeypatch):
    monkeypatch.setattr(queue, "utcnow", lambda: NOW_UTC)


def _decide(status: str, day: str, successor: str = "") -> None:
    line = f"1.004884,Đăng ký lại khai sinh,ho-tich,{status},{day},Quyết định 99/QĐ-UBND,{successor}\n"
    perform(db.session, import_catalogue, (HEADER + line).encode(), "csv")


def _offered(client) -> dict[str, bool]:
    return {
        "kiosk page": client.get("/kiosk/procedures/1.004884").status_code == 200,
        "public page": client.get("/procedures/1.004884").status_code == 200,
        "kiosk search": "1.004884"
        in client.get("/kiosk/procedures/search?q=dang+ky+lai+khai+sinh").get_data(as_text=True),
        "public list": "1.004884" in client.get("/procedures/").get_data(as_text=True),
        "api": "1.004884" in client.get("/api/v1/procedures?q=dang+ky+lai+khai+sinh").get_data(as_text=True),
    }


def test_abolished_tomorrow_in_utc_is_already_gone_in_ha_noi(demo, client, late_evening_utc):
    _decide("bãi bỏ", "22/11/2026")
    assert _offered(client) == dict.fromkeys(
        ["kiosk page", "public page", "kiosk search", "public list", "api"], False
    )
    assert client.get("/kiosk/procedures/1.004884").status_code == 404


def test_abolished_from_a_later_day_is_still_offered_and_says_so(demo, client, late_evening_utc):
    _decide("bãi bỏ", "23/11/2026")
    assert all(_offered(client).values())
    page = client.get("/procedures/1.004884").get_data(as_text=True)
    assert "Thủ tục này sẽ bị bãi bỏ từ ngày 23/11/2026." in page
    assert "Căn cứ: Quyết định 99/QĐ-UBND" in page


def test_a_replaced_procedure_points_to_its_successor(demo, client, late_evening_utc):
    _decide("thay thế", "2026-11-22", successor="1.001193")
    offered = _offered(client)
    assert not offered["kiosk search"] and not offered["public list"]
    page = client.get("/kiosk/procedures/1.004884").get_data(as_text=True)
    assert "Thủ tục này đã được thay thế từ ngày 22/11/2026." in page
    assert "/kiosk/procedures/1.001193" in page
    assert "Lấy số" not in page  # no ticket for a procedure no longer received


def test_in_force_on_compares_local_days():
    procedure = Procedure(code="1.000001", name="x", status="abolished", status_from=date(2026, 11, 22))
    assert procedure.in_force_on(date(2026, 11, 21)) and procedure.gone_on(date(2026, 11, 22))
    assert Procedure(code="1.000002", name="y", status="in_force").in_force_on(date(2099, 1, 1))


def test_an_export_reads_back_the_same_status(demo):
    _decide("thay thế", "2026-12-01", successor="1.001193")
    from models.catalogue_io import export_catalogue

    data = export_catalogue(db.session, "csv")
    report = perform(db.session, import_catalogue, data, "csv")
    assert report.created == [] and report.updated == []
    row = db.session.scalar(select(Procedure).filter_by(code="1.004884"))
    assert (row.status, row.status_from, row.replaced_by) == ("replaced", date(2026, 12, 1), "1.001193")
