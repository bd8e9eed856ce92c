"""Which sites a report covers: the staff member's site, or every centre of the province on this server (one
server serves one province) for someone allowed to use them all."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .errors import RuleError
from .site import Site, SiteKind

SITE = "site"
PROVINCE = "province"
SCOPES = (SITE, PROVINCE)


class ReportForbidden(RuleError):
    code = "forbidden"
    status = 403
    message = _l("Bạn chỉ được xem báo cáo của trung tâm mình.")


class InvalidScope(RuleError):
    code = "invalid_scope"
    status = 400
    message = _l("Phạm vi báo cáo phải là “site” hoặc “province”.")


def report_sites(session, user, site: Site, scope) -> list[Site]:
    """[site] for scope "site" (or none given); for "province" the province-level centres first, then the
    communes, each by name — refused unless the user may use every one of them (an administrator)."""
    if scope in (None, "", SITE):
        return [site]
    if scope != PROVINCE:
        raise InvalidScope()
    sites = list(session.scalars(select(Site).order_by(Site.kind != SiteKind.PROVINCE, Site.name, Site.id)))
    if not all(user.may_use_site(s.id) for s in sites):
        raise ReportForbidden()
    return sites
