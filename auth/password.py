"""Every user changes their own password here; an account whose password an administrator reset is sent here
before any other staff page."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from models import db
from models.errors import InvalidField
from models.staff import MIN_PASSWORD_LENGTH, change_own_password
from models.transaction import perform
from motcua.auth import current_actor, sign_in

from . import bp

# What an account that must change its password may still open.
_ALLOWED = {"auth.password", "auth.logout", "auth.login", "static", "favicon"}


@bp.before_app_request
def _must_change_password():
    if (
        current_user.is_authenticated
        and getattr(current_user, "must_change_password", False)
        and request.endpoint not in _ALLOWED
        and request.blueprint != "api"
    ):
        return redirect(url_for("auth.password"))
    return None


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password():
    error = None
    if request.method == "POST":
        form = request.form
        try:
            user = perform(
                db.session,
                change_own_password,
                current_actor(),
                form.get("current"),
                form.get("new"),
                form.get("repeated"),
            )
        except InvalidField as refused:
            error = refused
        else:
            sign_in(user)  # the change ended every session, this one too: open a new one here
            flash(_("Đã đổi mật khẩu."), "info")
            return redirect(url_for("counter.index"))
    page = render_template("auth/password.html", error=error, min_length=MIN_PASSWORD_LENGTH)
    return page, 400 if error else 200
