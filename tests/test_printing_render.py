"""The ticket image: sized for 58/80 mm paper, Vietnamese drawn with a font that has every glyph, and the
whole ESC/POS byte stream a network printer receives (init, raster, cut) decoding back to the ticket URL."""

from dataclasses import replace

import pytest
import zxingcpp
from fontTools.ttLib import TTFont
from PIL import Image

from printing.dispatch import Document, Printer, send
from printing.documents import ticket_document
from printing.render import FONT_BOLD, FONT_REGULAR, TicketContent, render_ticket, ticket_parts
from printing.transports import PrinterSettings
from tests.printing_fakes import FakePrinter, parse

CONTENT = TicketContent(
    centre="Ủy ban nhân dân phường Đống Đa — Bộ phận một cửa",
    service="Hộ tịch, chứng thực",
    code="A012",
    heading="SỐ THỨ TỰ",
    issued_at="08:15 — 21/11/2025",
    ahead_line="Số người đang chờ trước: 3",
    wait_line="Thời gian chờ dự kiến: khoảng 12 phút",
    url="http://127.0.0.1:5000/t/AbCdEfGhIjKlMnOp",
    qr_caption="Quét mã QR để theo dõi lượt của mình trên điện thoại",
    footer="Vui lòng chờ đến lượt — Xin cảm ơn!",
)

# Every Vietnamese letter, lower and upper case, with every tone mark.
VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"


def decode_qr(image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image.convert("L"))]


@pytest.mark.parametrize(("paper_mm", "dots"), [(58, 384), (80, 576)])
def test_ticket_fits_the_paper_and_its_qr_reads_back(paper_mm, dots):
    document = ticket_document(CONTENT, PrinterSettings(paper_mm=paper_mm))
    image = document.image
    assert image.mode == "1"
    assert image.width == dots
    assert 300 < image.height < 3 * dots  # a ticket, not a scroll
    assert decode_qr(image) == [CONTENT.url]
    # Nothing drawn in the outer margins: the print head's edges are not reliable.
    grey = image.convert("L")
    margins = (grey.crop((0, 0, 4, image.height)), grey.crop((dots - 4, 0, dots, image.height)))
    assert [m.getextrema() for m in margins] == [(255, 255), (255, 255)]


def _rows(image) -> list[bytes]:
    return [image.crop((0, y, image.width, y + 1)).tobytes() for y in range(image.height)]


def _ink_runs(image) -> list[int]:
    """Heights of the bands of inked rows (a text line, a rule, the code), top to bottom."""
    blank = Image.new("1", (image.width, 1), 1).tobytes()
    runs, start = [], None
    for y, row in enumerate([*_rows(image), blank]):
        if row != blank and start is None:
            start = y
        elif row == blank and start is not None:
            runs.append((start, y))
            start = None
    return runs


def test_the_ticket_code_is_drawn_far_larger_than_any_other_text():
    parts = ticket_parts(CONTENT, 576)
    # The code's rows are the rows that change with the code alone: the same ticket for B345 differs only there.
    other = ticket_parts(replace(CONTENT, code="B345"), 576).top
    mine, theirs = _rows(parts.top), _rows(other)
    first = next(y for y, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b)
    last = (
        len(mine)
        - 1
        - next(k for k, (a, b) in enumerate(zip(mine[::-1], theirs[::-1], strict=False)) if a != b)
    )
    code_height = last - first + 1
    assert code_height >= 120  # 15 mm at 8 dots/mm: legible from across the lobby
    text = [end - start for start, end in _ink_runs(parts.top) if end <= first or start > last]
    text += [end - start for start, end in _ink_runs(parts.bottom)]
    assert len(text) >= 8  # centre, rule, heading, service, time, ahead, wait, caption, ...
    assert max(text) * 3 <= code_height
    assert render_ticket(CONTENT, 576).height == parts.top.height + parts.qr.height + parts.bottom.height


@pytest.mark.parametrize("font_path", [FONT_REGULAR, FONT_BOLD])
def test_the_shipped_font_covers_every_character_printed(font_path):
    cmap = TTFont(str(font_path)).getBestCmap()
    used = (
        VIETNAMESE
        + VIETNAMESE.upper()
        + "".join(getattr(CONTENT, name) for name in CONTENT.__dataclass_fields__ if name != "url")
    )
    missing = sorted({ch for ch in used if not ch.isspace() and ord(ch) not in cmap})
    assert missing == []


def test_diacritics_are_drawn_not_dropped():
    """ "Số" and "So" must not render the same: the tone and hat marks are really on paper."""
    plain = render_ticket(CONTENT.__class__(**{**CONTENT.__dict__, "heading": "SO THU TU"}), 576)
    marked = render_ticket(CONTENT, 576)
    assert plain.tobytes() != marked.tobytes()


def test_a_network_printer_gets_init_raster_and_cut_and_the_qr_decodes(app):
    printer = FakePrinter()
    try:
        document = ticket_document(CONTENT, PrinterSettings(url=printer.url, paper_mm=58))
        with app.app_context():
            send(
                Printer("default", "Test", 1, PrinterSettings(url=printer.url, paper_mm=58)),
                document,
                directory=None,
                io_timeout=3,
            )
        parsed = parse(printer.job())
    finally:
        printer.close()
    names = parsed.names()
    assert names[:2] == ["status", "status"]  # ready before printing
    assert "init" in names and "raster" in names and "cut" in names
    assert names.index("init") < names.index("raster") < names.index("cut")
    assert names[-2:] == ["status", "status"]  # asked again after the cut: the bytes got there
    rebuilt = parsed.raster()
    assert rebuilt.width == 384
    assert rebuilt.tobytes() == document.image.tobytes()
    assert decode_qr(rebuilt) == [CONTENT.url]


def test_native_qr_mode_sends_gs_k_with_the_url(app):
    printer = FakePrinter()
    settings = PrinterSettings(url=printer.url, paper_mm=80, qr_mode="native")
    try:
        document = ticket_document(CONTENT, settings)
        with (
            app.app_context()
        ):  # the tests' printer allow-list (conftest) lets the fake printer on 127.0.0.1 in
            send(Printer("default", "Test", 1, settings), document, directory=None, io_timeout=3)
        parsed = parse(printer.job())
    finally:
        printer.close()
    assert parsed.native_qr_data() == CONTENT.url.encode()
    assert parsed.names().count("raster") >= 2  # the text above and below the QR
    assert decode_qr(parsed.raster()) == []  # no QR in the image: the printer draws it


def test_preview_writes_the_same_png(tmp_path):
    document = Document(name="A012", image=render_ticket(CONTENT, 576))
    path = send(
        Printer("default", "Preview", 1, PrinterSettings()), document, directory=tmp_path, io_timeout=1
    )
    assert path.startswith(str(tmp_path)) and path.endswith("A012.png")
    from PIL import Image

    with Image.open(path) as saved:
        assert saved.convert("1").tobytes() == document.image.tobytes()
