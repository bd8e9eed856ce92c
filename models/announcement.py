"""What a wall display says for a call: the ordered list of voice clips, decided here once for every display.

The reading Vietnamese centres use: "Mời công dân có số thứ tự A không một hai đến quầy số ba". The letters of
the ticket are said as Vietnamese speakers name them ("A", "Bê", "Xê"), the digits of the ticket one by one,
zeros included ("A012" → "A, không, một, hai"), exactly as the board shows them, so nobody has to convert
"mười hai" back into "012"; the counter number is said as a number ("đến quầy số mười hai") when it is below
100, digit by digit above. A recall starts with "Xin nhắc lại".
"""

import re

CHIME = "chime"  # optional: a set without one simply starts with the words
CALL = "moi_cong_dan"  # "Mời công dân có số thứ tự"
TO_COUNTER = "den_quay_so"  # "đến quầy số"
RECALL = "xin_nhac_lai"  # "Xin nhắc lại"
LETTERS = tuple(f"letter_{c}" for c in "abcdefghijklmnopqrstuvwxyz")
NUMBERS = tuple(f"so_{n}" for n in range(100))

REQUIRED = (CALL, TO_COUNTER, RECALL, *LETTERS, *NUMBERS)
OPTIONAL = (CHIME,)
ALL = REQUIRED + OPTIONAL

# What each clip says, for the default set (espeak-ng) and for a centre recording its own. Letters as they are
# named aloud in Vietnamese; "F", "J", "W", "Z" are foreign letters with a usual spoken name.
LETTER_WORDS = {
    "a": "a", "b": "bê", "c": "xê", "d": "dê", "e": "e", "f": "ép", "g": "giê", "h": "hát", "i": "i",
    "j": "di", "k": "ca", "l": "e lờ", "m": "em mờ", "n": "en nờ", "o": "o", "p": "pê", "q": "quy",
    "r": "e rờ", "s": "ét xì", "t": "tê", "u": "u", "v": "vê", "w": "vê kép", "x": "ích xì", "y": "i dài",
    "z": "dét",
}  # fmt: skip
PHRASES = {CALL: "Mời công dân có số thứ tự", TO_COUNTER: "đến quầy số", RECALL: "Xin nhắc lại"}

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_CODE = re.compile(r"([A-Z]{1,3})([0-9]{1,4})")


def number_words(n: int) -> str:
    """0–99 as Vietnamese say them: "mười", "hai mươi mốt", "mười lăm", "hai mươi tư"."""
    if n < 10:
        return _DIGITS[n]
    tens, unit = divmod(n, 10)
    head = "mười" if tens == 1 else f"{_DIGITS[tens]} mươi"
    if unit == 0:
        return head
    if unit == 1 and tens > 1:
        return f"{head} mốt"
    if unit == 5:
        return f"{head} lăm"
    if unit == 4 and tens > 1:
        return f"{head} tư"
    return f"{head} {_DIGITS[unit]}"


def clip_words(name: str) -> str:
    """The words a clip says (what espeak-ng reads, and the label a centre records from)."""
    if name in PHRASES:
        return PHRASES[name]
    if name.startswith("letter_"):
        return LETTER_WORDS[name.removeprefix("letter_")]
    if name.startswith("so_"):
        return number_words(int(name.removeprefix("so_")))
    raise KeyError(name)


def counter_clips(number: int) -> list[str]:
    if 0 <= number < 100:
        return [f"so_{number}"]
    return [f"so_{d}" for d in str(number)]


def announcement_clips(code: str, counter_number: int, *, recall: bool = False) -> list[str]:
    """The clips, in order, that announce ticket `code` called to counter `counter_number`.

    :raise ValueError: if the code is not a ticket code (1–3 capital letters, then 1–4 digits).
    """
    match = _CODE.fullmatch(code or "")
    if match is None or not isinstance(counter_number, int) or counter_number < 0:
        raise ValueError(f"not a ticket call: {code!r} to {counter_number!r}")
    letters, digits = match.groups()
    clips = [CHIME]
    if recall:
        clips.append(RECALL)
    clips.append(CALL)
    clips += [f"letter_{c.lower()}" for c in letters]
    clips += [f"so_{d}" for d in digits]
    clips.append(TO_COUNTER)
    clips += counter_clips(counter_number)
    return clips
