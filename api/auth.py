"""POST /api/v1/auth/token, and the bearer-token check for the endpoints that need an officer."""

from functools import wraps

from flask import g, jsonify, request
from flask_babel import gettext as _
from sqlalchemy import select

from models import User, db
from motcua.auth import issue_api_token, user_from_api_token

from . import bp
from .errors import ApiError, json_body


@bp.post("/auth/token")
def create_token():
    data = json_body()
    username, password = data.get("username"), data.get("password")
    if not isinstance(username, str) or not isinstance(password, str) or not username or not password:
        raise ApiError(400, "invalid_credentials", _("Cần có tên đăng nhập và mật khẩu."))
    user = db.session.scalar(select(User).filter_by(username=username.strip()[:80]))
    if user is None or not user.active or not user.check_password(password):
        raise ApiError(401, "invalid_credentials", _("Tên đăng nhập hoặc mật khẩu không đúng."))
    return jsonify({"token": issue_api_token(user), "user": {"id": user.id, "username": user.username}})


def bearer_user() -> User | None:
    """The staff member whose valid bearer token the request carries, if any."""
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    return user_from_api_token(token.strip()) if scheme.lower() == "bearer" and token else None


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
