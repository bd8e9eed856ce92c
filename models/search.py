"""Procedure search: finds what a citizen means — typed with or without diacritics, in any case, with a small
typo ("khai sihn"), words run together ("khaisinh"), in everyday words ("sổ đỏ", "sao y": models/synonyms.py),
by a required document's name ("giấy chứng nhận kết hôn"), by code, or in English in English mode.

The ranking is explainable: each result carries a score made of named parts (see PARTS), shown to supervisors
on the back office's search debug page. Among equally good matches the procedures citizens of this centre come
for most often come first (models/popularity.py).
"""

import heapq
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from operator import itemgetter

from flask_babel import lazy_gettext as _l
from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import select

from .catalogue import Procedure
from .popularity import popularity
from .search_index import HITS_CACHE, MATCH_CACHE, Index, current_index
from .search_query import Variant, variants
from .synonyms import SHIPPED, synonyms_for
from .text import fold

MAX_QUERY = 200  # characters; a longer query is cut, never refused
_CODE_RE = re.compile(r"^\d[\d.]*$")
SHORTLIST = 150  # at least this many procedures per reading of the query are scored in full

# Where a query word was found, and how much that counts.
NAME, ENGLISH, FIELD, DOCUMENT = 1.0, 1.0, 0.6, 0.5
POPULARITY = 0.4  # at most: enough to order equal matches, never to beat a clearly better one
SYNONYM = -0.05  # reading through a synonym: a match on the words as typed wins a tie
PARTS = {
    "code": _l("mã thủ tục"),
    "words": _l("các từ tìm thấy"),
    "all_words": _l("đủ mọi từ"),
    "phrase": _l("đúng cụm từ"),
    "accents": _l("đúng dấu"),
    "brevity": _l("tên ngắn gọn"),
    "synonym": _l("qua từ đồng nghĩa"),
    "popularity": _l("độ phổ biến"),
}


@dataclass
class Scored:
    id: int
    code: str
    parts: dict[str, float] = field(default_factory=dict)
    variant: str = ""  # the words that were scored
    synonym: str = ""  # the synonym phrase read, if any
    complete: bool = False  # every word found without a typo

    @property
    def total(self) -> float:
        return sum(self.parts.values())

    @property
    def match(self) -> float:
        """How well the words match, popularity aside: what decides whether it is a result at all."""
        return self.total - self.parts.get("popularity", 0)


def _word_matches(index: Index, word: str) -> dict[str, float]:
    """Vocabulary words a query word may mean, with a weight: exact 1, prefix 0.85, one typo 0.5, two 0.4."""
    cached = index.matches.get(word)
    if cached is not None:
        return cached
    matches = {}
    if word in index.words:
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
    if len(index.matches) > MATCH_CACHE:
        index.matches.clear()
    index.matches[word] = matches
    return matches


def _hits(index: Index, word: str, english: bool) -> dict[int, float]:
    """Procedure id → how well this query word matches it (the best of its name, field, documents...)."""
    key = (word, english)
    cached = index.hits.get(key)
    if cached is not None:
        return cached
    sources = [(index.name_words, NAME), (index.field_words, FIELD), (index.document_words, DOCUMENT)]
    if english:
        sources.append((index.english_words, ENGLISH))
    hits: dict[int, float] = {}
    for candidate, weight in _word_matches(index, word).items():
        for words, factor in sources:
            for pid in words.get(candidate, ()):
                if weight * factor > hits.get(pid, 0):
                    hits[pid] = weight * factor
    if len(index.hits) > HITS_CACHE:
        index.hits.clear()
    index.hits[key] = hits
    return hits


def _shortlist(per_word: list[dict[int, float]], size: int) -> list[tuple[int, list]]:
    """The procedures matching the most query words, best first: only these are scored in full (a province
    catalogue has thousands matching one common word)."""
    if len(per_word) == 1:
        return [(pid, (1, w, w)) for pid, w in heapq.nlargest(size, per_word[0].items(), key=itemgetter(1))]
    counts = Counter(chain.from_iterable(per_word)).most_common()  # counted in C: the hot loop
    boundary = counts[min(size, len(counts)) - 1][1] if counts else 0
    pool = [pid for pid, count in counts if count >= boundary]
    tallies = []
    for pid in pool:
        weights = [hits[pid] for hits in per_word if pid in hits]
        tallies.append((pid, (len(weights), sum(weights), min(weights))))
    return heapq.nlargest(size, tallies, key=lambda item: (item[1][0], item[1][1]))


def _score_variant(
    index: Index, variant: Variant, lowered: str, english: bool, size: int
) -> dict[int, Scored]:
    words = variant.words
    if not words:
        return {}
    phrase, text = " ".join(words), variant.text
    per_word = [_hits(index, word, english) for word in words]
    scored = {}
    for pid, (count, total, lowest) in _shortlist(per_word, size):
        entry = index.entries[pid]
        parts = {"words": total / len(words)}
        complete = False
        if count == len(words):
            parts["all_words"] = lowest  # a typo-only match counts less
            complete = lowest > 0.5
        names = [entry.name] + ([entry.name_en] if english and entry.name_en else [])
        if any(phrase in name for name in names):
            parts["phrase"] = 1.0 + (0.3 if any(name.startswith(phrase) for name in names) else 0)
        elif any(phrase in document for document in entry.documents):
            parts["phrase"] = DOCUMENT
        if not variant.synonym and lowered and lowered in entry.name_lower:
            parts["accents"] = 0.2  # with the very same diacritics
        parts["brevity"] = 0.2 * min(count, entry.length) / entry.length  # fewer extra words
        if variant.synonym:
            parts["synonym"] = SYNONYM
        scored[pid] = Scored(pid, entry.code, parts, text, variant.synonym, complete)
    return scored


def _code_matches(index: Index, folded: str) -> dict[int, Scored]:
    code = folded.replace(" ", "")
    if not _CODE_RE.match(code):
        return {}
    return {
        entry.id: Scored(entry.id, entry.code, {"code": 10.0 if entry.code == code else 5.0}, code, "", True)
        for entry in index.entries.values()
        if entry.code.startswith(code)
    }


def search_scored(
    session,
    query: str,
    field_id: int | None = None,
    limit: int = 50,
    *,
    site_id: int | None = None,
    day: date | None = None,
    lang: str = "vi",
) -> list[Scored]:
    """The best matches first, each with its score's parts. `day` (the site's local day) hides procedures
    replaced or abolished by then; `site_id` brings the centre's synonyms and popularity. An empty or
    meaningless query finds nothing (and never fails)."""
    query = (query if isinstance(query, str) else "")[:MAX_QUERY]
    folded = fold(query)
    if not folded:
        return []
    index = current_index(session)
    synonyms = (
        synonyms_for(session, site_id, index.signature)
        if site_id is not None
        else sorted(SHIPPED, key=lambda p: -len(p[0]))
    )
    best: dict[int, Scored] = _code_matches(index, folded)
    lowered = query.lower().strip()
    for variant in variants(folded, index.words, synonyms):
        for pid, scored in _score_variant(
            index, variant, lowered, lang == "en", max(3 * limit, SHORTLIST)
        ).items():
            if pid not in best or scored.total > best[pid].total:
                best[pid] = scored
    weights = popularity(session, site_id, index.signature)
    for scored in best.values():
        if "code" not in scored.parts and weights.get(scored.id):
            scored.parts["popularity"] = round(POPULARITY * weights[scored.id], 4)
    ranked = [
        s
        for s in best.values()
        if (field_id is None or index.entries[s.id].field_id == field_id)
        and (day is None or index.entries[s.id].offered_on(day))
    ]
    top = max((s.match for s in ranked), default=0)
    # Drop the tail that matched only a fraction of a long query when better matches exist.
    ranked = [s for s in ranked if s.complete or s.match >= max(0.8, top * 0.5)]
    ranked.sort(key=lambda s: (-s.total, index.entries[s.id].length, s.code))
    return ranked[:limit]


def search_ids(session, query: str, field_id: int | None = None, limit: int = 50, **options) -> list[int]:
    return [s.id for s in search_scored(session, query, field_id, limit, **options)]


def search(session, query: str, field_id: int | None = None, limit: int = 50, **options) -> list[Procedure]:
    ids = search_ids(session, query, field_id, limit, **options)
    if not ids:
        return []
    found = {p.id: p for p in session.scalars(select(Procedure).where(Procedure.id.in_(ids)))}
    return [found[pid] for pid in ids if pid in found]
