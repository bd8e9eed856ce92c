"""What a citizen typed, read the way they meant it: words run together ("khaisinh") are split and split words
("kết hôn" typed "ket" "hon" is already fine; "căn cước" typed "cancuoc" is split), filler words ("làm", "xin")
dropped, and colloquial phrases ("sổ đỏ", "sao y") read as the catalogue's words (models/synonyms.py)."""

from dataclasses import dataclass

FILLER = {"lam", "xin", "muon", "toi", "giup", "cach"}
FILLER_PHRASES = ("thu tuc", "ho so")
MIN_PART = 2  # letters in each part of a split word


@dataclass(frozen=True)
class Variant:
    words: tuple[str, ...]
    synonym: str = ""  # the phrase read as a synonym, if this variant comes from one

    @property
    def text(self) -> str:
        return " ".join(self.words)


def split_run_together(word: str, known: set[str]) -> list[str] | None:
    """The fewest known words that, written together, make `word` ("khaisinh" → khai, sinh); None if none."""
    if len(word) < 2 * MIN_PART or len(word) > 40:
        return None
    best: list[list[str] | None] = [None] * (len(word) + 1)
    best[0] = []
    for end in range(MIN_PART, len(word) + 1):
        for start in range(0, end - MIN_PART + 1):
            part = word[start:end]
            if best[start] is not None and part in known:
                candidate = best[start] + [part]
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    parts = best[len(word)]
    return parts if parts and len(parts) > 1 else None


def normalise(words: list[str], known: set[str]) -> list[str]:
    """Split run-together words; join two neighbours that only make sense together."""
    result: list[str] = []
    for word in words:
        parts = None if word in known else split_run_together(word, known)
        result.extend(parts or [word])
    joined: list[str] = []
    i = 0
    while i < len(result):
        pair = result[i] + result[i + 1] if i + 1 < len(result) else ""
        if pair in known and (result[i] not in known or result[i + 1] not in known):
            joined.append(pair)
            i += 2
        else:
            joined.append(result[i])
            i += 1
    return joined


def _drop_filler(text: str) -> str:
    padded = f" {text} "
    for phrase in FILLER_PHRASES:
        padded = padded.replace(f" {phrase} ", " ")
    words = [w for w in padded.split() if w not in FILLER]
    return " ".join(words) or text  # a query of filler alone is searched as it is


def _apply_synonyms(text: str, synonyms: list[tuple[str, str]]) -> tuple[str, str]:
    """The text with every colloquial phrase read as its meaning (longest phrases first, no overlaps)."""
    padded, used = f" {text} ", []
    for phrase, meaning in synonyms:
        if f" {phrase} " in padded:
            padded = padded.replace(f" {phrase} ", f" \x00{meaning.replace(' ', chr(1))} ")
            used.append(phrase)
    expanded = padded.replace("\x00", "").replace("\x01", " ").strip()
    return expanded, ", ".join(used)


def variants(folded: str, known: set[str], synonyms: list[tuple[str, str]]) -> list[Variant]:
    """The query as typed (normalised, filler dropped), and as read through the synonyms when one applies."""
    text = " ".join(normalise(folded.split(), known))
    found = [Variant(tuple(_drop_filler(text).split()))]
    expanded, used = _apply_synonyms(text, synonyms)
    if used:
        found.append(Variant(tuple(_drop_filler(expanded).split()), synonym=used))
    return found
