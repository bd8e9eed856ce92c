"""Procedure search: finds what a citizen means, typed with or without diacritics, in any case, with a small
typo ("khai sihn"). Results are ranked; the best is first.

An in-memory index per process maps each folded word to the procedures containing it. It is rebuilt when the
catalogue changes: every search checks a cheap signature (count, last id, last update) of the procedures
table, so an import in another process is noticed at once.
"""

import re
import threading
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import func, select

from .catalogue import Field, Procedure
from .text import fold

MAX_QUERY = 200  # characters; a longer query is cut, never refused
_CODE_RE = re.compile(r"^\d[\d.]*$")


@dataclass
class _Entry:
    id: int
    code: str
    field_id: int | None
    name: str  # folded
    name_lower: str
    length: int  # words in the name


@dataclass
class _Index:
    signature: tuple
    entries: dict[int, _Entry]
    name_words: dict[str, set[int]]
    field_words: dict[str, set[int]]
    vocabulary: list[str]


_lock = threading.Lock()
_cache: dict[str, _Index] = {}


def _signature(session) -> tuple:
    count, last_id, last_update = session.execute(
        select(func.count(Procedure.id), func.max(Procedure.id), func.max(Procedure.updated_at))
    ).one()
    fields = session.execute(select(func.count(Field.id), func.max(Field.id))).one()
    return (count, last_id, last_update, *fields)


def _build(session, signature) -> _Index:
    entries, name_words, field_words = {}, {}, {}
    field_names = {fid: fold(name) for fid, name in session.execute(select(Field.id, Field.name))}
    for pid, code, name, field_id in session.execute(
        select(Procedure.id, Procedure.code, Procedure.name, Procedure.field_id)
    ):
        folded = fold(name)
        entries[pid] = _Entry(pid, code, field_id, folded, (name or "").lower(), len(folded.split()) or 1)
        for word in folded.split():
            name_words.setdefault(word, set()).add(pid)
        for word in field_names.get(field_id, "").split():
            field_words.setdefault(word, set()).add(pid)
    vocabulary = sorted(set(name_words) | set(field_words))
    return _Index(signature, entries, name_words, field_words, vocabulary)


def _index(session) -> _Index:
    key = str(session.get_bind().url)
    signature = _signature(session)
    index = _cache.get(key)
    if index is None or index.signature != signature:
        with _lock:
            index = _cache.get(key)
            if index is None or index.signature != signature:
                index = _cache[key] = _build(session, signature)
    return index


def _word_matches(index: _Index, word: str) -> dict[str, float]:
    """Vocabulary words a query word may mean, with a weight: exact 1, prefix 0.85, one typo 0.5, two 0.4."""
    matches = {}
    if word in index.name_words or word in index.field_words:
        matches[word] = 1.0
    if len(word) >= 2:
        for candidate in index.vocabulary:
            if candidate != word and candidate.startswith(word):
                matches.setdefault(candidate, 0.85)
    if len(word) >= 3:
        limit = 1 if len(word) <= 5 else 2
        for candidate, distance, _ in process.extract(
            word, index.vocabulary, scorer=OSA.distance, score_cutoff=limit, limit=None
        ):
            if candidate not in matches and abs(len(candidate) - len(word)) <= limit:
                matches[candidate] = 0.5 if distance == 1 else 0.4
    return matches


def search_ids(session, query: str, field_id: int | None = None, limit: int = 50) -> list[int]:
    """Procedure ids, best match first. An empty or meaningless query finds nothing (and never fails)."""
    query = (query or "")[:MAX_QUERY]
    folded = fold(query)
    if not folded:
        return []
    index = _index(session)
    scores: dict[int, float] = {}
    if _CODE_RE.match(folded.replace(" ", "")):
        code = folded.replace(" ", "")
        for entry in index.entries.values():
            if entry.code.startswith(code):
                scores[entry.id] = 10.0 if entry.code == code else 5.0
    words = folded.split()
    per_word: list[dict[int, float]] = []
    for word in words:
        hits: dict[int, float] = {}
        for candidate, weight in _word_matches(index, word).items():
            for pid in index.name_words.get(candidate, ()):
                if weight > hits.get(pid, 0):
                    hits[pid] = weight
            for pid in index.field_words.get(candidate, ()):
                if weight * 0.6 > hits.get(pid, 0):
                    hits[pid] = weight * 0.6
        per_word.append(hits)
    candidates = set().union(*per_word) if per_word else set()
    exact = set()  # every word found without a typo (in the name, or the field's name)
    lowered = query.lower().strip()
    for pid in candidates:
        entry = index.entries[pid]
        matched = [hits[pid] for hits in per_word if pid in hits]
        score = sum(matched) / len(words)
        if len(matched) == len(words):
            score += min(matched)  # every word found (a typo-only match counts less)
            if min(matched) > 0.5:
                exact.add(pid)
        if folded in entry.name:
            score += 1.0  # the words in this order
            if entry.name.startswith(folded):
                score += 0.3
        if lowered and lowered in entry.name_lower:
            score += 0.2  # with the very same diacritics
        score += 0.3 * min(len(matched), entry.length) / entry.length  # a name with fewer extra words
        scores[pid] = max(scores.get(pid, 0), score)
    ranked = [pid for pid in scores if field_id is None or index.entries[pid].field_id == field_id]
    best = max(scores.values(), default=0)
    # Drop the tail that matched only a fraction of a long query when better matches exist.
    ranked = [pid for pid in ranked if pid in exact or scores[pid] >= max(0.8, best * 0.5)]
    ranked.sort(key=lambda pid: (-scores[pid], index.entries[pid].length, index.entries[pid].code))
    return ranked[:limit]


def search(session, query: str, field_id: int | None = None, limit: int = 50) -> list[Procedure]:
    ids = search_ids(session, query, field_id, limit)
    if not ids:
        return []
    found = {p.id: p for p in session.scalars(select(Procedure).where(Procedure.id.in_(ids)))}
    return [found[pid] for pid in ids if pid in found]
