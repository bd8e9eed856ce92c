"""Synonyms for search: the words citizens use ("sổ đỏ", "sao y") and what the catalogue calls them. A shipped
list (models/data/synonyms.txt) for the common fields, and each centre's own, added by its supervisor."""

import time
from datetime import datetime
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from .base import db, utcnow
from .errors import NotFound, RuleError
from .text import fold

SHIPPED_FILE = Path(__file__).resolve().parent / "data" / "synonyms.txt"
MAX_PHRASE = 100
MAX_MEANING = 300
MAX_PER_SITE = 500


class SearchSynonym(db.Model):
    """A centre's own synonym: `phrase` (as typed by the supervisor) means `meaning`."""

    __tablename__ = "search_synonyms"
    __table_args__ = (UniqueConstraint("site_id", "folded"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    phrase: Mapped[str] = mapped_column(String(MAX_PHRASE))
    folded: Mapped[str] = mapped_column(String(MAX_PHRASE))
    meaning: Mapped[str] = mapped_column(String(MAX_MEANING))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class BadSynonym(RuleError):
    code = "bad_synonym"
    status = 400


def read_shipped(text: str) -> list[tuple[str, str]]:
    """(folded phrase, folded meaning) pairs from the shipped file's "a | b = meaning" lines."""
    pairs = []
    for line in text.splitlines():
        if "=" not in line or line.lstrip().startswith("#"):
            continue
        phrases, meaning = line.split("=", 1)
        for phrase in phrases.split("|"):
            if fold(phrase) and fold(meaning):
                pairs.append((fold(phrase), fold(meaning)))
    return pairs


SHIPPED = read_shipped(SHIPPED_FILE.read_text(encoding="utf-8"))


CACHE_SECONDS = 10  # another process's change is seen this late at most; this process's at once
_cache: dict[tuple, tuple[float, list]] = {}


def synonyms_for(session, site_id: int | None, catalogue: tuple = ()) -> list[tuple[str, str]]:
    """Every (phrase, meaning) in force at a site, folded, longest phrase first: the centre's own override a
    shipped one with the same phrase. `catalogue` (the search index's signature) keys the cache."""
    key = (str(session.get_bind().url), site_id, catalogue)
    cached = _cache.get(key)
    if cached and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    own = {}
    if site_id is not None:
        own = {
            phrase: meaning
            for phrase, meaning in session.execute(
                select(SearchSynonym.folded, SearchSynonym.meaning).filter_by(site_id=site_id)
            )
        }
    merged = dict(SHIPPED) | {phrase: fold(meaning) for phrase, meaning in own.items()}
    pairs = sorted(merged.items(), key=lambda pair: (-len(pair[0]), pair[0]))
    _cache[key] = (time.monotonic(), pairs)
    return pairs


def add_synonym(
    session, site_id: int, phrase: str, meaning: str, user_id: int | None = None
) -> SearchSynonym:
    phrase, meaning = (phrase or "").strip(), (meaning or "").strip()
    if not fold(phrase) or not fold(meaning):
        raise BadSynonym(_l("Hãy ghi cả cách nói của người dân và tên thủ tục tương ứng."))
    if len(phrase) > MAX_PHRASE or len(meaning) > MAX_MEANING:
        raise BadSynonym(
            _l("Từ đồng nghĩa dài quá (tối đa %(a)s và %(b)s ký tự).", a=MAX_PHRASE, b=MAX_MEANING)
        )
    if fold(phrase) == fold(meaning):
        raise BadSynonym(_l("Hai vế giống nhau: không cần thêm."))
    rows = session.scalars(select(SearchSynonym).filter_by(site_id=site_id)).all()
    existing = next((row for row in rows if row.folded == fold(phrase)), None)
    if existing is None and len(rows) >= MAX_PER_SITE:
        raise BadSynonym(_l("Đã có %(n)s từ đồng nghĩa, không thêm được nữa.", n=MAX_PER_SITE))
    row = existing or SearchSynonym(site_id=site_id, folded=fold(phrase))
    row.phrase, row.meaning, row.created_by = phrase, meaning, user_id
    session.add(row)
    _cache.clear()
    return row


def delete_synonym(session, site_id: int, synonym_id: int) -> None:
    row = session.get(SearchSynonym, synonym_id)
    if row is None or row.site_id != site_id:
        raise NotFound()
    session.delete(row)
    _cache.clear()
