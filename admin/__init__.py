"""The back office (/admin/): today's figures, centre set-up (sites, services, counters, staff, devices), the
audit log, printers, the procedure catalogue and fees."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import (  # noqa: E402,F401
    audit,
    calendar,
    catalogue_upkeep,
    counter_setup,
    counters,
    dashboard,
    devices,
    displays,
    dossiers,
    floor,
    printers,
    priority,
    procedures,
    reports,
    reports_operations,
    search_tuning,
    services,
    site_switch,
    sites,
    users,
    voice,
)
