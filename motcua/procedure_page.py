"""What a procedure page shows, shared by the kiosk, the public pages and the API: the centre's fee, the service
that receives the procedure here, and the two QR codes (official portal page, our own public page)."""

import time

from flask import current_app, session
from flask_babel import get_locale

from models import Procedure, ProcedureStatus, Site, db
from models.catalogue_fees import fees_for
from models.errors import RuleError
from models.popularity import count_use
from models.queries import procedure_by_code, receiving_service, today
from models.search import search
from models.transaction import perform

from .qr import qr_svg
from .web import public_url


def portal_url(procedure: Procedure) -> str:
    """The official page on the national portal, from PROCEDURE_PORTAL_URL (national code, no suffix)."""
    return current_app.config["PROCEDURE_PORTAL_URL"].replace("{code}", procedure.national_code)


def reader_language() -> str:
    return str(get_locale() or current_app.config["LANGUAGE"])


def find_procedures(site: Site, query: str, field_id: int | None = None, limit: int = 50) -> list[Procedure]:
    """Search as this site's citizens see it: its synonyms and popularity, in the reader's language, without
    the procedures replaced or abolished by today (the site's local day)."""
    return search(
        db.session, query, field_id, limit, site_id=site.id, day=today(site), lang=reader_language()
    )


def procedure_context(site: Site, procedure: Procedure) -> dict:
    """Everything a procedure's page shows. A procedure replaced by now names its successor and offers no
    ticket (`gone`); callers answer 404 for an abolished one."""
    gone = procedure.gone_on(today(site))
    successor = None
    if gone and procedure.status == ProcedureStatus.REPLACED:
        successor = procedure_by_code(db.session, procedure.replaced_by)
    fees, own_fee = fees_for(db.session, site.id, procedure)
    official = procedure.official_url or portal_url(procedure)
    ours = public_url("public.procedure", code=procedure.code, site=site.code)
    return {
        "site": site,
        "procedure": procedure,
        "fees": fees,
        "own_fee": own_fee,
        "service": None if gone else receiving_service(db.session, site, procedure),
        "gone": gone,
        "successor": successor,
        "official_url": official,
        "official_qr": qr_svg(official),
        "our_url": ours,
        "our_qr": qr_svg(ours),
    }


def abolished_today(site: Site, procedure: Procedure) -> bool:
    """Abolished by now: gone from the kiosk and the public pages."""
    return procedure.status == ProcedureStatus.ABOLISHED and procedure.gone_on(today(site))


VIEW_AGAIN_SECONDS = 600  # one browser viewing a page again within this counts once
_SEEN = "procedures_seen"


def note_view(site: Site, procedure: Procedure) -> None:
    """Count a view of a procedure's page towards its popularity at this site (once per browser per
    VIEW_AGAIN_SECONDS, so reloading a page does not inflate it). A busy database skips the count rather
    than failing the page."""
    now = int(time.time())
    seen = {k: v for k, v in session.get(_SEEN, {}).items() if now - v < VIEW_AGAIN_SECONDS}
    key = f"{site.id}:{procedure.id}"
    if key in seen:
        return
    seen[key] = now
    session[_SEEN] = dict(sorted(seen.items(), key=lambda kv: kv[1])[-30:])
    try:
        perform(db.session, count_use, site.id, procedure.id)
    except RuleError:
        current_app.logger.info("A procedure view was not counted: the database is busy")


def note_ticket(site: Site, code) -> None:
    """Count a ticket taken from a procedure's page towards that procedure's popularity at this site."""
    procedure = procedure_by_code(db.session, code)
    if procedure is None:
        return
    try:
        perform(db.session, count_use, site.id, procedure.id, ticket=True)
    except RuleError:
        current_app.logger.info("A procedure's ticket was not counted: the database is busy")
