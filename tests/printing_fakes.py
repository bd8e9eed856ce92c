"""A fake ESC/POS network printer (a TCP server on 127.0.0.1 that records what it gets and answers DLE EOT
like a real one) and a parser that turns the byte stream back into commands and raster images."""

import contextlib
import socket
import threading
from dataclasses import dataclass, field

from PIL import Image

from tests.servers import free_port

# DLE EOT replies: bits 1 and 4 are always set; see printing/status.py for the meaning of the others.
READY = {1: 0x12, 2: 0x12, 4: 0x12}
REPLIES = {
    "ok": READY,
    "paper_out": {1: 0x1A, 2: 0x32, 4: 0x72},
    "cover_open": {1: 0x1A, 2: 0x16, 4: 0x12},
}


@dataclass
class Command:
    name: str
    args: bytes = b""
    data: bytes = b""


@dataclass
class Parsed:
    commands: list[Command] = field(default_factory=list)

    def names(self) -> list[str]:
        return [c.name for c in self.commands]

    def raster(self) -> Image.Image | None:
        """The GS v 0 pieces stacked into one image (black = 0), as the printer would print them."""
        pieces = [c for c in self.commands if c.name == "raster"]
        if not pieces:
            return None
        images = []
        for piece in pieces:
            width_bytes = piece.args[1] | piece.args[2] << 8
            height = piece.args[3] | piece.args[4] << 8
            # In ESC/POS a 1 bit burns a dot (black); in a PIL "1" image a 1 bit is white: invert.
            inverted = bytes(255 - b for b in piece.data)
            images.append(Image.frombytes("1", (width_bytes * 8, height), inverted))
        whole = Image.new("1", (max(i.width for i in images), sum(i.height for i in images)), 1)
        y = 0
        for image in images:
            whole.paste(image, (0, y))
            y += image.height
        return whole

    def native_qr_data(self) -> bytes | None:
        for c in self.commands:
            if c.name == "qr" and c.data[:3] == b"1P0":
                return c.data[3:]
        return None


_FIXED = {
    b"\x1b@": ("init", 0),
    b"\x1ba": ("align", 1),
    b"\x1bd": ("feed", 1),
    b"\x1bJ": ("feed_dots", 1),
    b"\x1b!": ("mode", 1),
    b"\x1bE": ("bold", 1),
    b"\x1bt": ("codepage", 1),
    b"\x1d!": ("size", 1),
    b"\x1bM": ("font", 1),
    b"\x1b-": ("underline", 1),
    b"\x1b2": ("line_spacing_default", 0),
    b"\x1b3": ("line_spacing", 1),
    b"\x10\x04": ("status", 1),
}


def parse_one(buffer: bytes, pos: int) -> tuple[Command, int] | None:
    """One command at pos and the position after it, or None if the buffer ends inside it."""
    two = buffer[pos : pos + 2]
    if len(two) < 2:
        return (
            (Command("text", buffer[pos : pos + 1]), pos + 1)
            if two and two[0] not in (0x1B, 0x1D, 0x10)
            else None
        )
    if buffer[pos : pos + 3] == b"\x1dv0":
        if len(buffer) < pos + 8:
            return None
        args = buffer[pos + 3 : pos + 8]
        size = (args[1] | args[2] << 8) * (args[3] | args[4] << 8)
        if len(buffer) < pos + 8 + size:
            return None
        return Command("raster", args, buffer[pos + 8 : pos + 8 + size]), pos + 8 + size
    if buffer[pos : pos + 3] == b"\x1d(k":
        if len(buffer) < pos + 5:
            return None
        size = buffer[pos + 3] | buffer[pos + 4] << 8
        if len(buffer) < pos + 5 + size:
            return None
        return Command("qr", b"", buffer[pos + 5 : pos + 5 + size]), pos + 5 + size
    if two == b"\x1dV":
        if len(buffer) < pos + 3:
            return None
        mode = buffer[pos + 2]
        extra = 1 if mode in (65, 66) else 0
        if len(buffer) < pos + 3 + extra:
            return None
        return Command("cut", buffer[pos + 2 : pos + 3 + extra]), pos + 3 + extra
    if two in _FIXED:
        name, count = _FIXED[two]
        if len(buffer) < pos + 2 + count:
            return None
        return Command(name, buffer[pos + 2 : pos + 2 + count]), pos + 2 + count
    return Command("text", buffer[pos : pos + 1]), pos + 1


def parse(stream: bytes) -> Parsed:
    parsed, pos = Parsed(), 0
    while pos < len(stream):
        step = parse_one(stream, pos)
        if step is None:
            raise AssertionError(f"stream ends inside a command at byte {pos}")
        command, pos = step
        parsed.commands.append(command)
    return parsed


class FakePrinter:
    """mode: "ok", "paper_out", "cover_open" (answers status accordingly) or "hang" (accepts, never reads)."""

    def __init__(self, mode: str = "ok", delay: float = 0.0):
        self.mode = mode
        self.delay = delay  # seconds before each status answer: a slow printer
        self.jobs: list[bytes] = []
        self._server = socket.socket()
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(8)
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def _accept(self):
        while not self._stop.is_set():
            try:
                connection, _ = self._server.accept()
            except OSError:
                return
            self._connections.append(connection)
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket):
        if self.mode == "hang":
            self._stop.wait()
            return
        buffer, pos = b"", 0
        connection.settimeout(0.2)
        while not self._stop.is_set():
            try:
                chunk = connection.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not chunk:
                break
            buffer += chunk
            while (step := parse_one(buffer, pos)) is not None:
                command, pos = step
                if command.name == "status":
                    self._stop.wait(self.delay)
                    reply = REPLIES.get(self.mode, READY)[command.args[0]]
                    connection.sendall(bytes([reply]))
        self.jobs.append(buffer)

    def job(self, timeout: float = 3.0) -> bytes:
        """The bytes of the last finished connection (waits for the client to close it)."""
        import time

        deadline = time.monotonic() + timeout
        while not self.jobs and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self.jobs, "the printer received no job"
        return self.jobs[-1]

    def close(self):
        self._stop.set()
        self._server.close()
        for connection in self._connections:
            with contextlib.suppress(OSError):
                connection.close()


def closed_port_url() -> str:
    return f"tcp://127.0.0.1:{free_port()}"
