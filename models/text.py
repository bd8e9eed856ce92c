"""Folding Vietnamese text for comparison: lower case, đ → d, no diacritics, words separated by one space."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z.]+")


def strip_marks(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


def fold(text: str) -> str:
    """'Đăng ký KHAI SINH!' → 'dang ky khai sinh'. Dots are kept for procedure codes (1.001193)."""
    words = _NON_WORD.sub(" ", strip_marks(text or "").lower()).split()
    return " ".join(w.strip(".") for w in words if w.strip("."))
