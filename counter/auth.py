"""Sign-in and sign-out for officers, supervisors and administrators."""

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from models import User, db
from motcua.auth import sign_in, sign_out

from . import bp
from .forms import LoginForm


def _safe_next(target: str | None) -> str:
    """Only a path on this site; never an open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("counter.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(select(User).filter_by(username=form.username.data.strip()))
        if user is None or not user.active or not user.check_password(form.password.data):
            flash(_("Tên đăng nhập hoặc mật khẩu không đúng."), "error")
        else:
            sign_in(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("counter/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    sign_out()
    flash(_("Bạn đã đăng xuất."))
    return redirect(url_for("counter.login"))
