"""The printer's real-time status (DLE EOT n), read where the transport carries the answer back (tcp, serial).

DLE EOT 1 → printer status (bit 3: offline); DLE EOT 2 → offline cause (bit 2: cover open, bit 5: stopped for
paper end); DLE EOT 4 → paper roll sensor (bits 5-6: paper end). Real-time commands are answered as soon as
they arrive, even while the printer is busy, so a reply also proves the bytes before it got there.
"""

import socket

from .faults import PrinterFault

DLE_EOT = b"\x10\x04"


def _ask(printer, n: int, timeout: float) -> int:
    device = printer.device
    if isinstance(device, socket.socket):
        device.settimeout(timeout)
        device.sendall(DLE_EOT + bytes([n]))
        try:
            reply = device.recv(1)
        except TimeoutError:
            raise PrinterFault("no_reply") from None
        except OSError as error:
            raise PrinterFault.from_connect_error(error) from error
    else:  # pyserial
        device.timeout = timeout
        device.write(DLE_EOT + bytes([n]))
        reply = device.read(1)
    if not reply:
        raise PrinterFault("no_reply")
    return reply[0]


def check(printer, timeout: float = 1.0) -> None:
    """Raise PrinterFault("paper_out" | "cover_open" | "offline" | "no_reply") unless the printer is ready."""
    online = _ask(printer, 1, timeout)
    paper = _ask(printer, 4, timeout)
    if paper & 0x60 == 0x60:
        raise PrinterFault("paper_out")
    if online & 0x08:
        cause = _ask(printer, 2, timeout)
        if cause & 0x04:
            raise PrinterFault("cover_open")
        if cause & 0x20:
            raise PrinterFault("paper_out")
        raise PrinterFault("offline")
