"""Sign-in and sign-out for officers, supervisors and administrators."""

from urllib.parse import urlsplit

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from models import User, db
from models.audit import Actor, record_sign_in
from models.queries import ticket_in_hand
from models.transaction import perform
from motcua.auth import sign_in, sign_out
from motcua.passwords import verify
from motcua.throttle import login_failed, login_limits, login_message

from . import bp
from .forms import LoginForm


def _safe_next(target: str | None) -> str:
    """Only a path on this site; never an open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("counter.index")


def _refused(_limit):
    """Too many failed sign-ins: the form again, with the reason, as a 429."""
    flash(login_message(), "error")
    return make_response(render_template("auth/login.html", form=LoginForm()), 429)


@bp.route("/login", methods=["GET", "POST"])
@login_limits(on_breach=_refused)
def login():
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        username = form.username.data.strip()
        user = db.session.scalar(select(User).filter_by(username=username))
        succeeded = verify(user, form.password.data)
        # An unknown name is logged as typed, so an attempt on accounts that do not exist is seen too.
        actor = Actor(user if succeeded else None, request.remote_addr or "", username)
        perform(db.session, record_sign_in, actor, succeeded, user)
        if not succeeded:
            login_failed()
            flash(_("Tên đăng nhập hoặc mật khẩu không đúng."), "error")
        else:
            sign_in(user)
            if user.must_change_password:
                return redirect(url_for("auth.password"))
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    # Signing out with a citizen called would strand the counter (screen, display and tablet keep the ticket):
    # say which ticket is still there and ask first.
    ticket = ticket_in_hand(db.session, current_user.id)
    if ticket is not None and request.form.get("confirm") != "1":
        return render_template("auth/logout_confirm.html", ticket=ticket, counter=ticket.counter)
    sign_out()
    flash(_("Bạn đã đăng xuất."))
    return redirect(url_for("auth.login"))
