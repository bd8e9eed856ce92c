"""Back office: staff accounts (/admin/users): create, edit, deactivate, reset a password. Who may manage whom
is decided in models/permissions.py; a supervisor sees their own site's accounts."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from models import Counter, Role, Site, User, db
from models.errors import RuleError
from models.permissions import grantable_roles, may_manage_user
from models.staff import MIN_PASSWORD_LENGTH, create_user, reset_password, staff_of, update_user, user_values
from models.transaction import perform
from motcua.auth import current_actor, supervisor_required
from motcua.web import staff_site

from . import bp
from .setup_forms import ids, refused

ROLE_LABELS = {
    Role.OFFICER: _l("Cán bộ"),
    Role.SUPERVISOR: _l("Giám sát"),
    Role.SITE_ADMIN: _l("Quản trị trung tâm"),
    Role.ADMIN: _l("Quản trị cấp tỉnh"),
}


def _sites() -> list[Site]:
    """The sites the signed-in user may give an account: every one for a province administrator, else their own
    sites."""
    query = select(Site).order_by(Site.name)
    if current_user.role != Role.ADMIN:
        query = query.where(Site.id.in_(current_user.site_ids))
    return list(db.session.scalars(query))


def _counters(site, user) -> list[Counter]:
    """The counters offered as usual ones: this site's and those of every site the user works at (so saving
    the form at one site keeps the usual counters of another)."""
    site_ids = {site.id, *(user.site_ids if user else ())}
    query = select(Counter).where(Counter.site_id.in_(site_ids)).order_by(Counter.site_id, Counter.number)
    return list(db.session.scalars(query))


def _form_context(site, user=None, values=None) -> dict:
    return {
        "site": site,
        "user": user,
        "values": values or {},
        "roles": [(r, ROLE_LABELS[r]) for r in grantable_roles(current_user)],
        "sites": [(s.id, s.name) for s in _sites()],
        "min_length": MIN_PASSWORD_LENGTH,
        "counters": _counters(site, user),
        "usual": set(ids(request.form.getlist("counters")))
        if request.method == "POST"
        else set(user.usual_counter_ids if user else ()),
        "others": set(ids(request.form.getlist("other_sites")))
        if request.method == "POST"
        else set(values.get("other_site_ids", ()) if values else ()),
    }


def _managed_or_404(user_id: int) -> User:
    """An account the signed-in user may manage; any other answers 404, as a missing one."""
    user = db.session.get(User, user_id)
    if user is None or not may_manage_user(current_user, user):
        abort(404)
    return user


def _back(site):
    return redirect(url_for("admin.users", site=site.code))


@bp.get("/users")
@supervisor_required
def users():
    site = staff_site()
    rows = staff_of(db.session, current_user, site.id)
    manageable = {u.id for u in rows if may_manage_user(current_user, u)}
    return render_template(
        "admin/users.html", site=site, users=rows, manageable=manageable, role_labels=ROLE_LABELS
    )


@bp.get("/users/new")
@supervisor_required
def user_new():
    site = staff_site()
    values = {"role": Role.OFFICER, "site_id": site.id, "active": True}
    return render_template("admin/user_form.html", errors={}, **_form_context(site, values=values))


@bp.post("/users")
@supervisor_required
def user_create():
    site = staff_site()
    values = request.form.to_dict()
    try:
        user = perform(
            db.session,
            create_user,
            current_actor(),
            values,
            request.form.get("password"),
            ids(request.form.getlist("counters")),
            ids(request.form.getlist("other_sites")),
        )
    except RuleError as error:
        values.pop("password", None)
        return refused("admin/user_form.html", error, **_form_context(site, values=values))
    flash(
        _("Đã tạo tài khoản %(name)s. Lần đăng nhập đầu, người dùng phải đổi mật khẩu.", name=user.username),
        "info",
    )
    return _back(site)


@bp.get("/users/<int:user_id>")
@supervisor_required
def user_edit(user_id: int):
    site = staff_site()
    user = _managed_or_404(user_id)
    return render_template("admin/user_form.html", errors={}, **_form_context(site, user, user_values(user)))


@bp.post("/users/<int:user_id>")
@supervisor_required
def user_save(user_id: int):
    site = staff_site()
    user = _managed_or_404(user_id)
    values = request.form.to_dict()
    try:
        perform(
            db.session,
            update_user,
            current_actor(),
            user.id,
            values,
            ids(request.form.getlist("counters")),
            ids(request.form.getlist("other_sites")),
        )
    except RuleError as error:
        values["username"] = user.username
        values["active"] = values.get("active") == "1"
        return refused("admin/user_form.html", error, **_form_context(site, user, values))
    flash(_("Đã lưu tài khoản %(name)s.", name=user.username), "info")
    return _back(site)


@bp.post("/users/<int:user_id>/password")
@supervisor_required
def user_password(user_id: int):
    site = staff_site()
    user = _managed_or_404(user_id)
    try:
        perform(db.session, reset_password, current_actor(), user.id, request.form.get("password"))
    except RuleError as error:
        values = {**user_values(user)}
        return refused("admin/user_form.html", error, **_form_context(site, user, values))
    flash(
        _("Đã cấp lại mật khẩu cho %(name)s; lần đăng nhập tới phải đổi mật khẩu.", name=user.username),
        "info",
    )
    return _back(site)
