"""The rating tablet facing the citizen at each counter (/counter/<id>/rating?key=…): no sign-in, a signed
per-counter key (motcua/tablet_keys.py); it asks for a rating when the officer completes a ticket."""

from flask import Blueprint

bp = Blueprint("tablet", __name__)

from . import views  # noqa: E402,F401
