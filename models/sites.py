"""Setting up the centres of a province: create, edit, deactivate (province administrators only)."""

from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from . import form_values as form
from . import signals
from .audit import Actor, record
from .errors import InvalidField, NotFound
from .priority import add_default_categories
from .signals import announce
from .site import Site, SiteKind

EDITABLE = (
    "code",
    "name",
    "kind",
    "parent_id",
    "address",
    "timezone",
    "hotline",
    "public_url",
    "opening_hours",
)


def site_values(site: Site) -> dict:
    return {name: getattr(site, name) for name in (*EDITABLE, "active")}


def _checked(session, values: dict, site: Site | None) -> dict:
    checked = {
        "code": form.matching(
            values,
            "code",
            r"[a-z0-9][a-z0-9-]{1,39}",
            _l("Mã gồm 2–40 chữ thường không dấu, số hoặc dấu gạch ngang, ví dụ xa-tan-lap."),
            max_length=40,
        ),
        "name": form.text(values, "name", max_length=200, required=True, label=_l("tên trung tâm")),
        "kind": values.get("kind") if values.get("kind") in SiteKind.ALL else None,
        "address": form.text(values, "address", max_length=300),
        "timezone": form.text(values, "timezone", max_length=60) or "Asia/Ho_Chi_Minh",
        "hotline": form.matching(
            values,
            "hotline",
            r"[0-9+][0-9 .()-]{2,39}",
            _l("Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm hoặc gạch ngang."),
            max_length=40,
            required=False,
        ),
        "public_url": form.matching(
            values,
            "public_url",
            r"https?://[^\s/?#]+(/[^\s?#]*)?",
            _l("Địa chỉ phải bắt đầu bằng http:// hoặc https://."),
            max_length=300,
            required=False,
        ).rstrip("/"),
        "opening_hours": form.text(values, "opening_hours", max_length=300),
        "parent_id": form.number(values, "parent_id", low=1, high=2**31 - 1, required=False),
    }
    if checked["kind"] is None:
        raise InvalidField("kind", _l("Xin chọn cấp của trung tâm."))
    if checked["timezone"] not in available_timezones():
        raise InvalidField("timezone", _l("Múi giờ không hợp lệ, ví dụ Asia/Ho_Chi_Minh."))
    same_code = session.scalar(select(Site).filter_by(code=checked["code"]))
    if same_code is not None and same_code is not site:
        raise InvalidField("code", _l("Mã này đã được dùng cho trung tâm khác."))
    if checked["parent_id"] is not None:
        parent = session.get(Site, checked["parent_id"])
        if parent is None or parent.kind != SiteKind.PROVINCE or parent is site:
            raise InvalidField("parent_id", _l("Trung tâm cấp trên phải là một trung tâm cấp tỉnh."))
    return checked


def save_site(session, actor: Actor, values: dict, site_id: int | None = None) -> Site:
    """Create a site (site_id None) or change one; the change goes to the audit log."""
    site = None
    if site_id is not None:
        site = session.get(Site, site_id)
        if site is None:
            raise NotFound()
    checked = _checked(session, values, site)
    before = site_values(site) if site is not None else None
    if site is None:
        site = Site(**checked)
        session.add(site)
    else:
        for name, value in checked.items():
            setattr(site, name, value)
    form.flush_unique(session, "code", _l("Mã này đã được dùng cho trung tâm khác."))
    if before is None:
        add_default_categories(session, site.id)  # the law's priority groups, editable at /admin/priority
    if before is not None:
        announce(session, signals.site_changed, site_id=site.id)
    record(
        session,
        actor,
        "site_created" if before is None else "site_changed",
        site.name,
        site_id=site.id,
        before=before,
        after=site_values(site),
    )
    return site


def set_site_active(session, actor: Actor, site_id: int, active: bool) -> Site:
    site = session.get(Site, site_id)
    if site is None:
        raise NotFound()
    before = site_values(site)
    site.active = active
    announce(session, signals.site_changed, site_id=site.id)
    record(session, actor, "site_changed", site.name, site_id=site.id, before=before, after=site_values(site))
    return site


def province_sites(session) -> list[Site]:
    return list(session.scalars(select(Site).filter_by(kind=SiteKind.PROVINCE).order_by(Site.name)))
