"""The dossier's public page /hs/<code or token>: its state, due date and any apology, for the citizen who
scanned the QR code on Mẫu 01 or typed the code. No personal data beyond the first letter of the name."""

from flask import abort, render_template

from models import db
from models.dossier import DossierStatus, Timeliness
from models.dossier_queries import dossier_by_code_or_token
from motcua.throttle import lookup_limits, lookup_missed

from . import bp


@bp.get("/hs/<ref>")
@lookup_limits()
def dossier(ref: str):
    found = dossier_by_code_or_token(db.session, ref)
    if found is None:
        lookup_missed()
        abort(404)
    return render_template(
        "public/dossier.html", dossier=found, site=found.site, statuses=DossierStatus, timeliness=Timeliness
    )
