"""Small helpers the blueprints share: which site a screen is for, the public base URL for QR codes, and the
one place ids from a request are parsed."""

from flask import abort, current_app, request, url_for
from sqlalchemy import select
from werkzeug.routing import IntegerConverter

from models import Site, db


def current_site() -> Site:
    """The site named by ?site=<code>, or the first site (a one-centre install needs no parameter)."""
    code = request.args.get("site")
    query = select(Site).filter_by(code=code) if code else select(Site).order_by(Site.id).limit(1)
    site = db.session.scalar(query)
    if site is None:
        abort(404)
    return site


def public_url(endpoint: str, **values) -> str:
    """An absolute URL for a phone to open: PUBLIC_URL when set (the address citizens can reach), else the
    address this request came in on."""
    base = current_app.config.get("PUBLIC_URL")
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def wants_fragment() -> bool:
    return request.headers.get("HX-Request") == "true"


# Every id column is a 32-bit INTEGER on PostgreSQL (SQLite takes 64 bits): a larger number can name no row, and
# sending it to the database would be an error instead of a clean 400/404.
MAX_ID = 2**31 - 1


def int_arg(value) -> int | None:
    """An id (or small count) from a form, a query string or JSON: 1 ≤ n ≤ MAX_ID, else None for the caller's
    clear 400/404. Booleans and floats are not ids."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and 0 < len(value) <= 12 and value.strip().isascii():
        try:
            number = int(value)
        except ValueError:
            return None
    else:
        return None
    return number if 1 <= number <= MAX_ID else None


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: a number above MAX_ID is simply a page that does not exist (404)."""

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
