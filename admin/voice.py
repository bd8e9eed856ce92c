"""Back office: the voice of a site's wall displays (/admin/voice): which clip set is in use (the default
Vietnamese set or the centre's own), the list of clips a set must hold, upload of a new set (a zip, checked
whole: nothing is replaced unless every clip is there and readable), going back to the default, and a sample
call to listen to."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from models import VoiceClip, db
from models.announcement import OPTIONAL, REQUIRED, announcement_clips, clip_words
from models.errors import RuleError
from models.transaction import perform
from models.voice_clips import ClipSetRejected, clip_set_version, replace_clip_set, use_default_clips
from motcua.auth import current_actor, supervisor_required
from motcua.web import staff_site

from . import bp

SAMPLE = ("A012", 3)
# A centre's recorded set in WAV is far larger than the 2 MB every other form may post (MAX_CONTENT_LENGTH).
UPLOAD_MAX_BYTES = 32 * 1024 * 1024


def _page(site, problems=None, status=200):
    version = clip_set_version(db.session, site.id)
    count, uploaded_at = db.session.execute(
        select(func.count(), func.max(VoiceClip.uploaded_at)).where(VoiceClip.site_id == site.id)
    ).one()
    base = url_for("display.voice_clip", site_id=site.id, version=version, name="x")[: -len("x")]
    names = [(name, clip_words(name)) for name in REQUIRED] + [
        (name, _("tiếng chuông (không bắt buộc)")) for name in OPTIONAL
    ]
    return render_template(
        "admin/voice.html",
        site=site,
        own_set=count > 0,
        clip_count=count,
        uploaded_at=uploaded_at,
        names=names,
        sample_code=SAMPLE[0],
        sample_counter=SAMPLE[1],
        sample_clips=announcement_clips(*SAMPLE),
        voice_base=base,
        problems=problems or [],
    ), status


@bp.get("/voice")
@supervisor_required
def voice():
    return _page(staff_site())


@bp.url_value_preprocessor
def _larger_body_for_the_clip_set(endpoint, _values) -> None:
    """Allow the clip-set upload its larger body. URL value preprocessors run before every before_request
    (CSRF, the input guard), which read the form and would refuse it at MAX_CONTENT_LENGTH."""
    if endpoint == "admin.voice_upload":
        request.max_content_length = UPLOAD_MAX_BYTES


@bp.post("/voice")
@supervisor_required
def voice_upload():
    site = staff_site()
    upload = request.files.get("clips")
    if upload is None or not upload.filename:
        return _page(site, [_("Hãy chọn một tệp .zip chứa các tệp âm thanh.")], 400)
    try:
        count = perform(db.session, replace_clip_set, current_actor(), site.id, upload.read())
    except ClipSetRejected as rejected:
        return _page(site, rejected.problems, rejected.status)
    except RuleError as error:
        return _page(site, [str(error.message)], error.status)
    flash(_("Đã thay bộ âm thanh (%(n)s tệp). Các màn hình tự tải lại.", n=count), "info")
    return redirect(url_for("admin.voice", site=site.code))


@bp.post("/voice/default")
@supervisor_required
def voice_default():
    site = staff_site()
    perform(db.session, use_default_clips, current_actor(), site.id)
    flash(_("Đã dùng lại bộ âm thanh mặc định."), "info")
    return redirect(url_for("admin.voice", site=site.code))
