"""The lobby kiosk (/kiosk/, procedure browsing, printing) and the citizen's public pages (/t/<token>,
/procedures/)."""

from flask import Blueprint

bp = Blueprint("kiosk", __name__)
public_bp = Blueprint("public", __name__)

from . import enrolment, procedure_pages, procedures, ticket_page, ticket_rating, views  # noqa: E402,F401
