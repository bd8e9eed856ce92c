"""The lobby kiosk (/kiosk/): enrolment, one button per service, procedure browsing and its printed slips."""

from flask import Blueprint

bp = Blueprint("kiosk", __name__)

from . import dossiers, enrolment, priority, procedures, site_header, views  # noqa: E402,F401
