"""The dossier screens: receipt at the counter, state changes, the printed forms (text read back from the PDF),
the back office's calendar and register, and the kiosk's look-up and "Nhận kết quả"."""

import io
import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from models import DayKind, Dossier, DossierStatus, Procedure, SiteDay, Ticket, db
from models.calendar import set_site_day
from models.dossier_rules import Applicant, Receipt, change_status, receive_dossier
from models.queue import issue_ticket
from models.transaction import perform


def pdf_page_png(data: bytes, name: str):
    """The PDF's first page as a PNG under test-artifacts/, to look at; returns it opened (an A4 page)."""
    from PIL import Image

    from tests.helpers import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(data)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(ARTIFACTS / f"{name}.pdf"),
            str(ARTIFACTS / name),
        ],
        check=True,
    )
    return Image.open(ARTIFACTS / f"{name}.png")


def pdf_text(data: bytes) -> str:
    assert data[:5] == b"%PDF-"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())  # a line wrapped in a table cell reads as one


def _procedure_id(code="1.004873") -> int:
    return db.session.scalar(select(Procedure.id).filter_by(code=code))


def _receive(demo, now=datetime(2026, 3, 6, 7), name="Nguyễn Thị Hoà", officer="canbo1") -> Dossier:
    receipt = Receipt(_procedure_id(), Applicant(name, "0912345678", "Số 3 Đội Cấn"))
    return perform(db.session, receive_dossier, demo.site.id, demo.users[officer], receipt, now=now)


def test_a_procedure_chosen_before_the_search_answers_stays_chosen(demo, login):
    client = login("canbo1")
    procedure = db.session.get(Procedure, _procedure_id())
    chosen = f'<option value="{procedure.id}" selected>'
    found = client.get(f"/counter/dossiers/procedures?q=tinh trang hon nhan&procedure_id={procedure.id}")
    assert chosen in found.get_data(as_text=True)
    full = client.get(f"/counter/dossiers/procedures?q=&procedure_id={procedure.id}").get_data(as_text=True)
    assert chosen in full
    unchosen = client.get("/counter/dossiers/procedures?q=tinh trang hon nhan").get_data(as_text=True)
    assert " selected>" not in unchosen


def test_an_officer_receives_a_dossier_for_the_ticket_being_served(demo, login):
    client = login("canbo1")
    ticket = perform(db.session, issue_ticket, demo.services["A"].id, channel="staff").ticket
    form = client.get(f"/counter/dossiers/new?ticket_id={ticket.id}").get_data(as_text=True)
    assert "Tiếp nhận hồ sơ" in form and ticket.code in form
    procedure = db.session.get(Procedure, _procedure_id())
    found = client.get("/counter/dossiers/procedures?q=tinh trang hon nhan").get_data(as_text=True)
    assert f'value="{procedure.id}"' in found and "Đăng ký khai sinh" not in found
    documents = client.get(f"/counter/dossiers/documents?procedure_id={procedure.id}").get_data(as_text=True)
    first = procedure.document_items[0]
    assert first.name in documents
    response = client.post(
        "/counter/dossiers/",
        data={
            "ticket_id": ticket.id,
            "procedure_id": procedure.id,
            f"doc_{first.id}": "1",
            f"qty_{first.id}": "2",
            "name": "Phạm Văn Đức",
            "phone": "0912 345 678",
            "fee": "15.000",
            "delivery": "post",
        },
    )
    assert response.status_code == 302
    dossier = db.session.scalar(select(Dossier))
    assert (dossier.ticket_id, dossier.fee, dossier.delivery) == (ticket.id, 15000, "post")
    assert dossier.documents == [{"name": first.name, "kind": first.kind, "quantity": 2}]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert dossier.code in page and dossier.due_date.strftime("%d/%m/%Y") in page


def test_a_bad_receipt_shows_the_form_again_with_the_message(demo, login):
    client = login("canbo1")
    response = client.post(
        "/counter/dossiers/", data={"procedure_id": _procedure_id(), "name": "An", "phone": "12", "fee": "x"}
    )
    assert response.status_code == 422
    assert "Số điện thoại không hợp lệ" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Dossier)) == 0


def test_state_changes_and_the_apology_from_the_detail_page(demo, login):
    client = login("canbo1")
    dossier = _receive(demo, now=datetime.utcnow())
    url = f"/counter/dossiers/{dossier.id}"
    client.post(url + "/status", data={"status": "returned", "expected": "received"})
    db.session.refresh(dossier)
    assert dossier.status == DossierStatus.RECEIVED  # out of order: refused
    client.post(url + "/status", data={"status": "processing", "expected": "received"})
    client.post(url + "/status", data={"status": "processing", "expected": "received"})  # a second click
    db.session.refresh(dossier)
    assert dossier.status == DossierStatus.PROCESSING
    assert len(dossier.events) == 2


def test_mau_01_and_04_come_out_with_their_vietnamese_text(demo, login):
    client = login("canbo1")
    long_name = "Công Tằng Tôn Nữ Thị Phương Thảo " * 5
    dossier = _receive(demo, name=long_name.strip())
    items = [
        {
            "name": f"Bản sao giấy chứng nhận quyền sử dụng đất số {i} " + "kèm theo " * 20,
            "kind": "copy",
            "quantity": 1,
        }
        for i in range(40)
    ]
    dossier.documents = items
    db.session.commit()
    receipt = client.get(f"/counter/dossiers/{dossier.id}/mau-01.pdf").data
    page = pdf_page_png(receipt, "dossier-mau-01")
    assert round(page.height / page.width, 2) == 1.41  # A4 portrait
    text = pdf_text(receipt)
    for words in (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        dossier.code,
        "11/03/2026",
        "06/03/2026",
        "Cấp Giấy xác nhận tình trạng hôn nhân",
        "số 39",
        "Nguyễn Thị Lan",
        "Người tiếp nhận hồ sơ".upper(),
    ):
        assert words in text, words
    from models.dossier_rules import issue_apology

    assert client.get(f"/counter/dossiers/{dossier.id}/mau-04.pdf").status_code == 302  # no apology yet
    perform(
        db.session,
        issue_apology,
        dossier.id,
        demo.users["canbo1"],
        "Cần xác minh tại địa phương",
        date(2026, 3, 17),
        now=datetime(2026, 3, 9, 2),
    )
    apology = client.get(f"/counter/dossiers/{dossier.id}/mau-04.pdf").data
    pdf_page_png(apology, "dossier-mau-04")
    text = pdf_text(apology)
    for words in (
        "VĂN BẢN XIN LỖI",
        dossier.code,
        "17/03/2026",
        "Cần xác minh tại địa phương",
        "Nguyễn Văn Bình",
        "GIÁM ĐỐC TRUNG TÂM",
    ):
        assert words in text, words


def test_the_watch_list_shows_late_and_due_dossiers(demo, login):
    late = _receive(demo, now=datetime(2026, 3, 6, 7))
    client = login("canbo1")
    page = client.get("/counter/dossiers/").get_data(as_text=True)
    watch = page[page.index('id="watch-list"') :]
    assert late.code in watch  # due 11/03/2026, long past


def test_the_calendar_page_adds_and_removes_days(demo, login):
    client = login("admin")
    page = client.get("/admin/calendar?year=2027").get_data(as_text=True)
    assert "Tết Nguyên Đán" in page and "06/02/2027" in page
    client.post("/admin/calendar", data={"day": "2027-08-21", "kind": "working", "note": "Làm bù"})
    client.post("/admin/calendar", data={"day": "not a day", "kind": "closed"})
    client.post("/admin/calendar", data={"day": "2027-03-10", "kind": "holiday"})
    rows = db.session.scalars(select(SiteDay)).all()
    assert [(r.day, r.kind, r.note) for r in rows] == [(date(2027, 8, 21), "working", "Làm bù")]
    assert "Làm bù" in client.get("/admin/calendar?year=2027").get_data(as_text=True)
    client.post("/admin/calendar/remove", data={"day": "2027-08-21"})
    assert db.session.scalar(select(func.count()).select_from(SiteDay)) == 0


def test_an_officer_may_not_open_the_calendar(demo, login):
    assert login("canbo1").get("/admin/calendar").status_code == 403


def test_the_kiosk_says_the_centre_is_closed_today(demo, client, kiosk):
    from models.queries import today

    perform(db.session, set_site_day, demo.site.id, today(demo.site), DayKind.CLOSED, "Kiểm kê cuối năm")
    page = client.get("/kiosk/").get_data(as_text=True)
    assert "Hôm nay Trung tâm nghỉ: Kiểm kê cuối năm" in page
    response = client.post("/kiosk/tickets", data={"service_id": demo.services["A"].id})
    assert response.status_code == 409
    assert db.session.scalar(select(func.count()).select_from(Ticket)) == 0


def test_the_kiosk_finds_a_dossier_and_issues_the_return_ticket(demo, client, kiosk):
    dossier = _receive(demo)
    wrong = client.post("/kiosk/dossiers", data={"code": "260306-9999"})
    assert wrong.status_code == 404
    assert "Không tìm thấy hồ sơ" in wrong.get_data(as_text=True)
    found = client.post("/kiosk/dossiers", data={"code": dossier.code[len("PHUONG-DEMO-") :]})
    text = found.get_data(as_text=True)
    assert dossier.code in text and "Nhận kết quả" not in text
    assert "Nguyễn Thị Hoà" not in text and "0912345678" not in text
    perform(db.session, change_status, dossier.id, demo.users["canbo1"], DossierStatus.RESULT_READY)
    assert "Nhận kết quả" in client.post("/kiosk/dossiers", data={"code": dossier.code}).get_data(
        as_text=True
    )
    first = client.post(f"/kiosk/dossiers/{dossier.id}/return-ticket")
    again = client.post(f"/kiosk/dossiers/{dossier.id}/return-ticket")
    assert first.status_code == again.status_code == 200
    db.session.refresh(dossier)
    ticket = dossier.return_ticket
    assert ticket is not None and ticket.code in first.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Ticket)) == 1  # a second tap: the same ticket


def test_a_kiosk_of_another_site_does_not_find_this_sites_dossier(demo, second_site, client):
    dossier = _receive(demo)
    response = client.post("/kiosk/dossiers?site=xa-thu-hai", data={"code": dossier.code})
    assert response.status_code == 404


@pytest.fixture
def quarter(demo):
    """A generated quarter (Q1 2026) of dossiers of 3 working days, resolved at known days. By hand:
    received 6; resolved in the quarter: early 2, on time 1, late 1, late with apology 1; pending 1 (the last,
    received 30/3 and never finished); on-time rate 3/5 = 60%."""
    plan = [
        # (received UTC, result ready UTC or None, apology new date)
        (datetime(2026, 1, 5, 2), datetime(2026, 1, 6, 2), None),  # due 8/1, ready 6/1: early
        (datetime(2026, 1, 12, 2), datetime(2026, 1, 13, 2), None),  # due 15/1: early
        (datetime(2026, 2, 2, 2), datetime(2026, 2, 5, 2), None),  # due 5/2: on time
        (datetime(2026, 3, 2, 2), datetime(2026, 3, 9, 2), None),  # due 5/3: late
        (
            datetime(2026, 3, 2, 2),
            datetime(2026, 3, 9, 2),
            date(2026, 3, 10),
        ),  # extended to 10/3: with apology
        (datetime(2026, 3, 30, 2), None, None),  # pending at the end of the quarter
    ]
    from models.dossier_rules import issue_apology

    officer = demo.users["canbo1"]
    for received, ready, new_date in plan:
        dossier = _receive(demo, now=received)
        if new_date:
            perform(db.session, issue_apology, dossier.id, officer, "Chờ xác minh", new_date, now=received)
        if ready:
            perform(db.session, change_status, dossier.id, officer, DossierStatus.RESULT_READY, now=ready)
    return plan


def test_the_register_figures_of_a_quarter_match_a_hand_count(quarter, client, api_token, login):
    body = client.get(
        "/api/v1/reports/dossiers?from=2026-01-01&to=2026-03-31", headers=api_token("admin")
    ).get_json()
    assert body["total"] == {
        "received": 6,
        "resolved": 5,
        "early": 2,
        "on_time": 1,
        "late": 1,
        "late_with_apology": 1,
        "pending": 1,
        "on_time_rate": 60.0,
    }
    assert body["by_officer"]["Nguyễn Thị Lan"]["received"] == 6
    admin = login("admin")
    workbook = load_workbook(
        io.BytesIO(admin.get("/admin/dossiers?from=2026-01-01&to=2026-03-31&format=xlsx").data)
    )
    register = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert len([row for row in register if row and isinstance(row[0], int)]) == 6
    text = pdf_text(admin.get("/admin/dossiers?from=2026-01-01&to=2026-03-31&format=pdf").data)
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Trễ hạn có xin lỗi: 1" in text
    page = admin.get("/admin/dossiers?from=2026-01-01&to=2026-03-31").get_data(as_text=True)
    assert "60,00" in page


def test_the_receipt_slip_prints_on_the_ticket_printer(demo, login, printing, tmp_path):
    printing.use("preview")
    dossier = _receive(demo)
    client = login("canbo1")
    response = client.post(f"/counter/dossiers/{dossier.id}/slip")
    assert response.status_code == 302
    assert "Đã in phiếu hẹn" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert len(list(tmp_path.glob("*.png"))) == 1


def test_mau_02_and_06_from_the_log_and_no_mau_03_for_a_dossier_never_refused(demo, login):
    client = login("canbo1")
    dossier = _receive(demo)
    perform(
        db.session,
        change_status,
        dossier.id,
        demo.users["canbo2"],
        DossierStatus.SUPPLEMENT,
        "Thiếu bản sao Căn cước công dân",
        now=datetime(2026, 3, 9, 2),
    )
    text = pdf_text(client.get(f"/counter/dossiers/{dossier.id}/mau-02.pdf").data)
    for words in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        dossier.code,
        "Thiếu bản sao Căn cước công dân",
        "Trần Văn Minh",
        "09 tháng 03 năm 2026",
    ):
        assert words in text, words
    assert client.get(f"/counter/dossiers/{dossier.id}/mau-03.pdf").status_code == 404
    assert client.get(f"/counter/dossiers/{dossier.id}/mau-99.pdf").status_code == 404
    text = pdf_text(client.get(f"/counter/dossiers/{dossier.id}/mau-06.pdf").data)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "Đã tiếp nhận" in text and "Chờ bổ sung hồ sơ" in text and "Nguyễn Thị Lan" in text
    detail = client.get(f"/counter/dossiers/{dossier.id}").get_data(as_text=True)
    assert "Mẫu 02" in detail and "Mẫu 03)" not in detail
