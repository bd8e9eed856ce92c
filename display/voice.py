"""Where a display finds its voice: the base URL of its site's clip set (versioned) and the default set's
folder. Shared by the wall display and the back office's sample call."""

from pathlib import Path

from flask import url_for

from models import db
from models.voice_clips import clip_set_version

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "static" / "sounds" / "voice"


def voice_context(site) -> dict:
    version = clip_set_version(db.session, site.id)
    base = url_for("display.voice_clip", site_id=site.id, version=version, name="x")[: -len("x")]
    return {"voice_base": base}
