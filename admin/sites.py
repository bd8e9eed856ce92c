"""Back office: the centres of the province (/admin/sites), province administrators only: create, edit,
deactivate, in a province → commune hierarchy."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from models import Site, db
from models.errors import RuleError
from models.site import SiteKind
from models.sites import province_sites, save_site, set_site_active, site_values
from models.transaction import perform
from motcua.auth import current_actor, province_admin_required

from . import bp
from .setup_forms import refused

KIND_LABELS = {SiteKind.PROVINCE: _l("Cấp tỉnh"), SiteKind.COMMUNE: _l("Cấp xã, phường, đặc khu")}
NEW = {"kind": SiteKind.COMMUNE, "timezone": "Asia/Ho_Chi_Minh"}


def _form_context(site=None, values=None) -> dict:
    parents = [("", _("— không —"))] + [(p.id, p.name) for p in province_sites(db.session) if p is not site]
    return {
        "edited": site,
        "values": values or {},
        "kinds": list(KIND_LABELS.items()),
        "parents": parents,
    }


def _save(site=None):
    values = request.form.to_dict()
    try:
        saved = perform(db.session, save_site, current_actor(), values, site.id if site else None)
    except RuleError as error:
        return refused("admin/site_form.html", error, **_form_context(site, values))
    flash(_("Đã lưu trung tâm %(name)s.", name=saved.name), "info")
    return redirect(url_for("admin.sites"))


@bp.get("/sites")
@province_admin_required
def sites():
    rows = db.session.scalars(select(Site).order_by(Site.active.desc(), Site.kind.desc(), Site.name)).all()
    names = {s.id: s.name for s in rows}
    return render_template("admin/sites.html", sites=rows, names=names, kind_labels=KIND_LABELS)


@bp.get("/sites/new")
@province_admin_required
def site_new():
    return render_template("admin/site_form.html", errors={}, **_form_context(values=NEW))


@bp.post("/sites")
@province_admin_required
def site_create():
    return _save()


@bp.get("/sites/<int:site_id>")
@province_admin_required
def site_edit(site_id: int):
    site = db.get_or_404(Site, site_id)
    return render_template("admin/site_form.html", errors={}, **_form_context(site, site_values(site)))


@bp.post("/sites/<int:site_id>")
@province_admin_required
def site_save(site_id: int):
    return _save(db.get_or_404(Site, site_id))


@bp.post("/sites/<int:site_id>/active")
@province_admin_required
def site_active(site_id: int):
    site = db.get_or_404(Site, site_id)
    active = request.form.get("active") == "1"
    perform(db.session, set_site_active, current_actor(), site.id, active)
    if active:
        flash(_("Trung tâm %(name)s hoạt động trở lại.", name=site.name), "info")
    else:
        flash(_("Đã ngừng hoạt động trung tâm %(name)s: ki-ốt thôi cấp số.", name=site.name), "info")
    return redirect(url_for("admin.sites"))
