from flask import Response, abort, render_template, request, send_from_directory
from flask_babel import gettext as _

from models import Counter, DeviceKind, db
from models.announcement import ALL as CLIP_NAMES
from models.display_settings import display_settings
from models.queries import counter_display, display_board
from models.voice_clips import clip_set_version, site_clip
from motcua.device_presence import COOKIE, watched_device
from motcua.web import current_site

from . import bp
from .voice import DEFAULT_FOLDER, voice_context


def _this_display():
    """The registered display this browser is (its link or its cookie), with its site and settings; an
    unregistered /display/?site=… shows every counter of the site in the default layout."""
    device = watched_device(request.args.get("device_key") or request.cookies.get(COOKIE))
    if device is not None and device.kind != DeviceKind.DISPLAY:  # a tablet's key
        device = None
    site = device.site if device is not None else current_site()
    return device, site, display_settings(device)


def _board_context() -> dict:
    device, site, settings = _this_display()
    board = display_board(db.session, site, zone=settings.zone, recent=settings.recent)
    return {**board, "device": device, "settings": settings}


@bp.get("/")
def board_page():
    context = _board_context()
    return render_template("display/page.html", **context, **voice_context(context["site"]))


@bp.get("/board")
def board():
    return render_template("display/_board.html", **_board_context())


@bp.get("/voice/<int:site_id>/<version>/<name>")
def voice_clip(site_id: int, version: str, name: str):
    """One clip of a site's set (its own, else the default). A URL names the set's version, so a clip is
    cached for good and an upload changes every URL."""
    if name not in CLIP_NAMES:
        abort(404)
    current = clip_set_version(db.session, site_id)
    clip = site_clip(db.session, site_id, name) if current != "d" else None
    if clip is not None:
        response = Response(clip.data, mimetype=clip.mime)
    elif (DEFAULT_FOLDER / f"{name}.wav").is_file():
        response = send_from_directory(DEFAULT_FOLDER, f"{name}.wav", mimetype="audio/wav", max_age=0)
    else:
        abort(404)  # the optional chime, removed from a custom default set
    lasting = version == current
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable" if lasting else "no-cache"
    return response


@bp.get("/counter/<int:counter_id>")
def counter_page(counter_id: int):
    counter = db.session.get(Counter, counter_id)
    if counter is None:
        abort(404, description=_("Không có quầy này."))
    return render_template("display/counter.html", **counter_display(db.session, counter))


@bp.get("/counter/<int:counter_id>/panel")
def counter_panel(counter_id: int):
    counter = db.session.get(Counter, counter_id)
    if counter is None:
        abort(404)
    return render_template("display/_counter_panel.html", **counter_display(db.session, counter))
