"""Vietnamese first, English complete: every user-facing string in code and templates is translated."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
SKIP = {".venv", "tests", "migrations", "bench", "test-artifacts", "node_modules"}


def _extracted() -> dict[str, set[str]]:
    """Every msgid in the code and the templates, with the files it appears in."""
    messages: dict[str, set[str]] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT),
        METHODS,
        keywords=KEYWORDS,
        callback=None,
        directory_filter=lambda d: Path(d).name not in SKIP,
    ):
        messages.setdefault(message if isinstance(message, str) else message[0], set()).add(filename)
    return messages


def test_the_extraction_reads_both_the_code_and_the_templates():
    """Guards the check below: an extraction that found nothing would leave nothing untranslated."""
    messages = _extracted()
    assert messages["Xin vui lòng đăng nhập để xem trang này."] == {"motcua/__init__.py"}
    assert "templates/public/ticket/_status.html" in messages["Sắp đến lượt của ông/bà"]
    assert not any(name.startswith(("tests/", ".venv/")) for files in messages.values() for name in files)


def test_every_message_has_an_english_translation():
    with open(ROOT / "translations/en/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle)
    missing = sorted(
        msgid
        for msgid in _extracted()
        if msgid not in catalog or not catalog[msgid].string or catalog[msgid].fuzzy
    )
    assert not missing, "Untranslated (run `make messages`, then translate translations/en): " + "; ".join(
        missing
    )
