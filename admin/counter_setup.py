"""Back office: a site's counters (/admin/counters): number, name, the services each serves in order of
preference, display zone, in use or not. (Releasing or taking over a counter is admin/counters.py.)"""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from models import Counter, Service, db
from models.counter_setup import counter_values, save_counter, set_counter_active
from models.errors import RuleError
from models.transaction import perform
from motcua.auth import current_actor, supervisor_required
from motcua.web import site_object_or_404, staff_site

from . import bp
from .setup_forms import ids, refused

# How many "served in order" choices the form offers.
CHOICES = 4


def _form_context(site, counter=None, values=None, chosen=None) -> dict:
    services = db.session.scalars(
        select(Service).filter_by(site_id=site.id).order_by(Service.position, Service.prefix)
    ).all()
    chosen = chosen if chosen is not None else (counter.service_ids if counter else [])
    return {
        "site": site,
        "counter": counter,
        "values": values or {},
        "services": services,
        "chosen": (chosen + [None] * CHOICES)[: max(CHOICES, len(chosen))],
    }


def _save(site, counter=None):
    service_ids = ids(request.form.getlist("services"))
    try:
        perform(
            db.session,
            save_counter,
            current_actor(),
            site.id,
            request.form.to_dict(),
            service_ids,
            counter.id if counter else None,
        )
    except RuleError as error:
        context = _form_context(site, counter, request.form.to_dict(), service_ids)
        return refused("admin/counter_form.html", error, **context)
    flash(_("Đã lưu quầy %(number)s.", number=request.form.get("number", "").strip()[:4]), "info")
    return redirect(url_for("admin.counter_list", site=site.code))


@bp.get("/counters")
@supervisor_required
def counter_list():
    site = staff_site()
    rows = db.session.scalars(select(Counter).filter_by(site_id=site.id).order_by(Counter.number)).all()
    return render_template("admin/counter_list.html", site=site, counters=rows)


@bp.get("/counters/new")
@supervisor_required
def counter_new():
    site = staff_site()
    taken = db.session.scalars(select(Counter.number).filter_by(site_id=site.id)).all()
    values = {"number": max(taken, default=0) + 1}
    return render_template("admin/counter_form.html", errors={}, **_form_context(site, values=values))


@bp.post("/counters")
@supervisor_required
def counter_create():
    return _save(staff_site())


@bp.get("/counters/<int:counter_id>")
@supervisor_required
def counter_edit(counter_id: int):
    counter = site_object_or_404(Counter, counter_id)
    context = _form_context(counter.site, counter, counter_values(counter))
    return render_template("admin/counter_form.html", errors={}, **context)


@bp.post("/counters/<int:counter_id>")
@supervisor_required
def counter_save(counter_id: int):
    counter = site_object_or_404(Counter, counter_id)
    return _save(counter.site, counter)


@bp.post("/counters/<int:counter_id>/active")
@supervisor_required
def counter_active(counter_id: int):
    counter = site_object_or_404(Counter, counter_id)
    active = request.form.get("active") == "1"
    try:
        perform(db.session, set_counter_active, current_actor(), counter.site_id, counter.id, active)
    except RuleError as error:
        flash(str(error.message), "error")
    else:
        flash(
            _("Quầy %(n)s đã dùng lại.", n=counter.number)
            if active
            else _("Quầy %(n)s đã ngừng sử dụng.", n=counter.number),
            "info",
        )
    return redirect(url_for("admin.counter_list", site=counter.site.code))
