"""Send a document to a printer without ever holding up a kiosk: the job runs in a worker thread and the
caller waits at most PRINT_DEADLINE_SECONDS (1.8 s by default) for it.

Whatever happens is recorded (models/printing.py): a failure raises the printer's alert for staff, a success
clears it. A job still running at the deadline is recorded as a timeout at once; if it finishes later, the
worker records its real outcome, so an alert never outlives a printer that has come back.
"""

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import current_app
from PIL import Image
from sqlalchemy.orm import Session

from models import db
from models.printing import PrintAttempt, record_print
from models.transaction import perform

from . import status
from .addresses import AddressPolicy
from .faults import PrinterFault
from .transports import PREVIEW, PrinterSettings, check_settings, open_printer

log = logging.getLogger(__name__)

DEFAULT_DEADLINE = 1.8  # seconds a request may wait on a printer
IO_TIMEOUT_SECONDS = 5.0  # a worker may wait this long on one connection before giving up


@dataclass(frozen=True)
class Document:
    """What to print. `image` is the whole rendering (what the preview shows). With a native QR the printer
    gets `top`, then the QR of `qr_url` by GS ( k at `qr_size` dots per module, then `bottom`."""

    name: str
    image: Image.Image
    top: Image.Image | None = None
    qr_url: str = ""
    qr_size: int = 0
    bottom: Image.Image | None = None


@dataclass(frozen=True)
class Printer:
    key: str  # "device:<id>" or "default"
    name: str
    site_id: int
    settings: PrinterSettings
    device_id: int | None = None


@dataclass
class Outcome:
    ok: bool
    pending: bool = False
    fault: str = ""
    message: str = ""
    path: str | None = None


_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _printer_lock(url: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(url, threading.Lock())


def printouts_dir(app) -> Path:
    return Path(app.config.get("PRINTOUTS_DIR") or Path(app.instance_path) / "printouts")


def save_preview(image: Image.Image, name: str, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)[:60]
    path = directory / f"{stamp}-{safe}.png"
    image.save(path)
    log.info("preview printer: ticket image written to %s", path)
    return path


def send(
    printer: Printer,
    document: Document,
    *,
    directory: Path,
    io_timeout: float,
    policy: AddressPolicy | None = None,
) -> str | None:
    """Print now (blocking). Returns the PNG path for `preview`; raises PrinterFault on any failure, including
    an address the back office may not use (checked again here: a host name may resolve elsewhere today)."""
    settings = printer.settings
    target = check_settings(settings, policy)
    if target.scheme == PREVIEW:
        return str(save_preview(document.image, document.name, directory))
    lock = _printer_lock(settings.url)
    if not lock.acquire(timeout=io_timeout):
        raise PrinterFault("timeout")
    try:
        device = open_printer(target, settings.profile, io_timeout)
        try:
            ask_status = settings.check_status and target.can_report_status
            if ask_status:
                status.check(device)
            device.hw("INIT")
            native = (
                settings.qr_mode == "native"
                and document.top is not None
                and device.profile.supports("qrCode")
            )
            if native:
                device.image(document.top, impl="bitImageRaster")
                device.set(align="center")
                device.qr(document.qr_url, native=True, size=document.qr_size)
                device.set(align="left")
                device.image(document.bottom, impl="bitImageRaster")
            else:
                device.image(document.image, impl="bitImageRaster")
            device.cut()
            if ask_status:
                status.check(
                    device
                )  # answered only once the bytes before it arrived; paper may run out mid-job
        except PrinterFault:
            raise
        except OSError as error:
            raise PrinterFault.from_connect_error(error) from error
        except Exception as error:
            log.exception("printer %s failed", printer.name)
            raise PrinterFault("error") from error
        finally:
            try:
                device.close()
            except Exception:  # closing a broken connection may fail too; the fault is already known
                log.debug("closing printer %s failed", printer.name, exc_info=True)
    finally:
        lock.release()
    return None


def _record(printer: Printer, outcome: Outcome, kind: str, ticket_id, duration_ms: int) -> None:
    attempt = PrintAttempt(
        site_id=printer.site_id,
        printer_key=printer.key,
        printer_name=printer.name,
        kind=kind,
        ok=outcome.ok,
        fault=outcome.fault,
        message=outcome.message,
        device_id=printer.device_id,
        ticket_id=ticket_id,
        duration_ms=duration_ms,
    )
    # In a session of its own: this commit leaves the caller's rows (the ticket a kiosk is about to show) as
    # they are, instead of expiring them all to be read again.
    with Session(db.engine) as session:
        perform(session, record_print, attempt)


def dispatch(printer: Printer, document: Document, *, kind: str, ticket_id: int | None = None) -> Outcome:
    """Print with a deadline; record the outcome; never raise. Call inside a request or app context."""
    app = current_app._get_current_object()
    deadline = float(app.config.get("PRINT_DEADLINE_SECONDS", DEFAULT_DEADLINE))
    directory = printouts_dir(app)
    policy = AddressPolicy.from_config(app.config)  # the worker thread has no app context
    guard = threading.Lock()
    state: dict = {}
    started = time.monotonic()

    def elapsed_ms() -> int:
        return int((time.monotonic() - started) * 1000)

    def work():
        try:
            path = send(printer, document, directory=directory, io_timeout=IO_TIMEOUT_SECONDS, policy=policy)
            outcome = Outcome(ok=True, path=path)
        except PrinterFault as fault:
            outcome = Outcome(ok=False, fault=fault.code, message=str(fault.message))
        except Exception:  # a bug must not kill the worker silently nor leave the alert wrong
            log.exception("printing on %s failed", printer.name)
            outcome = Outcome(ok=False, fault="error", message=str(PrinterFault("error").message))
        with guard:
            state["outcome"] = outcome
            if state.get("late"):
                with app.app_context():
                    try:
                        _record(printer, outcome, kind, ticket_id, elapsed_ms())
                    finally:
                        db.session.remove()
        finished.set()

    finished = threading.Event()
    threading.Thread(target=work, name=f"print-{printer.key}", daemon=True).start()
    finished.wait(deadline)
    with guard:
        outcome = state.get("outcome")
        if outcome is None:
            state["late"] = True
            outcome = Outcome(
                ok=False, pending=True, fault="timeout", message=str(PrinterFault("timeout").message)
            )
        try:
            _record(printer, outcome, kind, ticket_id, elapsed_ms())
        except Exception:  # the ticket is already safe; a busy database must not turn this into an error page
            log.exception("could not record the print outcome on %s", printer.name)
    if not outcome.ok:
        log.warning("printer %s: %s (%s)", printer.name, outcome.message, outcome.fault)
    return outcome
