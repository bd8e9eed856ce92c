"""The evaluation set (tests/data/search_eval.csv): real queries — formal, colloquial, without diacritics, with
typos, run together, codes, documents, English — each with the procedure a citizen means. At least 95% must
find it first; bench/catalogue_eval.py prints the same share and the latency over 2,000 procedures."""

import csv
from pathlib import Path

from models import db
from models.queries import today
from models.search import search_scored

EVAL_FILE = Path(__file__).resolve().parent / "data" / "search_eval.csv"
THRESHOLD = 0.95


def _cases() -> list[dict]:
    with EVAL_FILE.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_set_covers_every_kind_of_query():
    cases = _cases()
    assert len(cases) >= 60
    kinds = {case["kind"] for case in cases}
    assert {
        "formal",
        "colloquial",
        "no diacritics",
        "typo",
        "run together",
        "code",
        "document",
        "english",
    } <= kinds


def test_at_least_95_percent_find_the_right_procedure_first(demo):
    cases = _cases()
    wrong = []
    for case in cases:
        results = search_scored(
            db.session, case["query"], limit=5, site_id=demo.site.id, day=today(demo.site), lang=case["lang"]
        )
        if not results or results[0].code != case["expected"]:
            wrong.append((case["query"], case["expected"], [r.code for r in results[:3]]))
    share = 1 - len(wrong) / len(cases)
    assert share >= THRESHOLD, f"{share:.0%} right first; wrong: {wrong}"
