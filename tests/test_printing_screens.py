"""Printing from the screens: back-office printer settings, test ticket with its preview, reprints from the
counter and the back office, alerts shown to staff and pushed live, and the procedure slip."""

import zxingcpp
from PIL import Image
from sqlalchemy import select

from models import Device, Procedure, db
from models.printing import PrintRecord
from motcua import realtime
from tests.printing_fakes import FakePrinter, closed_port_url, parse


def png(response) -> Image.Image:
    from io import BytesIO

    return Image.open(BytesIO(response.data))


def test_admin_adds_a_kiosk_and_sets_its_printer_with_validation(demo, login, printing):
    client = login("admin")
    client.post("/admin/printers/devices", data={"name": "Ki-ốt sảnh chính"})
    device = db.session.scalar(select(Device).filter_by(name="Ki-ốt sảnh chính"))
    assert device is not None and device.kind == "kiosk"

    form = {"printer_url": "tcp://", "paper_mm": "58", "printer_profile": "default", "qr_mode": "image"}
    page = client.post(f"/admin/printers/devices/{device.id}", data=form, follow_redirects=True)
    assert "Địa chỉ máy in không hợp lệ" in page.get_data(as_text=True)
    db.session.refresh(device)
    assert device.settings == {}  # nothing half-saved

    form["printer_url"] = "tcp://192.168.1.50:9100"
    page = client.post(f"/admin/printers/devices/{device.id}", data=form, follow_redirects=True)
    assert "Đã lưu cấu hình máy in" in page.get_data(as_text=True)
    db.session.refresh(device)
    assert device.settings["printer_url"] == "tcp://192.168.1.50:9100" and device.settings["paper_mm"] == 58

    preview = png(client.get(f"/admin/printers/test.png?printer=device:{device.id}"))
    assert preview.width == 384


def test_test_ticket_prints_and_its_preview_is_the_same_image(demo, login, printing, tmp_path):
    client = login("admin")
    page = client.post("/admin/printers/test", data={"printer": "default"}, follow_redirects=True)
    html = page.get_data(as_text=True)
    assert "Đã in phiếu thử" in html and "test.png" in html
    [written] = list(tmp_path.glob("*A000.png"))
    preview = png(client.get("/admin/printers/test.png?printer=default"))
    with Image.open(written) as saved:
        assert saved.size == preview.size
        assert [r.text for r in zxingcpp.read_barcodes(saved.convert("L"))] == ["http://localhost/"]


def test_counter_reprints_the_current_ticket_on_the_site_printer(demo, login, client, kiosk, printing):
    client.post("/kiosk/tickets", data={"service_id": demo.services["A"].id})
    login("canbo1")
    counter_id = demo.counters[1].id
    client.post(f"/counter/{counter_id}/open")
    client.post(f"/counter/{counter_id}/call-next")
    printer = FakePrinter()
    try:
        printing.use(printer.url)
        answer = client.post(f"/counter/{counter_id}/reprint", data={"code": ""})
        assert "Đã in lại số A001" in answer.get_data(as_text=True)
        parsed = parse(printer.job())
    finally:
        printer.close()
    assert parsed.raster() is not None and "cut" in parsed.names()
    kinds = [r.kind for r in db.session.scalars(select(PrintRecord).order_by(PrintRecord.id))]
    assert kinds == ["ticket", "reprint"]
    unknown = client.post(f"/counter/{counter_id}/reprint", data={"code": "Z999"})
    assert "Không tìm thấy số Z999" in unknown.get_data(as_text=True)


def test_staff_see_the_alert_and_it_is_pushed_live(demo, login, client, kiosk, printing, monkeypatch):
    sent = []
    monkeypatch.setattr(realtime.socketio, "emit", lambda *args, **kwargs: sent.append((args, kwargs)))
    printing.use(closed_port_url())
    client.post("/kiosk/tickets", data={"service_id": demo.services["A"].id})
    assert [(a[0], k["namespace"]) for a, k in sent if a[0] == "printer_alert_changed"] == [
        ("printer_alert_changed", "/counter"),
        ("printer_alert_changed", "/admin"),
    ]
    login("admin")
    fragment = client.get(f"/printing/alerts?site_id={demo.site.id}").get_data(as_text=True)
    assert "đang lỗi" in fragment
    assert 'data-fault="refused"' in fragment
    page = client.get("/admin/printers").get_data(as_text=True)
    assert 'data-fault="refused"' in page


def test_only_an_enrolled_kiosk_prints_procedure_slips(demo, client, printing, tmp_path):
    """A slip costs the kiosk's paper: an unenrolled browser (a phone on the centre's Wi-Fi) gets 403 and
    nothing is printed."""
    answer = client.post("/kiosk/procedures/1.001193/print-slip")
    assert answer.status_code == 403
    assert "Chỉ ki-ốt đã đăng ký mới in được danh sách giấy tờ." in answer.get_data(as_text=True)
    assert list(tmp_path.glob("*slip*")) == []


def test_the_procedure_slip_lists_the_documents(demo, client, kiosk, printing, tmp_path):
    from models.catalogue_fees import set_site_fee
    from printing.slip import document_lines, slip_from_procedure

    procedure = db.session.scalar(select(Procedure).filter_by(code="1.001193"))  # from the demo catalogue
    lines = document_lines(procedure)
    assert len(lines) == len(procedure.document_items) > 0
    first = procedure.document_items[0]
    assert lines[0].startswith(first.name + " — ") and lines[0].endswith(f"{first.quantity} bản")
    set_site_fee(db.session, demo.site.id, procedure.id, "Miễn lệ phí (theo Nghị quyết của HĐND)")
    db.session.commit()
    assert slip_from_procedure(procedure, demo.site.name, demo.site.id).fees.startswith("Miễn lệ phí (theo")

    page = client.get("/kiosk/procedures/1.001193").get_data(as_text=True)
    assert "In danh sách giấy tờ cần mang" in page and "/kiosk/procedures/1.001193/print-slip" in page
    answer = client.post("/kiosk/procedures/1.001193/print-slip")
    assert answer.status_code == 200 and "Đã in danh sách giấy tờ" in answer.get_data(as_text=True)
    [written] = list(tmp_path.glob("*slip-1_001193.png"))
    with Image.open(written) as saved:
        assert saved.width == 576 and saved.height > 300
    assert client.post("/kiosk/procedures/0.000000/print-slip").status_code == 404
    printing.use(closed_port_url())
    failed = client.post("/kiosk/procedures/1.001193/print-slip")
    assert failed.status_code == 503 and "Chưa in được" in failed.get_data(as_text=True)


def test_the_reprint_is_a_real_form_and_the_alerts_do_not_poll(demo, login, client):
    """The reprint works as a plain form too (htmx only enhances it); the alert list refreshes on its socket
    events and on every (re)connect, never on a timer."""
    login("canbo1")
    counter_id = demo.counters[1].id
    client.post(f"/counter/{counter_id}/open")
    page = client.get(f"/counter/{counter_id}").get_data(as_text=True)
    form = page[page.index('<form class="reprint"') :]
    form = form[: form.index("</form>")]
    assert f'method="post" action="/counter/{counter_id}/reprint"' in form and 'name="csrf_token"' in form
    alerts = page[page.index('<div id="printer-alerts"') :]
    alerts = alerts[: alerts.index(">")]
    assert 'hx-trigger="load, refresh from:body, printer_alert_changed from:body"' in alerts
