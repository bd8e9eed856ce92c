"""/admin/priority: the site's priority categories and the policy that decides who is called next."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from models import PriorityCategory, db
from models.audit import audited
from models.errors import RuleError
from models.priority import Policy, add_default_categories
from models.priority_settings import save_category, set_policy
from models.transaction import perform
from motcua.auth import current_actor, supervisor_required
from motcua.web import staff_site

from . import bp


def _number(name: str, *, optional: bool = False):
    """A whole number from the form, None when empty (and optional); -1 (refused by the rule) when not a number."""
    raw = (request.form.get(name) or "").strip()
    if not raw and optional:
        return None
    return int(raw) if raw.isdigit() and len(raw) <= 6 else -1


def _done(site, message: str | None = None, error: RuleError | None = None):
    if error is not None:
        flash(error.message, "error")
    elif message:
        flash(message, "info")
    return redirect(url_for("admin.priority", site=site.code))


@bp.get("/priority")
@supervisor_required
def priority():
    site = staff_site()
    categories = db.session.scalars(
        select(PriorityCategory)
        .filter_by(site_id=site.id)
        .order_by(PriorityCategory.position, PriorityCategory.id)
    ).all()
    return render_template("admin/priority.html", site=site, categories=categories, policies=Policy.LABELS)


@bp.post("/priority/policy")
@supervisor_required
def save_priority_policy():
    site = staff_site()
    try:
        values = {
            "policy": request.form.get("policy"),
            "ratio": _number("ratio"),
            "max_wait_minutes": _number("max_wait_minutes", optional=True),
            "wait_target_minutes": _number("wait_target_minutes"),
        }
        logged = audited(
            set_policy, current_actor(), "priority_policy_changed", site.name, site_id=site.id, after=values
        )
        perform(db.session, logged, current_user, site.id, **values)
    except RuleError as error:
        return _done(site, error=error)
    return _done(site, _("Đã lưu cách ưu tiên."))


@bp.post("/priority/categories")
@supervisor_required
def save_priority_category():
    site = staff_site()
    category_id = _number("category_id", optional=True)
    try:
        values = {
            "category_id": category_id,
            "code": None if category_id is not None else (request.form.get("code") or "").strip(),
            "name": request.form.get("name"),
            "mark": request.form.get("mark"),
            "position": _number("position"),
            "active": request.form.get("active") == "1",
        }
        logged = audited(
            save_category,
            current_actor(),
            "priority_category_saved",
            str(values["name"] or ""),
            site_id=site.id,
            after={k: v for k, v in values.items() if k != "category_id"},
        )
        perform(db.session, logged, current_user, site.id, **values)
    except RuleError as error:
        return _done(site, error=error)
    return _done(site, _("Đã lưu nhóm ưu tiên."))


@bp.post("/priority/defaults")
@supervisor_required
def add_priority_defaults():
    site = staff_site()
    logged = audited(
        add_default_categories, current_actor(), "priority_defaults_added", site.name, site_id=site.id
    )
    perform(db.session, logged, site.id)
    return _done(site, _("Đã thêm các nhóm ưu tiên theo quy định."))
