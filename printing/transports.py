"""Which printer, and how to reach it: a printer URL (PRINTER_URL, or a kiosk device's settings) → a
python-escpos printer object, or `preview`, which writes the rendered ticket as a PNG under instance/printouts/.

    tcp://192.168.1.50:9100        network printer on the usual raw port (9100 when omitted)
    usb://04b8:0202                USB printer by vendor:product id (hex), needs pyusb and libusb
    serial:///dev/ttyUSB0?baudrate=19200
    file:///dev/usb/lp0            a device file (Linux usblp)
    cups://Ticket_Printer          a CUPS queue (raw), needs pycups
    preview                        no printer: save the image and log where (the default on a new machine)
"""

import logging
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from flask_babel import lazy_gettext as _l

from .addresses import AddressPolicy, check_target, current_policy
from .faults import PrinterFault

# python-escpos calls logging.basicConfig() when imported: a root handler that printed every log line of the
# server a second time (request_log.py already writes each one). Whatever the host configured stays.
_host_root_handlers = list(logging.root.handlers)
from escpos.capabilities import CAPABILITIES  # noqa: E402

logging.root.handlers[:] = _host_root_handlers

PREVIEW = "preview"
PAPER_WIDTHS = (80, 58)
QR_MODES = ("image", "native")
DEFAULT_PROFILE = "default"


def profile_names() -> list[str]:
    return sorted(CAPABILITIES["profiles"])


@dataclass(frozen=True)
class PrinterSettings:
    url: str = PREVIEW
    paper_mm: int = 80
    profile: str = DEFAULT_PROFILE
    qr_mode: str = "image"  # "native" prints the QR with GS ( k when the profile supports it
    check_status: bool = (
        True  # ask the printer (DLE EOT) for paper/cover status where the transport can answer
    )
    trusted: bool = False  # the operator's PRINTER_URL: not held to the back office's address rules

    @classmethod
    def from_settings(cls, settings: dict | None, default_url: str) -> "PrinterSettings":
        settings = settings or {}
        paper = settings.get("paper_mm", 80)
        return cls(
            url=(settings.get("printer_url") or default_url or PREVIEW).strip(),
            paper_mm=int(paper) if str(paper).isdigit() and int(paper) in PAPER_WIDTHS else 80,
            profile=settings.get("printer_profile") or DEFAULT_PROFILE,
            qr_mode=settings.get("qr_mode") if settings.get("qr_mode") in QR_MODES else "image",
            check_status=bool(settings.get("check_status", True)),
        )


@dataclass(frozen=True)
class Target:
    scheme: str  # tcp | usb | serial | file | cups | preview
    host: str = ""
    port: int = 9100
    path: str = ""
    vendor: int = 0
    product: int = 0
    baudrate: int = 9600

    @property
    def can_report_status(self) -> bool:
        """Transports that carry the printer's DLE EOT answer back to us."""
        return self.scheme in ("tcp", "serial")


def _bad(url: str) -> PrinterFault:
    return PrinterFault("config", _l("Địa chỉ máy in không hợp lệ: %(url)s", url=url))


def parse_url(url: str) -> Target:
    """Parse a printer URL; a PrinterFault("config") with a readable message when it makes no sense."""
    url = (url or "").strip()
    if url == PREVIEW:
        return Target(PREVIEW)
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "tcp":
            if not parts.hostname:
                raise ValueError
            return Target("tcp", host=parts.hostname, port=parts.port or 9100)
        if scheme == "usb":
            vendor, _, product = parts.netloc.partition(":")
            return Target("usb", vendor=int(vendor, 16), product=int(product, 16))
        if scheme == "serial":
            query = parse_qs(parts.query)
            baudrate = int(query.get("baudrate", ["9600"])[0])
            if not parts.path or baudrate <= 0:
                raise ValueError
            return Target("serial", path=parts.path, baudrate=baudrate)
        if scheme == "file":
            if not parts.path:
                raise ValueError
            return Target("file", path=parts.path)
        if scheme == "cups":
            name = parts.netloc or parts.path.strip("/")
            if not name:
                raise ValueError
            return Target("cups", path=name)
    except ValueError:
        raise _bad(url) from None
    raise _bad(url)


def check_settings(settings: PrinterSettings, policy: AddressPolicy | None = None) -> Target:
    """Refuse settings that can never work (bad URL, unknown profile) or that point where the back office may
    not send bytes (printing/addresses.py) with a clear message. Returns the target to print to."""
    target = parse_url(settings.url)
    if settings.profile not in CAPABILITIES["profiles"]:
        raise PrinterFault(
            "config", _l("Không có cấu hình máy in (profile) tên %(name)s.", name=settings.profile)
        )
    if settings.trusted:
        return target
    return check_target(target, policy or current_policy())


def open_printer(target: Target, profile: str, timeout: float):
    """A connected python-escpos printer for a target (never for `preview`)."""
    from escpos import printer as escpos_printer

    kwargs = {"profile": profile}
    if target.scheme == "tcp":
        device = escpos_printer.Network(target.host, target.port, timeout=timeout, **kwargs)
    elif target.scheme == "usb":
        _need(escpos_printer.Usb, "pyusb")
        device = escpos_printer.Usb(target.vendor, target.product, timeout=int(timeout * 1000), **kwargs)
    elif target.scheme == "serial":
        _need(escpos_printer.Serial, "pyserial")
        device = escpos_printer.Serial(target.path, baudrate=target.baudrate, timeout=timeout, **kwargs)
    elif target.scheme == "file":
        device = escpos_printer.File(target.path, **kwargs)
    elif target.scheme == "cups":
        _need(escpos_printer.CupsPrinter, "pycups")
        device = escpos_printer.CupsPrinter(target.path, **kwargs)
    else:
        raise PrinterFault("config", _l("Máy in này không in trực tiếp được."))
    try:
        device.open()
    except Exception as error:  # escpos wraps socket/usb/serial errors differently per transport
        raise PrinterFault.from_connect_error(error) from error
    return device


def _need(printer_class, library: str) -> None:
    if not printer_class.is_usable():
        raise PrinterFault(
            "config",
            _l(
                "Máy chủ thiếu thư viện %(library)s để dùng loại máy in này (pip install %(library)s).",
                library=library,
            ),
        )
