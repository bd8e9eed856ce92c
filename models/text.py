"""Folding Vietnamese text for comparison: lower case, đ → d, no diacritics, words separated by one space;
and how deeply a JSON text nests, checked before parsing it."""

import re
import unicodedata
from itertools import accumulate

_NON_WORD = re.compile(r"[^0-9a-z.]+")
_JSON_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKETS = re.compile(r"[\[\]{}]")


def strip_marks(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


def fold(text: str) -> str:
    """'Đăng ký KHAI SINH!' → 'dang ky khai sinh'. Dots are kept for procedure codes (1.001193)."""
    words = _NON_WORD.sub(" ", strip_marks(text or "").lower()).split()
    return " ".join(w.strip(".") for w in words if w.strip("."))


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets inside strings do not count). Python's
    parser recurses once per level, so a text nested thousands deep fails with RecursionError: check first."""
    steps = (1 if b in "[{" else -1 for b in _JSON_BRACKETS.findall(_JSON_STRINGS.sub("", text)))
    return max(accumulate(steps), default=0)
