"""Staff sign-in and sign-out (/auth/login, /auth/logout) for officers, supervisors and administrators."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from . import password, views  # noqa: E402,F401
