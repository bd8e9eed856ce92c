from flask import render_template

from models import db
from models.queries import display_board
from motcua.web import current_site

from . import bp


@bp.get("/")
def board_page():
    site = current_site()
    return render_template("display/page.html", **display_board(db.session, site))


@bp.get("/board")
def board():
    return render_template("display/_board.html", **display_board(db.session, current_site()))
