"""Things written once and read everywhere: the document-kind words (screens, printed slip, catalogue files),
the PNG of a printed image, the sizes of a printed image."""

from flask_babel import force_locale
from PIL import Image

from models import db
from models.catalogue import DocumentKind
from models.catalogue_io import export_catalogue
from models.queries import procedure_by_code
from printing.render import png_buffer
from printing.slip import document_lines


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
