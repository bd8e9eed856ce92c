"""Things written once and read everywhere: the document-kind words (screens, printed slip, catalogue files),
the PNG of a printed image, a ticket's words (paper, test ticket, kiosk screen)."""

import ast
from pathlib import Path

from flask_babel import force_locale
from PIL import Image

from models import Ticket, db
from models.catalogue import DocumentKind
from models.catalogue_io import export_catalogue
from models.queries import procedure_by_code
from models.queue import issue_ticket
from models.transaction import perform
from printing import reprint
from printing.documents import ticket_content
from printing.render import png_buffer
from printing.slip import document_lines

from .servers import ROOT


def test_a_document_kind_reads_in_the_readers_language(app, demo):
    with app.test_request_context(), force_locale("en"):
        assert DocumentKind.label(DocumentKind.ORIGINAL) == "Original"
        assert DocumentKind.label("unknown") == "unknown"
    with app.test_request_context(), force_locale("vi"):
        assert DocumentKind.label(DocumentKind.EITHER) == "Bản chính hoặc bản sao"


def test_the_slip_and_the_procedure_page_say_the_same_kind(app, demo, client):
    procedure = procedure_by_code(db.session, "1.001193")
    first = procedure.document_items[0]
    with app.test_request_context(), force_locale("en"):
        assert document_lines(procedure)[0].startswith(f"{first.name} — {DocumentKind.label(first.kind)},")
    page = client.get("/procedures/1.001193?lang=en").get_data(as_text=True)
    assert f"<td>{first.name}</td><td>{DocumentKind.label(first.kind)}</td>" in page.replace("\n", "")


def test_the_catalogue_file_writes_vietnamese_kinds_whatever_the_language(app, demo):
    with app.test_request_context(), force_locale("en"):
        exported = export_catalogue(db.session, "csv").decode("utf-8-sig")
    assert "| bản chính |" in exported
    assert "| Original |" not in exported and "| original |" not in exported


def test_png_buffer_reads_back_the_same_image():
    image = Image.new("1", (40, 20), 1)
    image.putpixel((3, 4), 0)
    again = Image.open(png_buffer(image))
    assert again.format == "PNG" and again.size == (40, 20) and again.getpixel((3, 4)) == 0


def test_the_kiosk_screen_and_the_paper_say_the_same_words(app, demo, client, kiosk):
    service = demo.services["A"]
    page = client.post(
        "/kiosk/tickets?lang=en", data={"service_id": service.id}, headers={"HX-Request": "true"}
    ).get_data(as_text=True)
    ticket = db.session.scalar(db.select(Ticket).filter_by(code="A001"))
    with app.test_request_context("/?lang=en"), force_locale("en"):
        paper = ticket_content(ticket, 0, 0, "http://x/t/")
    assert paper.wait_line == "Estimated wait: Almost your turn"
    for words in (paper.issued_at, paper.qr_caption, paper.footer, "People ahead of you", "Almost your turn"):
        assert words in page, words


def test_the_test_ticket_is_worded_like_a_real_one(app, demo):
    with app.test_request_context():
        test = reprint.test_content(demo.site)
        real = ticket_content(perform(db.session, issue_ticket, demo.services["A"].id).ticket, 0, 0, "")
    assert (test.heading, test.qr_caption, test.footer, test.wait_line) == (
        real.heading,
        real.qr_caption,
        real.footer,
        real.wait_line,
    )
    assert test.ahead_line == real.ahead_line == "Số người đang chờ trước: 0"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_benchmarks_do_not_import_the_tests():
    """bench/ and tests/ share their local-server launcher through devserver/, not through each other."""
    for path in sorted((ROOT / "bench").glob("*.py")):
        imported = _imported_modules(path)
        assert not {name for name in imported if name == "tests" or name.startswith("tests.")}, path.name
