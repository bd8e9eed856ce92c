"""Small helpers the blueprints share: which site a screen is for, and the public base URL for QR codes."""

from flask import abort, current_app, request, url_for
from sqlalchemy import select

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


def int_arg(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
