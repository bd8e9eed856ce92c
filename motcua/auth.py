"""Who is signed in: a server-side session behind the screens' cookie (Flask-Login), opaque bearer tokens for
the API. Both are rows of auth_sessions (models/auth_session.py), so signing out, a password change or a
deactivation takes effect at once, in every process."""

from contextlib import suppress
from datetime import timedelta
from functools import wraps

from flask import abort, current_app, request
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from models import AuthKind, Role, User, db, utcnow
from models.audit import Actor
from models.auth_session import SEEN_EVERY, find_auth_session, open_auth_session, revoke_auth_session, seen
from models.errors import DatabaseBusy
from models.permissions import may_manage_sites
from models.transaction import perform

from .extensions import login_manager


def _live_user(secret, kind: str, max_age: timedelta | None = None) -> User | None:
    row = find_auth_session(db.session, secret, kind, max_age)
    if row is None:
        return None
    user, row_id = row.user, row.id
    if utcnow() - row.last_seen_at > SEEN_EVERY:
        with suppress(DatabaseBusy):  # only bookkeeping: never refuse a page for it
            perform(db.session, seen, row_id)
    user.auth_secret = secret
    return user


@login_manager.user_loader
def _load_user(secret: str) -> User | None:
    return _live_user(secret, AuthKind.WEB)


def sign_in(user: User) -> None:
    """Open a server-side session for the user and put its secret in the signed cookie."""
    user.auth_secret = perform(db.session, open_auth_session, user, AuthKind.WEB)
    login_user(user)


def sign_out() -> None:
    """Revoke this browser's session (a copy of the cookie opens nothing any more) and forget it."""
    secret = getattr(current_user, "auth_secret", None)
    if secret:
        perform(db.session, revoke_auth_session, secret)
    logout_user()


def issue_api_token(user: User) -> str:
    """An opaque random token (no user id, no hash material); the database keeps its SHA-256 digest."""
    return perform(db.session, open_auth_session, user, AuthKind.API)


def user_from_api_token(token: str) -> User | None:
    max_age = timedelta(seconds=current_app.config["API_TOKEN_MAX_AGE"])
    return _live_user(token, AuthKind.API, max_age)


def revoke_api_token(token: str) -> bool:
    return perform(db.session, revoke_auth_session, token)


def supervisor_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_supervisor:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def province_admin_required(view):
    """Province administrators only (the sites of the province).

    :raise 403: for anyone else signed in.
    """

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not may_manage_sites(current_user):
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def admin_required(view):
    """For what every site shares (the procedure catalogue): province administrators only.

    :raise 403: if the signed-in user is not one.
    """

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if current_user.role != Role.ADMIN:
            abort(
                403,
                description=_(
                    "Chỉ quản trị viên được thay đổi danh mục thủ tục dùng chung cho mọi trung tâm."
                ),
            )
        return view(*args, **kwargs)

    return wrapped


def current_actor() -> Actor:
    """The signed-in user and the address they came from, for the audit log."""
    return Actor(current_user._get_current_object(), request.remote_addr or "")
