"""The search evaluation set (tests/data/search_eval.csv) over a province-sized catalogue: the demo catalogue
plus generated procedures up to 2,000 (the demo's words recombined, so they compete with the real ones).
Prints the share found right first and the latency (p50/p95; goal p95 < 20 ms).

    .venv/bin/python bench/catalogue_eval.py [--procedures 2000] [--rounds 20]
"""

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='motcua-eval-')}/eval.db")
EVAL_FILE = ROOT / "tests" / "data" / "search_eval.csv"


def _generate(db, Field, Procedure, count: int) -> None:
    rng = random.Random(7)
    names = [p.name for p in db.session.scalars(db.select(Procedure))]
    words = sorted({w for n in names for w in n.split()})
    fields = db.session.scalars(db.select(Field)).all()
    for i in range(count - len(names)):
        name = " ".join(rng.sample(words, rng.randint(4, 14)))
        db.session.add(Procedure(code=f"3.{100000 + i:06d}", name=name, field=rng.choice(fields)))
    db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    from flask_migrate import upgrade

    from models import Field, Procedure, Site, db
    from models.queries import today
    from models.search import search_scored
    from motcua import create_app
    from motcua.demo import seed_demo

    with EVAL_FILE.open(encoding="utf-8", newline="") as file:
        cases = list(csv.DictReader(file))
    app = create_app()
    with app.app_context():
        upgrade()
        if not db.session.scalar(db.select(db.func.count(Procedure.id))):
            seed_demo(db.session)
            _generate(db, Field, Procedure, args.procedures)
        site = db.session.scalar(db.select(Site).order_by(Site.id))
        options = {"site_id": site.id, "day": today(site)}
        total = db.session.scalar(db.select(db.func.count(Procedure.id)))
        started = time.perf_counter()
        search_scored(db.session, "khai sinh", **options)
        build_ms = (time.perf_counter() - started) * 1000
        wrong, timings = [], []
        for round_ in range(args.rounds):
            for case in cases:
                started = time.perf_counter()
                results = search_scored(db.session, case["query"], limit=10, lang=case["lang"], **options)
                timings.append((time.perf_counter() - started) * 1000)
                if round_ == 0 and (not results or results[0].code != case["expected"]):
                    wrong.append((case["query"], case["expected"], results[0].code if results else "—"))
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        share = 1 - len(wrong) / len(cases)
        print(f"catalogue: {total} procedures; index build {build_ms:.1f} ms (once per change)")
        print(f"evaluation set: {len(cases)} queries, right first {share:.1%}")
        for query, expected, got in wrong:
            print(f"  wrong: {query!r} expected {expected}, first {got}")
        print(
            f"latency: {len(timings)} searches  p50 {statistics.median(timings):.2f} ms  p95 {p95:.2f} ms  "
            f"max {timings[-1]:.2f} ms"
        )
        print("goal: p95 < 20 ms —", "met" if p95 < 20 else "NOT met")


if __name__ == "__main__":
    main()
