"""Back office: a site's services (/admin/services): create, edit with the weekly schedule, reorder, hide."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from models import Procedure, Service, db
from models.errors import RuleError
from models.schedule import WEEKDAYS
from models.service_icons import ICONS
from models.service_setup import COLORS, move_service, save_service, service_values, set_service_active
from models.transaction import perform
from motcua.auth import current_actor, supervisor_required
from motcua.web import site_object_or_404, staff_site

from . import bp
from .setup_forms import ids, refused

# A new service: the numbers, and the hours of most centres (Monday to Friday with a lunch break).
NEW = {
    "number_start": 1,
    "number_end": 999,
    "default_minutes": 6,
    "stop_issuing_minutes": 0,
    "schedule": ["07:30-11:30, 13:30-17:00"] * 5 + ["", ""],
    "procedures": [],
}


def _form_context(site, service=None, values=None) -> dict:
    return {
        "site": site,
        "service": service,
        "values": values,
        "weekdays": WEEKDAYS,
        "colors": list(COLORS.items()),
        "icons": list(ICONS.items()),
        "procedures": db.session.scalars(select(Procedure).order_by(Procedure.code)).all(),
        "chosen": set(ids(request.form.getlist("procedures")))
        if request.method == "POST"
        else {p.id for p in (service.procedures if service else [])},
        "errors": {},
    }


def _posted() -> dict:
    values = request.form.to_dict()
    values["schedule"] = [request.form.get(f"day{d}", "") for d in range(7)]
    return values


def _save(site, service=None):
    values = _posted()
    try:
        perform(
            db.session,
            save_service,
            current_actor(),
            site.id,
            values,
            schedule=values["schedule"],
            procedure_ids=ids(request.form.getlist("procedures")),
            service_id=service.id if service else None,
        )
    except RuleError as error:
        context = _form_context(site, service, values)
        del context["errors"]
        return refused("admin/service_form.html", error, **context)
    flash(_("Đã lưu dịch vụ %(name)s.", name=values.get("name", "").strip()), "info")
    return redirect(url_for("admin.services", site=site.code))


@bp.get("/services")
@supervisor_required
def services():
    site = staff_site()
    rows = db.session.scalars(
        select(Service).filter_by(site_id=site.id).order_by(Service.position, Service.prefix)
    ).all()
    return render_template("admin/services.html", site=site, services=rows, weekdays=WEEKDAYS)


@bp.get("/services/new")
@supervisor_required
def service_new():
    return render_template("admin/service_form.html", **_form_context(staff_site(), values=NEW))


@bp.post("/services")
@supervisor_required
def service_create():
    return _save(staff_site())


@bp.get("/services/<int:service_id>")
@supervisor_required
def service_edit(service_id: int):
    service = site_object_or_404(Service, service_id)
    return render_template(
        "admin/service_form.html", **_form_context(service.site, service, service_values(service))
    )


@bp.post("/services/<int:service_id>")
@supervisor_required
def service_save(service_id: int):
    service = site_object_or_404(Service, service_id)
    return _save(service.site, service)


@bp.post("/services/<int:service_id>/active")
@supervisor_required
def service_active(service_id: int):
    service = site_object_or_404(Service, service_id)
    active = request.form.get("active") == "1"
    perform(db.session, set_service_active, current_actor(), service.site_id, service.id, active)
    if active:
        flash(_("Dịch vụ %(name)s đã hiện lại trên ki-ốt.", name=service.name), "info")
    else:
        flash(
            _("Đã ẩn dịch vụ %(name)s khỏi ki-ốt; các số đang chờ vẫn được phục vụ.", name=service.name),
            "info",
        )
    return redirect(url_for("admin.services", site=service.site.code))


@bp.post("/services/<int:service_id>/move")
@supervisor_required
def service_move(service_id: int):
    service = site_object_or_404(Service, service_id)
    step = -1 if request.form.get("direction") == "up" else 1
    perform(db.session, move_service, current_actor(), service.site_id, service.id, step)
    return redirect(url_for("admin.services", site=service.site.code))
