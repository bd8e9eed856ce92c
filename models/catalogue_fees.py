"""Each centre's own fees: fees differ between provinces, so a centre sets them for its site."""

from flask_babel import lazy_gettext as _l

from .catalogue import Procedure, SiteProcedureFee
from .errors import NotFound, RuleError
from .site import Site

MAX_FEE_TEXT = 2000


class FeeTooLong(RuleError):
    code = "fee_too_long"
    status = 400


def set_site_fee(session, site_id: int, procedure_id: int, fees: str) -> SiteProcedureFee | None:
    """Set (or, with an empty text, clear) a site's fee for a procedure. Returns the row, or None when cleared."""
    if session.get(Site, site_id) is None or session.get(Procedure, procedure_id) is None:
        raise NotFound()
    fees = (fees or "").strip()
    if len(fees) > MAX_FEE_TEXT:
        raise FeeTooLong(_l("Nội dung phí, lệ phí dài quá %(n)s ký tự.", n=MAX_FEE_TEXT))
    row = session.get(SiteProcedureFee, (site_id, procedure_id))
    if not fees:
        if row is not None:
            session.delete(row)
        return None
    if row is None:
        row = SiteProcedureFee(site_id=site_id, procedure_id=procedure_id)
        session.add(row)
    row.fees = fees
    return row


def fees_for(session, site_id: int | None, procedure: Procedure) -> tuple[str, bool]:
    """The fee text citizens of this site see, and whether it is the centre's own setting."""
    if site_id is not None:
        row = session.get(SiteProcedureFee, (site_id, procedure.id))
        if row is not None:
            return row.fees, True
    return procedure.fees, False
