"""Who is signed in: the session for the screens (Flask-Login), signed bearer tokens for the API."""

from functools import wraps

from flask import abort, current_app
from flask_login import current_user, login_required
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from models import User, db

from .extensions import login_manager

_TOKEN_SALT = "motcua-api-token"


@login_manager.user_loader
def _load_user(user_id: str):
    try:
        user = db.session.get(User, int(user_id))
    except (TypeError, ValueError):
        return None
    return user if user is not None and user.active else None


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_TOKEN_SALT)


def issue_api_token(user: User) -> str:
    # The password hash's tail is signed in, so changing the password revokes every token given before.
    return _serializer().dumps({"uid": user.id, "pw": user.password_hash[-12:]})


def user_from_api_token(token: str) -> User | None:
    try:
        data = _serializer().loads(token, max_age=current_app.config["API_TOKEN_MAX_AGE"])
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict):
        return None
    user = _load_user(data.get("uid"))
    if user is None or user.password_hash[-12:] != data.get("pw"):
        return None
    return user


def supervisor_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_supervisor:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
