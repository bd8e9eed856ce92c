"""QR codes: one matrix per address, drawn for the screen (SVG) and for the printer (1-bit image) alike."""

import re

import zxingcpp

from models import Ticket, db
from motcua.qr import BORDER, qr_bitmap, qr_matrix, qr_svg

URL = "https://motcua.example.gov.vn/t/AbCdEf123456"


def _dark_cells_of(svg: str) -> set[tuple[int, int]]:
    cells = set()
    for x, y, width in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg):
        cells.update((int(x) + i, int(y)) for i in range(int(width)))
    return cells


def test_the_svg_draws_exactly_the_dark_modules():
    matrix = qr_matrix(URL)
    expected = {(x, y) for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark}
    assert _dark_cells_of(str(qr_svg(URL))) == expected
    assert all(not dark for dark in matrix[0]) and len(matrix) == len(matrix[0])  # the quiet zone
    assert BORDER == 2


def test_the_printed_image_scans_back_to_the_address():
    image = qr_bitmap(URL, 4)
    assert image.size == (len(qr_matrix(URL)) * 4,) * 2
    assert [result.text for result in zxingcpp.read_barcodes(image.convert("L"))] == [URL]


def test_a_kiosk_ticket_builds_its_qr_once_for_screen_and_paper(demo, client, kiosk):
    qr_matrix.cache_clear()
    response = client.post("/kiosk/tickets", data={"service_id": demo.services["A"].id})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    ticket = db.session.scalar(db.select(Ticket))
    assert ticket.code in page and page.count("<svg") == 1
    info = qr_matrix.cache_info()
    assert info.misses == 1  # the screen's SVG and the printed ticket share one matrix
    assert info.hits >= 2
