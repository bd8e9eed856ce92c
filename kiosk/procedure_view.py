"""What a procedure page shows, shared by the kiosk and the public pages: the centre's fee, the service that
receives the procedure here, and the two QR codes (official portal page, our own public page)."""

from flask import current_app
from sqlalchemy import select

from models import Procedure, Service, Site, db, service_fields
from models.catalogue_fees import fees_for
from motcua.qr import qr_svg
from motcua.web import public_url


def portal_url(procedure: Procedure) -> str:
    """The official page on the national portal, from PROCEDURE_PORTAL_URL (national code, no suffix)."""
    return current_app.config["PROCEDURE_PORTAL_URL"].replace("{code}", procedure.national_code)


def procedure_by_code(code: str) -> Procedure | None:
    if len(code) > 60:
        return None
    return db.session.scalar(select(Procedure).filter_by(code=code))


def receiving_service(site: Site, procedure: Procedure) -> Service | None:
    """The active service at this site that receives the procedure: linked to it, else to its field."""
    for service in procedure.services:
        if service.site_id == site.id and service.active:
            return service
    if procedure.field_id is None:
        return None
    return db.session.scalar(
        select(Service)
        .join(service_fields, service_fields.c.service_id == Service.id)
        .where(Service.site_id == site.id, Service.active, service_fields.c.field_id == procedure.field_id)
        .order_by(Service.position)
        .limit(1)
    )


def procedure_context(site: Site, procedure: Procedure) -> dict:
    fees, own_fee = fees_for(db.session, site.id, procedure)
    official = procedure.official_url or portal_url(procedure)
    ours = public_url("public.procedure", code=procedure.code, site=site.code)
    return {
        "site": site,
        "procedure": procedure,
        "fees": fees,
        "own_fee": own_fee,
        "service": receiving_service(site, procedure),
        "official_url": official,
        "official_qr": qr_svg(official),
        "our_url": ours,
        "our_qr": qr_svg(ours),
    }
