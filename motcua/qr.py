"""QR codes: the module matrix is computed once per address and drawn as inline SVG for screens (sharp at any
size) or as a 1-bit image for printers.

A kiosk shows and prints the same ticket address, so the matrix is cached by address and built once per
ticket, not once per picture. Its mask pattern is fixed: choosing the "best" of the eight (qrcode's default)
builds the code nine times, 4.4 of a kiosk ticket's ~25 ms of CPU, for a penalty score that readers do not
need (every QR reader must read every mask; tests/test_qr.py decodes the screen's and the paper's codes).
"""

from functools import lru_cache

import qrcode
from markupsafe import Markup
from PIL import Image

BORDER = 2  # quiet-zone modules around the code
MASK = 0  # ISO/IEC 18004 mask 000: (row + column) mod 2 == 0


@lru_cache(maxsize=1024)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code of `data` (error correction M) as rows of dark (True) and light modules, quiet zone
    included."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=BORDER, mask_pattern=MASK)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


@lru_cache(maxsize=4096)
def qr_svg(data: str) -> Markup:
    """Inline SVG, one path: each run of dark modules in a row is one rectangle."""
    matrix = qr_matrix(data)
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < size and row[x]:
                x += 1
            runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}mm" height="{size}mm" viewBox="0 0 {size} {size}"'
        ' shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/><path d="{"".join(runs)}" fill="#000"/></svg>'
    )


def qr_bitmap(data: str, box_size: int) -> Image.Image:
    """A 1-bit image of the code, `box_size` dots per module (whole modules only: scannable when printed)."""
    matrix = qr_matrix(data)
    size = len(matrix)
    image = Image.new("1", (size, size), 1)
    image.putdata([0 if dark else 1 for row in matrix for dark in row])
    return image.resize((size * box_size, size * box_size), Image.Resampling.NEAREST)
