"""Tickets and procedure slips drawn by Pillow as crisp 1-bit images, sized for 58 mm or 80 mm paper.

Cheap thermal printers cannot print Vietnamese through their code pages, so everything is a raster image
drawn with a font shipped in the project (static/fonts/, DejaVu Sans, which covers Vietnamese). The same
image is what the back office previews and what the `preview` printer writes as a PNG.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from motcua.qr import qr_bitmap, qr_matrix

FONT_DIR = Path(__file__).resolve().parents[1] / "static" / "fonts"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"

# Printable width in dots at 203 dpi: 58 mm paper prints 48 mm, 80 mm paper prints 72 mm.
PAPER_DOTS = {58: 384, 80: 576}


def paper_dots(paper_mm: int) -> int:
    return PAPER_DOTS.get(int(paper_mm), PAPER_DOTS[80])


def _sizer(width: int) -> Callable[[float], int]:
    """Sizes are drawn for 80 mm paper (576 dots): px(size) scales one to this paper's width."""
    scale = width / PAPER_DOTS[80]
    return lambda value: max(1, round(value * scale))


def png_buffer(image: Image.Image) -> BytesIO:
    """The image as a PNG file in memory, read from its start (for send_file)."""
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


@dataclass(frozen=True)
class TicketContent:
    """Every line of a ticket, already in the citizen's language and the site's local time."""

    centre: str
    service: str
    code: str
    heading: str  # "SỐ THỨ TỰ"
    issued_at: str  # "08:15 — 21/11/2025"
    ahead_line: str  # "Số người đang chờ trước: 3"
    wait_line: str  # "Thời gian chờ dự kiến: khoảng 12 phút"
    url: str  # the ticket's live page /t/<token>
    qr_caption: str
    footer: str  # "Vui lòng chờ đến lượt — Xin cảm ơn!"
    note: str = ""  # e.g. "In lại" on a reprint


@dataclass(frozen=True)
class SlipContent:
    """A procedure slip: the documents a citizen must bring (kept plain so any catalogue can feed it)."""

    heading: str  # "HỒ SƠ CẦN CHUẨN BỊ"
    title: str
    code: str
    documents: list[str] = field(default_factory=list)
    processing_time: str = ""
    fees: str = ""
    centre: str = ""
    labels: dict = field(default_factory=dict)  # "documents", "processing_time", "fees", "code"


@dataclass
class TicketParts:
    """A ticket in three pieces, so a printer with native QR can print the middle piece with GS ( k."""

    top: Image.Image
    qr: Image.Image
    bottom: Image.Image


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_BOLD if bold else FONT_REGULAR), size)


class _Column:
    """Draws lines of text top to bottom on a greyscale strip, then hands back a 1-bit image."""

    def __init__(self, width: int):
        self.width = width
        self.margin = max(8, width // 36)
        self.image = Image.new("L", (width, width * 4), 255)
        self.draw = ImageDraw.Draw(self.image)
        self.y = 0

    def _grow(self, needed: int) -> None:
        if self.y + needed <= self.image.height:
            return
        bigger = Image.new("L", (self.width, max(self.image.height * 2, self.y + needed + 10)), 255)
        bigger.paste(self.image, (0, 0))
        self.image, self.draw = bigger, ImageDraw.Draw(bigger)

    def wrap(self, text: str, face: ImageFont.FreeTypeFont, indent: int = 0) -> list[str]:
        room = self.width - 2 * self.margin - indent
        lines: list[str] = []
        for paragraph in text.splitlines() or [""]:
            line = ""
            for word in paragraph.split():
                candidate = f"{line} {word}" if line else word
                if face.getlength(candidate) <= room:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                while face.getlength(word) > room:  # a word longer than the paper: cut it
                    cut = max(1, int(len(word) * room / face.getlength(word)))
                    lines.append(word[:cut])
                    word = word[cut:]
                line = word
            lines.append(line)
        return lines

    def text(self, text: str, size: int, *, bold=False, align="center", gap=0.25, indent=0, bullet=""):
        face = font(size, bold)
        ascent, descent = face.getmetrics()
        height = ascent + descent
        for number, line in enumerate(self.wrap(text, face, indent)):
            self._grow(height)
            if align == "center":
                x = (self.width - face.getlength(line)) / 2
            else:
                x = self.margin + indent
                if bullet and number == 0:
                    self.draw.text((self.margin, self.y), bullet, font=face, fill=0)
            self.draw.text((x, self.y), line, font=face, fill=0)
            self.y += height
        self.y += int(size * gap)

    def big(self, text: str, size: int) -> None:
        """One line of huge bold text, shrunk until it fits the paper."""
        room = self.width - 2 * self.margin
        while size > 10 and font(size, True).getlength(text) > room:
            size -= 4
        face = font(size, True)
        left, top, right, bottom = face.getbbox(text)
        self._grow(bottom - top + size // 6)
        self.draw.text(((self.width - (right - left)) / 2 - left, self.y - top), text, font=face, fill=0)
        self.y += bottom - top + size // 6

    def rule(self, thickness: int = 2) -> None:
        self._grow(thickness + 12)
        self.y += 6
        self.draw.rectangle((self.margin, self.y, self.width - self.margin, self.y + thickness - 1), fill=0)
        self.y += thickness + 6

    def space(self, dots: int) -> None:
        self._grow(dots)
        self.y += dots

    def paste(self, picture: Image.Image) -> None:
        self._grow(picture.height)
        self.image.paste(picture.convert("L"), ((self.width - picture.width) // 2, self.y))
        self.y += picture.height

    def finish(self) -> Image.Image:
        strip = self.image.crop((0, 0, self.width, max(self.y, 1)))
        # A hard threshold, no dithering: thermal heads print black or nothing, and text stays sharp.
        return strip.point(lambda value: 0 if value < 160 else 255, mode="1")


def _box_size(url: str, width: int) -> int:
    """Dots per module for a code about half the paper wide."""
    return max(3, int(width * 0.5) // len(qr_matrix(url)))


def qr_image(url: str, width: int) -> Image.Image:
    """The QR code as a 1-bit image about half the paper wide, whole modules only (scannable when printed)."""
    return qr_bitmap(url, _box_size(url, width))


def qr_module_size(url: str, width: int) -> int:
    """Module size in dots for a native (GS ( k) QR of about the same size as the image one (1..16)."""
    return max(1, min(16, _box_size(url, width)))


def ticket_parts(content: TicketContent, width: int) -> TicketParts:
    px = _sizer(width)
    top = _Column(width)
    top.paste(_masthead(content.centre, content.heading, width))
    top.big(content.code, px(200))
    top.text(content.service, px(32), bold=True, gap=0.4)
    if content.note:
        top.text(content.note, px(26), bold=True)
    top.text(content.issued_at, px(26), gap=0.1)
    top.text(content.ahead_line, px(26), gap=0.1)
    top.text(content.wait_line, px(26), gap=0.3)
    bottom = _footer(content.qr_caption, content.footer, width)
    return TicketParts(top=top.finish(), qr=qr_image(content.url, width), bottom=bottom)


# The lines every ticket of a site repeats are drawn once, not once per ticket (text is most of the drawing).
@lru_cache(maxsize=64)
def _masthead(centre: str, heading: str, width: int) -> Image.Image:
    px = _sizer(width)
    column = _Column(width)
    column.space(px(6))
    column.text(centre, px(30), bold=True, gap=0.2)
    column.rule(px(3))
    column.text(heading, px(28), gap=0.05)
    return column.image.crop((0, 0, width, column.y))


@lru_cache(maxsize=64)
def _footer(qr_caption: str, footer: str, width: int) -> Image.Image:
    px = _sizer(width)
    column = _Column(width)
    column.text(qr_caption, px(22), gap=0.3)
    column.rule(px(2))
    column.text(footer, px(26), bold=True, gap=0.2)
    column.space(px(10))
    return column.finish()


def stack(*pictures: Image.Image) -> Image.Image:
    width = max(p.width for p in pictures)
    whole = Image.new("1", (width, sum(p.height for p in pictures)), 1)
    y = 0
    for picture in pictures:
        whole.paste(picture, ((width - picture.width) // 2, y))
        y += picture.height
    return whole


def render_ticket(content: TicketContent, width: int) -> Image.Image:
    """The whole ticket as one 1-bit image exactly `width` dots wide (384 for 58 mm, 576 for 80 mm)."""
    parts = ticket_parts(content, width)
    return stack(parts.top, parts.qr, parts.bottom)


def render_slip(slip: SlipContent, width: int) -> Image.Image:
    px = _sizer(width)
    labels = slip.labels
    column = _Column(width)
    column.space(px(6))
    if slip.centre:
        column.text(slip.centre, px(26), bold=True, gap=0.2)
        column.rule(px(3))
    column.text(slip.heading, px(30), bold=True, gap=0.3)
    column.text(slip.title, px(28), bold=True, gap=0.2)
    if slip.code:
        column.text(f"{labels.get('code', '')} {slip.code}".strip(), px(22), gap=0.4)
    column.rule(px(2))
    if slip.documents:
        column.text(labels.get("documents", ""), px(24), bold=True, align="left", gap=0.2)
        for number, document in enumerate(slip.documents, start=1):
            column.text(document, px(24), align="left", indent=px(40), bullet=f"{number}.", gap=0.3)
    for key, value in (("processing_time", slip.processing_time), ("fees", slip.fees)):
        if value:
            column.text(labels.get(key, ""), px(24), bold=True, align="left", gap=0.1)
            column.text(value, px(24), align="left", gap=0.3)
    column.space(px(10))
    return column.finish()
