"""The in-memory procedure search index of one process: each folded word → the procedures whose name, field,
required documents or English name contain it.

It is rebuilt when the catalogue changes: a search checks a cheap signature (count, last id, last update) of
the procedures table at most once a second, so an import in another process is noticed within a second (and
an import in this process at once: the import rule forgets the index).
"""

import threading
import time
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from .catalogue import Field, Procedure, ProcedureDocument, ProcedureStatus
from .text import fold

MATCH_CACHE = 20_000  # query words remembered with the vocabulary they match (cleared with the index)
HITS_CACHE = 2_000  # query words remembered with the procedures they match
CHECK_SECONDS = 1.0  # how often a process asks the database whether the catalogue changed


@dataclass
class Entry:
    id: int
    code: str
    field_id: int | None
    name: str  # folded
    name_lower: str
    name_en: str  # folded
    length: int  # words in the name
    documents: list[str]  # folded document names
    status: str
    status_from: date | None

    def offered_on(self, day: date) -> bool:
        return self.status == ProcedureStatus.IN_FORCE or (
            self.status_from is not None and day < self.status_from
        )


@dataclass
class Index:
    signature: tuple
    entries: dict[int, Entry]
    name_words: dict[str, set[int]]
    field_words: dict[str, set[int]]
    document_words: dict[str, set[int]]
    english_words: dict[str, set[int]]
    vocabulary: list[str]
    words: set[str]
    matches: dict = field(default_factory=dict)  # word → {vocabulary word: weight}
    hits: dict = field(default_factory=dict)  # (word, english) → {procedure id: weight}
    checked: float = 0.0  # when the signature was last compared (time.monotonic)


_lock = threading.Lock()
_cache: dict[str, Index] = {}


def _signature(session) -> tuple:
    fields = select(func.count(Field.id)).scalar_subquery(), select(func.max(Field.id)).scalar_subquery()
    return tuple(
        session.execute(
            select(func.count(Procedure.id), func.max(Procedure.id), func.max(Procedure.updated_at), *fields)
        ).one()
    )


def _add(words: dict[str, set[int]], text: str, pid: int) -> None:
    for word in text.split():
        words.setdefault(word, set()).add(pid)


def _build(session, signature) -> Index:
    entries, name_words, field_words, document_words, english_words = {}, {}, {}, {}, {}
    field_names = {fid: fold(name) for fid, name in session.execute(select(Field.id, Field.name))}
    documents: dict[int, list[str]] = {}
    for pid, name in session.execute(
        select(ProcedureDocument.procedure_id, ProcedureDocument.name).order_by(ProcedureDocument.position)
    ):
        documents.setdefault(pid, []).append(fold(name))
    rows = session.execute(
        select(
            Procedure.id,
            Procedure.code,
            Procedure.name,
            Procedure.field_id,
            Procedure.name_en,
            Procedure.status,
            Procedure.status_from,
        )
    )
    for pid, code, name, field_id, name_en, status, status_from in rows:
        folded = fold(name)
        entries[pid] = Entry(
            pid,
            code,
            field_id,
            folded,
            (name or "").lower(),
            fold(name_en),
            len(folded.split()) or 1,
            documents.get(pid, []),
            status,
            status_from,
        )
        _add(name_words, folded, pid)
        _add(field_words, field_names.get(field_id, ""), pid)
        _add(english_words, fold(name_en), pid)
        for document in documents.get(pid, []):
            _add(document_words, document, pid)
    words = set(name_words) | set(field_words) | set(document_words) | set(english_words)
    return Index(
        signature, entries, name_words, field_words, document_words, english_words, sorted(words), words
    )


def current_index(session) -> Index:
    key = str(session.get_bind().url)
    index = _cache.get(key)
    if index is not None and time.monotonic() - index.checked < CHECK_SECONDS:
        return index
    signature = _signature(session)
    if index is not None and index.signature == signature:
        index.checked = time.monotonic()
    if index is None or index.signature != signature:
        with _lock:
            index = _cache.get(key)
            if index is None or index.signature != signature:
                index = _cache[key] = _build(session, signature)
                index.checked = time.monotonic()
    return index


def forget_index() -> None:
    """Rebuild on the next search (tests, and a change this process just committed)."""
    with _lock:
        _cache.clear()
