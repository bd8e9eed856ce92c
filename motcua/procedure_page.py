"""What a procedure page shows, shared by the kiosk, the public pages and the API: the centre's fee, the service
that receives the procedure here, and the two QR codes (official portal page, our own public page)."""

from flask import current_app

from models import Procedure, Site, db
from models.catalogue_fees import fees_for
from models.queries import receiving_service

from .qr import qr_svg
from .web import public_url


def portal_url(procedure: Procedure) -> str:
    """The official page on the national portal, from PROCEDURE_PORTAL_URL (national code, no suffix)."""
    return current_app.config["PROCEDURE_PORTAL_URL"].replace("{code}", procedure.national_code)


def procedure_context(site: Site, procedure: Procedure) -> dict:
    fees, own_fee = fees_for(db.session, site.id, procedure)
    official = procedure.official_url or portal_url(procedure)
    ours = public_url("public.procedure", code=procedure.code, site=site.code)
    return {
        "site": site,
        "procedure": procedure,
        "fees": fees,
        "own_fee": own_fee,
        "service": receiving_service(db.session, site, procedure),
        "official_url": official,
        "official_qr": qr_svg(official),
        "our_url": ours,
        "our_qr": qr_svg(ours),
    }
