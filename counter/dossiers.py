"""Dossiers at the counter (/counter/dossiers/): receive one while serving a ticket, follow it through its states,
issue the apology (Mẫu 04), print Mẫu 01 / 04; the lists by state and the watch list. Every page is for staff
of the dossier's site (site_object_or_404 / staff_site)."""

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from models import Dossier, DossierStatus, Procedure, Ticket, db
from models.catalogue import DocumentKind
from models.dossier import Delivery
from models.dossier_queries import dossiers_by_status, watch_list
from models.dossier_rules import Applicant, Receipt, change_status, issue_apology, receive_dossier
from models.errors import RuleError
from models.printing import PrintKind
from models.queries import today
from models.search import MAX_QUERY, search
from models.transaction import perform
from motcua.web import int_arg, public_url, site_object, site_object_or_404, staff_site
from printing.dispatch import dispatch
from printing.documents import slip_document
from printing.dossier_forms import NOTICES, apology_pdf, control_pdf, notice_pdf, receipt_pdf, receipt_slip
from printing.printers import site_printer

from . import bp


@bp.app_context_processor
def _dossier_helpers():
    return {"ticket_dossiers": ticket_dossiers}


def ticket_dossiers(ticket: Ticket) -> list[Dossier]:
    """The dossiers a ticket carries: received through it, or to be handed back through it."""
    return list(
        db.session.scalars(
            select(Dossier)
            .where((Dossier.ticket_id == ticket.id) | (Dossier.return_ticket_id == ticket.id))
            .order_by(Dossier.id)
        )
    )


@bp.get("/dossiers/")
@login_required
def dossiers():
    site = staff_site()
    status = request.args.get("status")
    late, due_soon = watch_list(db.session, site.id, today(site))
    return render_template(
        "counter/dossiers/index.html",
        site=site,
        status=status if status in DossierStatus.ALL else None,
        statuses=DossierStatus,
        rows=dossiers_by_status(db.session, site.id, status),
        late=late,
        due_soon=due_soon,
    )


def _ticket_from(args) -> Ticket | None:
    ticket_id = int_arg(args.get("ticket_id"))
    return site_object(Ticket, ticket_id) if ticket_id else None


def _procedures(ticket: Ticket | None) -> tuple[list[Procedure], list[Procedure]]:
    """(the ticket's service's procedures, all the others): the ticket narrows the list."""
    everything = db.session.scalars(select(Procedure).order_by(Procedure.name)).all()
    own = list(ticket.queue_service.procedures) if ticket else []
    own_ids = {p.id for p in own}
    return own, [p for p in everything if p.id not in own_ids]


@bp.get("/dossiers/new")
@login_required
def new_dossier():
    site = staff_site()
    ticket = _ticket_from(request.args)
    own, others = _procedures(ticket)
    return render_template(
        "counter/dossiers/new.html",
        site=site,
        ticket=ticket,
        own=own,
        others=others,
        deliveries=Delivery.LABELS,
        form=request.args,
    )


@bp.get("/dossiers/procedures")
@login_required
def dossier_procedures():
    """The receipt form's procedure list for a search (as on the kiosk); an empty search gives the full list.
    A procedure already chosen stays chosen when the list it is in comes back (results arriving after a
    quick pick must not undo it)."""
    query = (request.args.get("q") or "")[:MAX_QUERY]
    if not query.strip():
        ticket = _ticket_from(request.args)
        own, others = _procedures(ticket)
        return render_template(
            "counter/dossiers/_procedure_choice.html",
            ticket=ticket,
            own=own,
            others=others,
            form=request.args,
        )
    found = search(db.session, query, limit=30)
    return render_template("counter/dossiers/_procedure_choice.html", found=found, form=request.args)


@bp.get("/dossiers/documents")
@login_required
def dossier_documents():
    procedure = db.session.get(Procedure, int_arg(request.args.get("procedure_id")) or 0)
    return render_template("counter/dossiers/_documents.html", procedure=procedure)


def _documents(form, procedure: Procedure) -> list[dict]:
    chosen = []
    for item in procedure.document_items:
        if form.get(f"doc_{item.id}"):
            quantity = int_arg(form.get(f"qty_{item.id}")) or 1
            chosen.append({"name": item.name, "kind": item.kind, "quantity": min(quantity, 99)})
    other = (form.get("other_document") or "").strip()
    if other:
        chosen.append({"name": other[:500], "kind": DocumentKind.ORIGINAL, "quantity": 1})
    return chosen


@bp.post("/dossiers/")
@login_required
def receive():
    site = staff_site()
    form = request.form
    ticket = _ticket_from(form)
    procedure = db.session.get(Procedure, int_arg(form.get("procedure_id")) or 0)
    fee_text = (form.get("fee") or "0").replace(".", "").replace(",", "").strip() or "0"
    receipt = Receipt(
        procedure_id=procedure.id if procedure else None,
        applicant=Applicant(
            form.get("name", ""), form.get("phone", ""), form.get("address", ""), form.get("email", "")
        ),
        documents=_documents(form, procedure) if procedure else [],
        fee=int(fee_text) if fee_text.isdigit() and len(fee_text) < 12 else -1,
        delivery=form.get("delivery", Delivery.CENTRE),
        ticket_id=ticket.id if ticket else None,
    )
    try:
        dossier = perform(db.session, receive_dossier, site.id, current_user, receipt)
    except RuleError as error:
        own, others = _procedures(ticket)
        page = render_template(
            "counter/dossiers/new.html",
            site=site,
            ticket=ticket,
            own=own,
            others=others,
            deliveries=Delivery.LABELS,
            form=form,
            procedure=procedure,
            error=error.message,
        )
        return page, error.status
    flash(_("Đã tiếp nhận hồ sơ %(code)s.", code=dossier.code), "info")
    return redirect(url_for("counter.dossier", dossier_id=dossier.id))


@bp.get("/dossiers/<int:dossier_id>")
@login_required
def dossier(dossier_id: int):
    found = site_object_or_404(Dossier, dossier_id)
    return render_template(
        "counter/dossiers/detail.html",
        dossier=found,
        site=found.site,
        statuses=DossierStatus,
        public=public_url("public.dossier", ref=found.token),
        today=today(found.site),
    )


@bp.post("/dossiers/<int:dossier_id>/status")
@login_required
def dossier_status(dossier_id: int):
    found = site_object_or_404(Dossier, dossier_id)
    try:
        perform(
            db.session,
            change_status,
            found.id,
            current_user,
            request.form.get("status", ""),
            request.form.get("reason", ""),
            expected=request.form.get("expected") or None,
        )
        flash(_("Đã cập nhật trạng thái hồ sơ."), "info")
    except RuleError as error:
        flash(error.message, "error")
    return redirect(url_for("counter.dossier", dossier_id=found.id))


@bp.post("/dossiers/<int:dossier_id>/apology")
@login_required
def dossier_apology(dossier_id: int):
    found = site_object_or_404(Dossier, dossier_id)
    try:
        new_date = date.fromisoformat(request.form.get("new_due_date", ""))
    except ValueError:
        new_date = None
    try:
        perform(db.session, issue_apology, found.id, current_user, request.form.get("reason", ""), new_date)
        flash(_("Đã lập văn bản xin lỗi và hẹn lại ngày trả kết quả."), "info")
    except RuleError as error:
        flash(error.message, "error")
    return redirect(url_for("counter.dossier", dossier_id=found.id))


def _pdf(data: bytes, name: str) -> Response:
    return Response(
        data, mimetype="application/pdf", headers={"Content-Disposition": f'inline; filename="{name}"'}
    )


@bp.get("/dossiers/<int:dossier_id>/mau-01.pdf")
@login_required
def receipt_form(dossier_id: int):
    found = site_object_or_404(Dossier, dossier_id)
    return _pdf(receipt_pdf(found, public_url("public.dossier", ref=found.token)), f"{found.code}-mau-01.pdf")


@bp.get("/dossiers/<int:dossier_id>/mau-04.pdf")
@login_required
def apology_form(dossier_id: int):
    found = site_object_or_404(Dossier, dossier_id)
    if found.apology_at is None:
        flash(_("Hồ sơ này chưa có văn bản xin lỗi."), "error")
        return redirect(url_for("counter.dossier", dossier_id=found.id))
    return _pdf(apology_pdf(found), f"{found.code}-mau-04.pdf")


@bp.get("/dossiers/<int:dossier_id>/mau-06.pdf")
@login_required
def control_form(dossier_id: int):
    found = site_object_or_404(Dossier, dossier_id)
    return _pdf(control_pdf(found), f"{found.code}-mau-06.pdf")


@bp.get("/dossiers/<int:dossier_id>/mau-<form>.pdf")
@login_required
def notice_form(dossier_id: int, form: str):
    """Mẫu 02, 03 or 05, for a dossier that was asked to complete, refused or stopped."""
    found = site_object_or_404(Dossier, dossier_id)
    data = notice_pdf(found, NOTICES[form]) if form in NOTICES else None
    if data is None:
        abort(404)
    return _pdf(data, f"{found.code}-mau-{form}.pdf")


@bp.post("/dossiers/<int:dossier_id>/slip")
@login_required
def receipt_slip_print(dossier_id: int):
    """Mẫu 01 in short on the centre's ticket printer."""
    found = site_object_or_404(Dossier, dossier_id)
    printer = site_printer(found.site)
    outcome = dispatch(printer, slip_document(receipt_slip(found), printer.settings), kind=PrintKind.SLIP)
    if outcome.ok:
        flash(_("Đã in phiếu hẹn %(code)s.", code=found.code), "info")
    else:
        flash(_("Chưa in được: %(reason)s", reason=outcome.message), "error")
    return redirect(url_for("counter.dossier", dossier_id=found.id))
