"""Search latency over a province-sized catalogue: 2,000 generated procedures (the demo catalogue's words
recombined), then the issue's example queries, many times. Prints p50/p95 in milliseconds (goal: p95 < 20 ms).

    .venv/bin/python bench/search_bench.py [--procedures 2000] [--rounds 50]
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='motcua-bench-')}/bench.db")

QUERIES = [
    "dang ky khai sinh",
    "KHAI SINH",
    "chứng thực bản sao",
    "chung thuc ban sao",
    "khai sihn",
    "ket hon",
    "giấy chứng nhận quyền sử dụng đất",
    "ho kinh doanh",
    "tro cap xa hoi",
    "1.0011",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()

    from flask_migrate import upgrade

    from models import Field, Procedure, db
    from models.search import search_ids
    from motcua import create_app
    from motcua.demo import seed_demo

    app = create_app()
    with app.app_context():
        upgrade()
        if not db.session.scalar(db.select(db.func.count(Procedure.id))):
            seed_demo(db.session)
            rng = random.Random(7)
            names = [p.name for p in db.session.scalars(db.select(Procedure))]
            words = sorted({w for n in names for w in n.split()})
            fields = db.session.scalars(db.select(Field)).all()
            for i in range(args.procedures - len(names)):
                name = " ".join(rng.sample(words, rng.randint(4, 14)))
                db.session.add(Procedure(code=f"3.{100000 + i:06d}", name=name, field=rng.choice(fields)))
            db.session.commit()
        total = db.session.scalar(db.select(db.func.count(Procedure.id)))
        started = time.perf_counter()
        search_ids(db.session, "khai sinh")
        build_ms = (time.perf_counter() - started) * 1000
        timings = []
        for _ in range(args.rounds):
            for query in QUERIES:
                started = time.perf_counter()
                search_ids(db.session, query)
                timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"catalogue: {total} procedures; index build {build_ms:.1f} ms (once per change)")
        print(f"search: {len(timings)} queries  p50 {p50:.2f} ms  p95 {p95:.2f} ms  max {timings[-1]:.2f} ms")
        print("goal: p95 < 20 ms —", "met" if p95 < 20 else "NOT met")


if __name__ == "__main__":
    main()
