"""A centre's own voice clips: the zip the back office uploads, checked whole, then swapped in at once.

A site with no clips of its own announces with the default set (static/sounds/voice/). An upload must hold
every required clip (models/announcement.py: REQUIRED) as a WAV, MP3 or OGG file 0.05 to 15 seconds long (an
MP3's or Ogg's length read from its headers by mutagen); otherwise it is refused with the list of what is
missing, unreadable or too long, and the site keeps the set it had. Clips are stored in the database, so every
server process and every backup has them.
"""

import io
import wave
import zipfile
from datetime import datetime
from pathlib import PurePosixPath

import mutagen
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from mutagen.mp3 import MP3
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis
from sqlalchemy import DateTime, ForeignKey, LargeBinary, String, UniqueConstraint, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column

from . import signals
from .announcement import ALL, REQUIRED
from .audit import Actor, record
from .base import db, utcnow
from .errors import RuleError

MAX_CLIP_BYTES = 2 * 1024 * 1024
MAX_ENTRIES = 400  # zip bombs: far more files than a set needs is refused before reading any
MAX_TOTAL_BYTES = 64 * 1024 * 1024  # and so is a set that would unpack to more than this
MIN_SECONDS, MAX_SECONDS = 0.05, 15.0
TYPES = {".wav": "audio/wav", ".mp3": "audio/mpeg", ".ogg": "audio/ogg"}


class VoiceClip(db.Model):
    __tablename__ = "voice_clips"
    __table_args__ = (UniqueConstraint("site_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))
    mime: Mapped[str] = mapped_column(String(20))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ClipSetRejected(RuleError):
    code = "clip_set_rejected"
    status = 422
    message = _l("Bộ âm thanh không hợp lệ; bộ đang dùng được giữ nguyên.")

    def __init__(self, problems: list[str]):
        super().__init__(problems=problems)
        self.problems = problems


def _wav_seconds(data: bytes) -> float | None:
    try:
        with wave.open(io.BytesIO(data)) as clip:
            return clip.getnframes() / clip.getframerate() if clip.getframerate() else None
    except (wave.Error, EOFError, ValueError):
        return None


def _compressed_seconds(suffix: str, data: bytes) -> float | None:
    """An MP3's or Ogg (Vorbis, Opus) stream's length, read by mutagen from its frames' headers (no decoder)."""
    kinds = (MP3,) if suffix == ".mp3" else (OggVorbis, OggOpus)
    try:
        audio = mutagen.File(io.BytesIO(data), options=kinds)
    except Exception:  # a parser fed an uploaded file: whatever breaks it, the file is not a clip we can play
        return None
    return audio.info.length if audio is not None else None


def clip_seconds(suffix: str, data: bytes) -> float | None:
    """How long a clip plays, or None when it is no WAV, MP3 or Ogg audio the browsers can play."""
    if suffix == ".wav":
        return _wav_seconds(data)
    return _compressed_seconds(suffix, data)


def check_clip_set(upload: bytes) -> dict[str, tuple[str, bytes]]:
    """{clip name: (mime, data)} from a zip, or ClipSetRejected listing every problem found.

    Folders inside the zip are ignored (a set zipped from its folder works); files with other names are
    ignored too (a README, a cover image).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(upload))
        entries = [e for e in archive.infolist() if not e.is_dir()]
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ClipSetRejected([str(_l("Tệp tải lên không phải tệp nén .zip."))]) from None
    if len(entries) > MAX_ENTRIES:
        raise ClipSetRejected([str(_l("Tệp nén có quá nhiều tệp (tối đa %(n)s).", n=MAX_ENTRIES))])
    if sum(e.file_size for e in entries) > MAX_TOTAL_BYTES:
        raise ClipSetRejected([str(_l("Bộ âm thanh giải nén ra quá 64 MB."))])
    problems, clips, refused = [], {}, set()
    for entry in entries:
        path = PurePosixPath(entry.filename)
        name, suffix = path.stem.lower(), path.suffix.lower()
        if name not in ALL or path.name.startswith(".") or "__MACOSX" in path.parts:
            continue
        if suffix not in TYPES or entry.file_size > MAX_CLIP_BYTES:
            refused.add(name)
        if suffix not in TYPES:
            problems.append(str(_l("%(file)s: chỉ nhận WAV, MP3 hoặc OGG.", file=path.name)))
            continue
        if name in clips:
            problems.append(str(_l("%(name)s có hai tệp trong bộ.", name=name)))
            continue
        if entry.file_size > MAX_CLIP_BYTES:
            problems.append(str(_l("%(file)s: lớn quá 2 MB.", file=path.name)))
            continue
        try:
            data = archive.read(entry)
        except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, NotImplementedError):
            data = b""
        seconds = clip_seconds(suffix, data)
        if seconds is None:
            refused.add(name)
            problems.append(str(_l("%(file)s: không đọc được âm thanh.", file=path.name)))
            continue
        if not MIN_SECONDS <= seconds <= MAX_SECONDS:
            refused.add(name)
            problems.append(
                str(
                    _l(
                        "%(file)s: dài %(seconds)s giây; mỗi tệp phải dài từ 0,05 đến 15 giây.",
                        file=path.name,
                        seconds=format_decimal(round(seconds, 1)),
                    )
                )
            )
            continue
        clips[name] = (TYPES[suffix], data)
    missing = [n for n in REQUIRED if n not in clips and n not in refused]
    if missing:
        problems.append(str(_l("Thiếu %(n)s tệp: %(names)s.", n=len(missing), names=", ".join(missing))))
    if problems:
        raise ClipSetRejected(problems)
    return clips


def replace_clip_set(session, actor: Actor, site_id: int, upload: bytes) -> int:
    """Swap in a checked clip set in one transaction; returns how many clips it has."""
    clips = check_clip_set(upload)
    session.execute(delete(VoiceClip).where(VoiceClip.site_id == site_id))
    now = utcnow()
    for name, (mime, data) in clips.items():
        session.add(VoiceClip(site_id=site_id, name=name, mime=mime, data=data, uploaded_at=now))
    session.flush()
    record(session, actor, "voice_clips_replaced", str(len(clips)), site_id=site_id)
    signals.announce(session, signals.display_changed, site_id=site_id)
    return len(clips)


def use_default_clips(session, actor: Actor, site_id: int) -> None:
    session.execute(delete(VoiceClip).where(VoiceClip.site_id == site_id))
    record(session, actor, "voice_clips_reset", "", site_id=site_id)
    signals.announce(session, signals.display_changed, site_id=site_id)


def clip_set_version(session, site_id: int) -> str:
    """Changes whenever the site's set changes (ids only grow): part of the clips' URLs, so a display never
    plays an old cached clip after an upload. "d" is the default set."""
    last = session.scalar(select(func.max(VoiceClip.id)).where(VoiceClip.site_id == site_id))
    return f"c{last}" if last else "d"


def site_clip(session, site_id: int, name: str) -> VoiceClip | None:
    return session.scalar(select(VoiceClip).filter_by(site_id=site_id, name=name))
