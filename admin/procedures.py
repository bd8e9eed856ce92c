"""Back office: the procedure catalogue of this centre, and its own fees (fees differ between provinces)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from models import Procedure, SiteProcedureFee, db
from models.audit import audited
from models.catalogue_fees import set_site_fee
from models.errors import RuleError
from models.transaction import perform
from motcua.auth import current_actor, supervisor_required
from motcua.web import staff_site

from . import bp


@bp.get("/procedures")
@supervisor_required
def procedures():
    site = staff_site()
    rows = db.session.scalars(select(Procedure).order_by(Procedure.field_id, Procedure.code)).all()
    own = {
        f.procedure_id: f.fees
        for f in db.session.scalars(select(SiteProcedureFee).filter_by(site_id=site.id))
    }
    return render_template("admin/procedures.html", site=site, procedures=rows, own=own)


@bp.post("/procedures/<int:procedure_id>/fee")
@supervisor_required
def procedure_fee(procedure_id: int):
    site = staff_site()
    try:
        fees = request.form.get("fees", "")
        audit = audited(
            set_site_fee,
            current_actor(),
            "fee_changed",
            str(procedure_id),
            site_id=site.id,
            after={"fees": fees[:200]},
        )
        perform(db.session, audit, site.id, procedure_id, fees)
    except RuleError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Đã lưu phí, lệ phí."), "info")
    return redirect(url_for("admin.procedures", site=site.code) + f"#p{procedure_id}")
