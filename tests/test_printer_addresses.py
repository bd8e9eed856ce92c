"""Printer addresses set in the back office cannot write any file nor reach any host (issue #8, item 6):
file:// and serial:// only to devices under /dev/, tcp:// only to allowed LAN addresses and printer ports,
checked when saved and again at each print; the operator's PRINTER_URL is trusted."""

import socket

import pytest
from sqlalchemy import select

from models import Device, PrintRecord, db
from models.device import DeviceKind
from printing.addresses import DEFAULT_TCP_NETS, DEFAULT_TCP_PORTS, AddressPolicy, check_target
from printing.faults import PrinterFault
from printing.transports import parse_url
from tests.printing_fakes import FakePrinter

DEFAULTS = AddressPolicy.from_config({})
DEVICE = "Địa chỉ máy in phải là thiết bị trong /dev/"
LOOPBACK = "Không được gửi lệnh in tới chính máy chủ"
OUTSIDE = "Máy in mạng phải ở trong mạng nội bộ được phép"
PORT = "Máy in mạng chỉ được dùng cổng 9100, 9101, 9102, 9103"
UNKNOWN = "Không tìm thấy máy in mang tên"


@pytest.mark.parametrize(
    "url",
    [
        "preview",
        "tcp://192.168.1.50:9100",
        "tcp://10.1.2.3",
        "tcp://172.16.5.5:9103",
        "file:///dev/usb/lp0",
        "file:///dev/lp0",
        "serial:///dev/ttyUSB0?baudrate=19200",
        "serial:///dev/ttyACM0",
        "usb://04b8:0202",
        "cups://Ticket_Printer",
    ],
)
def test_printer_addresses_a_centre_uses_are_accepted(url):
    check_target(parse_url(url), DEFAULTS)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///tmp/important.txt", DEVICE),
        ("file:///dev/../etc/passwd", DEVICE),
        ("file:///dev/usb/../../etc/passwd", DEVICE),
        ("file:///dev//usb/lp0", DEVICE),
        ("file:///dev/shm/x", DEVICE),
        ("file:///dev/stdout", DEVICE),
        ("file:///dev/null", DEVICE),
        ("file://dev/usb/lp0", DEVICE),
        ("serial:///etc/passwd", DEVICE),
        ("tcp://127.0.0.1:9100", LOOPBACK),
        ("tcp://localhost:9100", LOOPBACK),
        ("tcp://127.1:9100", LOOPBACK),
        ("tcp://2130706433:9100", LOOPBACK),
        ("tcp://[::1]:9100", LOOPBACK),
        ("tcp://[::ffff:127.0.0.1]:9100", LOOPBACK),
        ("tcp://0.0.0.0:9100", LOOPBACK),
        ("tcp://169.254.169.254:9100", LOOPBACK),
        ("tcp://224.0.0.1:9100", LOOPBACK),
        ("tcp://8.8.8.8:9100", OUTSIDE),
        ("tcp://192.168.1.50:6379", PORT),
        ("tcp://192.168.1.50:22", PORT),
        ("tcp://printer.invalid:9100", UNKNOWN),
    ],
)
def test_printer_addresses_that_could_harm_are_refused_in_plain_vietnamese(url, message):
    with pytest.raises(PrinterFault) as refused:
        check_target(parse_url(url), DEFAULTS)
    assert refused.value.code == "config"
    assert str(refused.value.message).startswith(message)


def _own_lan_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 9))  # no packet is sent: this only picks the outgoing interface
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def test_the_servers_own_lan_address_is_refused_unless_listed_one_by_one():
    own = _own_lan_address()
    if own is None:
        pytest.skip("this machine has no LAN address")
    everything = AddressPolicy.from_config({"PRINTER_TCP_ALLOW_NETS": "0.0.0.0/0"})
    with pytest.raises(PrinterFault) as refused:
        check_target(parse_url(f"tcp://{own}:9100"), everything)
    assert str(refused.value.message).startswith(LOOPBACK)
    listed = AddressPolicy.from_config({"PRINTER_TCP_ALLOW_NETS": f"{DEFAULT_TCP_NETS},{own}/32"})
    assert check_target(parse_url(f"tcp://{own}:9100"), listed).host == own


def test_the_operator_allow_lists_widen_the_rules_explicitly():
    policy = AddressPolicy.from_config(
        {
            "PRINTER_TCP_ALLOW_NETS": "127.0.0.1",
            "PRINTER_TCP_PORTS": "9100,5000-5001",
            "PRINTER_FILE_ALLOW": "/srv/printouts/",
        }
    )
    assert check_target(parse_url("tcp://127.0.0.1:5001"), policy).port == 5001
    assert check_target(parse_url("tcp://localhost:9100"), policy).host == "127.0.0.1"
    check_target(parse_url("file:///srv/printouts/ticket.bin"), policy)
    for url in ("tcp://127.0.0.2:9100", "tcp://127.0.0.1:6379", "file:///srv/printouts/../etc/x"):
        with pytest.raises(PrinterFault):
            check_target(parse_url(url), policy)
    # A wide network never opens the loopback: it must be listed address by address.
    wide = AddressPolicy.from_config({"PRINTER_TCP_ALLOW_NETS": "0.0.0.0/0,127.0.0.0/8"})
    with pytest.raises(PrinterFault):
        check_target(parse_url("tcp://127.0.0.1:9100"), wide)


def test_a_host_name_is_pinned_to_the_address_that_was_checked(monkeypatch):
    monkeypatch.setattr(
        "printing.addresses.socket.getaddrinfo",
        lambda *_a, **_k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.1.77", 9100))],
    )
    assert check_target(parse_url("tcp://printer.lan:9100"), DEFAULTS).host == "192.168.1.77"


@pytest.fixture
def default_rules(app, monkeypatch, tmp_path):
    """The shipped defaults instead of the tests' allow-list, and no operator printer."""
    monkeypatch.setitem(app.config, "PRINTER_TCP_ALLOW_NETS", DEFAULT_TCP_NETS)
    monkeypatch.setitem(app.config, "PRINTER_TCP_PORTS", DEFAULT_TCP_PORTS)
    monkeypatch.setitem(app.config, "PRINTER_URL", "preview")
    monkeypatch.setitem(app.config, "PRINTOUTS_DIR", str(tmp_path / "printouts"))


def _kiosk(demo, settings=None) -> Device:
    device = Device(site_id=demo.site.id, kind=DeviceKind.KIOSK, name="Ki-ốt sảnh", settings=settings or {})
    db.session.add(device)
    db.session.commit()
    return device


FORM = {"paper_mm": "80", "printer_profile": "default", "qr_mode": "image"}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///tmp/important.txt", DEVICE),
        ("tcp://127.0.0.1:6379", LOOPBACK),
        ("tcp://192.168.1.50:22", PORT),
    ],
)
def test_the_back_office_refuses_a_harmful_address_and_saves_nothing(
    demo, login, default_rules, url, message
):
    device = _kiosk(demo)
    client = login("admin")
    page = client.post(
        f"/admin/printers/devices/{device.id}", data={**FORM, "printer_url": url}, follow_redirects=True
    )
    assert page.status_code == 200 and message in page.get_data(as_text=True)
    db.session.refresh(device)
    assert device.settings == {}


def test_a_test_print_to_a_file_saved_before_the_rules_writes_nothing(demo, login, default_rules, tmp_path):
    important = tmp_path / "important.txt"
    important.write_text("sổ theo dõi hồ sơ")
    device = _kiosk(demo, {"printer_url": f"file://{important}"})
    client = login("admin")
    page = client.post("/admin/printers/test", data={"printer": f"device:{device.id}"}, follow_redirects=True)
    assert DEVICE in page.get_data(as_text=True)
    assert important.read_text() == "sổ theo dõi hồ sơ"
    record = db.session.scalar(select(PrintRecord).filter_by(device_id=device.id))
    assert record.ok is False and record.fault == "config"


def test_a_test_print_to_a_local_service_sends_it_nothing(demo, login, default_rules):
    service = FakePrinter()  # stands for any service listening on the server's loopback
    try:
        device = _kiosk(demo, {"printer_url": service.url})
        client = login("admin")
        page = client.post(
            "/admin/printers/test", data={"printer": f"device:{device.id}"}, follow_redirects=True
        )
        assert LOOPBACK in page.get_data(as_text=True)
        assert service.jobs == [] and service._connections == []
    finally:
        service.close()


def test_a_name_that_resolves_elsewhere_at_print_time_is_refused_then(
    demo, login, default_rules, monkeypatch
):
    answers = iter(["192.168.1.50", "127.0.0.1"])  # saved while harmless, then re-pointed (DNS rebinding)

    def getaddrinfo(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr("printing.addresses.socket.getaddrinfo", getaddrinfo)
    device = _kiosk(demo)
    client = login("admin")
    form = {**FORM, "printer_url": "tcp://printer.lan:9100"}
    assert "Đã lưu cấu hình máy in" in client.post(
        f"/admin/printers/devices/{device.id}", data=form, follow_redirects=True
    ).get_data(as_text=True)
    page = client.post("/admin/printers/test", data={"printer": f"device:{device.id}"}, follow_redirects=True)
    assert LOOPBACK in page.get_data(as_text=True)


def test_the_operators_printer_url_is_trusted(demo, login, default_rules, app, monkeypatch):
    printer = FakePrinter()
    try:
        monkeypatch.setitem(
            app.config, "PRINTER_URL", printer.url
        )  # tcp://127.0.0.1:<port>, set by the operator
        client = login("admin")
        page = client.post("/admin/printers/test", data={"printer": "default"}, follow_redirects=True)
        assert "Đã in phiếu thử" in page.get_data(as_text=True)
        assert printer.job()
    finally:
        printer.close()
