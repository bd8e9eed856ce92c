"""POST /api/v1/auth/token, and the bearer-token check for the endpoints that need an officer."""

from functools import wraps

from flask import g, jsonify, request
from flask_babel import gettext as _
from sqlalchemy import select

from models import User, db
from motcua.auth import issue_api_token, revoke_api_token, user_from_api_token
from motcua.passwords import verify
from motcua.throttle import login_failed, login_limits

from . import bp
from .errors import ApiError, json_body


@bp.post("/auth/token")
@login_limits()
def create_token():
    data = json_body()
    username, password = data.get("username"), data.get("password")
    if not isinstance(username, str) or not isinstance(password, str) or not username or not password:
        raise ApiError(400, "invalid_credentials", _("Cần có tên đăng nhập và mật khẩu."))
    user = db.session.scalar(select(User).filter_by(username=username.strip()[:80]))
    if not verify(user, password):
        login_failed()
        raise ApiError(401, "invalid_credentials", _("Tên đăng nhập hoặc mật khẩu không đúng."))
    _refuse_until_password_changed(user)
    return jsonify({"token": issue_api_token(user), "user": {"id": user.id, "username": user.username}})


def _bearer() -> str:
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _refuse_until_password_changed(user: User) -> None:
    """An account whose password an administrator reset (or that was just made) uses the API only after its
    owner has chosen a password of their own on the screens, as every staff page insists too.

    :raise 403 password_change_required:
    """
    if user.must_change_password:
        raise ApiError(
            403,
            "password_change_required",
            _("Tài khoản phải đổi mật khẩu trước: đăng nhập trên màn hình tại /auth/password rồi thử lại."),
        )


def bearer_user() -> User | None:
    """The staff member whose valid bearer token the request carries, if any.

    :raise 403 password_change_required: for a user who must first change their password.
    """
    token = _bearer()
    user = user_from_api_token(token) if token else None
    if user is not None:
        _refuse_until_password_changed(user)
    return user


def token_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        user = bearer_user()
        if user is None:
            raise ApiError(
                401, "unauthorized", _("Cần đăng nhập: thiếu hoặc sai mã truy cập (Bearer token).")
            )
        g.api_user = user
        return view(*args, **kwargs)

    return wrapped


@bp.delete("/auth/token")
@token_required
def delete_token():
    """Sign this token out (the client forgets it too); other tokens and sessions of the user stay."""
    revoke_api_token(_bearer())
    return "", 204
