"""The lobby kiosk (/kiosk/) and the citizen's public pages (/t/<token>)."""

from flask import Blueprint

bp = Blueprint("kiosk", __name__)
public_bp = Blueprint("public", __name__)

from . import ticket_page, ticket_rating, views  # noqa: E402,F401
