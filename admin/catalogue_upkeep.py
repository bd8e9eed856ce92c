"""Back office: keeping the procedure catalogue current (/admin/procedures/import). Upload a CSV or JSON file:
it is checked and previewed ("42 new, 7 changed, 3 abolished — confirm?") before anything is saved; confirm
applies it; every import is kept with who and when and the latest can be reverted. The rules are the CLI's
(models/catalogue_io.py) through models/catalogue_upkeep.py. The catalogue is shared by every site, so only an
administrator changes it."""

from pathlib import Path

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from models import User, db
from models.audit import audited
from models.catalogue_io import ImportRejected
from models.catalogue_upkeep import (
    ImportState,
    apply_import,
    cancel_import,
    import_history,
    preview_import,
    revert_import,
)
from models.errors import RuleError
from models.transaction import perform
from motcua.auth import admin_required, current_actor
from motcua.web import staff_site

from . import bp


def _history_page(site, **context):
    history = import_history(db.session)
    people = {u.id: u.username for u in db.session.scalars(select(User))}
    revertable = next((row.id for row in history if row.state == ImportState.APPLIED), None)
    return render_template(
        "admin/catalogue_import.html",
        site=site,
        history=history,
        revertable=revertable,
        people=people,
        **context,
    )


@bp.get("/procedures/import")
@admin_required
def catalogue_import():
    return _history_page(staff_site())


@bp.post("/procedures/import")
@admin_required
def upload_catalogue():
    site = staff_site()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _history_page(site, problems=[_("Hãy chọn một tệp CSV hoặc JSON.")]), 400
    suffix = Path(upload.filename).suffix.lower()
    if suffix not in (".csv", ".json"):
        return _history_page(site, problems=[_("Chỉ nhận tệp .csv hoặc .json.")]), 400
    try:
        pending = perform(
            db.session, preview_import, upload.read(), suffix[1:], upload.filename, current_user.id
        )
    except ImportRejected as rejected:
        return _history_page(
            site, problems=rejected.problems, rejected=rejected, filename=upload.filename
        ), 400
    except RuleError as error:
        return _history_page(site, problems=[error.message]), error.status
    return _history_page(site, pending=pending)


@bp.post("/procedures/import/<int:import_id>/confirm")
@admin_required
def confirm_catalogue(import_id: int):
    site = staff_site()
    try:
        logged = audited(apply_import, current_actor(), "catalogue_imported", f"#{import_id}", site_id=None)
        report = perform(db.session, logged, import_id, current_user.id)
    except ImportRejected as rejected:
        return _history_page(site, problems=rejected.problems, rejected=rejected), 400
    except RuleError as error:
        flash(str(error.message), "error")
    else:
        flash(
            _(
                "Đã nhập danh mục: %(new)s thủ tục mới, %(changed)s thay đổi, %(gone)s bãi bỏ hoặc thay thế.",
                new=len(report.created),
                changed=len(report.changed),
                gone=len(report.abolished),
            ),
            "info",
        )
    return redirect(url_for("admin.catalogue_import", site=site.code))


@bp.post("/procedures/import/<int:import_id>/revert")
@admin_required
def revert_catalogue(import_id: int):
    site = staff_site()
    try:
        logged = audited(revert_import, current_actor(), "catalogue_reverted", f"#{import_id}", site_id=None)
        perform(db.session, logged, import_id, current_user.id)
    except ImportRejected as rejected:
        return _history_page(site, problems=rejected.problems, rejected=rejected), 400
    except RuleError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Đã hoàn tác lần nhập danh mục."), "info")
    return redirect(url_for("admin.catalogue_import", site=site.code))


@bp.post("/procedures/import/<int:import_id>/cancel")
@admin_required
def cancel_catalogue(import_id: int):
    site = staff_site()
    try:
        perform(db.session, cancel_import, import_id)
    except RuleError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Đã huỷ; danh mục không thay đổi."), "info")
    return redirect(url_for("admin.catalogue_import", site=site.code))
