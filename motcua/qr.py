"""QR codes as inline SVG (sharp at any size), cached: the same URL always gives the same picture."""

from functools import lru_cache

import qrcode
import qrcode.image.svg
from markupsafe import Markup


@lru_cache(maxsize=4096)
def qr_svg(data: str, *, border: int = 2) -> Markup:
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=border,
        image_factory=qrcode.image.svg.SvgPathImage,
    )
    code.add_data(data)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    # Drop the XML declaration so the SVG can sit inline in HTML.
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :]
    return Markup(svg)
