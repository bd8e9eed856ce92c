"""The citizen's own phone pages: a ticket's live page /t/<token> and its rating, the procedure pages
/procedures/ (list, detail, A4 print, the rotating notice), and the landing page /."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from . import dossier, procedures, rating, ticket  # noqa: E402,F401
