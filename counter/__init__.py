"""The officer's counter screen (/counter/): call, recall, serve, complete, no-show, transfer, pause; reprints."""

from flask import Blueprint

bp = Blueprint("counter", __name__)

from . import dossiers, operations_views, reprint_view, views  # noqa: E402,F401
