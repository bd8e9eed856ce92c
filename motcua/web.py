"""Small helpers the blueprints share: which site a screen is for (and, for staff, which sites they may act
on: the one place staff scope is decided), the public base URL for QR codes, and the one place ids from a
request are parsed."""

from flask import abort, current_app, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.routing import IntegerConverter

from models import Role, Site, User, db


def current_site() -> Site:
    """The site named by ?site=<code>, or the first site (a one-centre install needs no parameter)."""
    code = request.args.get("site")
    query = select(Site).filter_by(code=code) if code else select(Site).order_by(Site.id).limit(1)
    site = db.session.scalar(query)
    if site is None:
        abort(404)
    return site


def staff_site(user: User | None = None) -> Site:
    """The site a signed-in staff member acts on: ?site=<code> if they may use it, else their own site; an
    administrator with no site of their own gets the first site.

    :param user: the API's bearer-token user; the signed-in user of the session by default.
    :raise 404: if ?site= names no site (or the user has no site at all).
    :raise 403: if the user may not use the site named by ?site=.
    """
    user = user or current_user
    code = request.args.get("site")
    if code:
        site = db.session.scalar(select(Site).filter_by(code=code[:64]))
    elif user.site_id is not None:
        site = db.session.get(Site, user.site_id)
    elif user.role == Role.ADMIN:
        site = db.session.scalar(select(Site).order_by(Site.id).limit(1))
    else:
        site = None
    if site is None:
        abort(404)
    if not user.may_use_site(site.id):
        abort(403, description=_("Bạn không có quyền làm việc với trung tâm này."))
    return site


def site_object(model, object_id, user: User | None = None):
    """The row of `model` (a Site, or anything with a site_id) with this id if the staff member may use its
    site, else None. For places that cannot abort, such as a Socket.IO connect handler."""
    user = user or current_user
    if not getattr(user, "is_authenticated", False):
        return None
    row = db.session.get(model, object_id) if isinstance(object_id, int) else None
    if row is None:
        return None
    return row if user.may_use_site(row.id if model is Site else row.site_id) else None


def site_object_or_404(model, object_id, user: User | None = None):
    """site_object(), for views. Another site's row answers 404, exactly as a missing one: its existence is
    none of the caller's business.

    :raise 404: if there is no such row or it belongs to a site the user may not use.
    """
    row = site_object(model, object_id, user)
    if row is None:
        abort(404)
    return row


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
