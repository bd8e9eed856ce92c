"""The lobby kiosk (/kiosk/) and the citizen's public pages (/t/<token>)."""

from flask import Blueprint

bp = Blueprint("kiosk", __name__)
public_bp = Blueprint("public", __name__)

from . import procedure_pages as _procedure_pages  # noqa: E402,F401  (public /procedures/)
from . import procedures as _procedures  # noqa: E402,F401  (kiosk /kiosk/procedures)
from . import ticket_page, views  # noqa: E402,F401
