"""The site picker of the back office's top bar, for staff who may work at several sites (a province
administrator, or a supervisor given other sites): the pages themselves take ?site=<code> (motcua/web.py)."""

from flask import request
from flask_login import current_user
from sqlalchemy import select

from models import Role, Site, db

from . import bp


def _sites() -> list[Site]:
    query = select(Site).where(Site.active).order_by(Site.name)
    if current_user.role != Role.ADMIN:
        query = select(Site).where(Site.id.in_(current_user.site_ids)).order_by(Site.name)
    return list(db.session.scalars(query))


def switch_sites() -> list[Site]:
    """The sites the picker offers; none when there is nothing to pick."""
    if not getattr(current_user, "is_authenticated", False) or not current_user.is_supervisor:
        return []
    sites = _sites()
    return sites if len(sites) > 1 else []


def switch_endpoint() -> str:
    # A page about one row (a service, a counter) has no meaning at another site: the picker leads to the
    # overview there.
    return request.endpoint if not request.view_args and request.method == "GET" else "admin.index"


@bp.context_processor
def site_switch() -> dict:
    # Functions, so the query runs only when the layout is rendered (never for the pages' live fragments).
    return {"switch_sites": switch_sites, "switch_endpoint": switch_endpoint}
