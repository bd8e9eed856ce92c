"""Officers receiving dossiers at the same moment through a real server process (threads, on SQLite and
PostgreSQL): the per-day upsert gives each its own number, and two officers moving one dossier give one winner."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import select

from models import Dossier, DossierEvent, db

from .helpers import bearer
from .servers import running_server

pytestmark = pytest.mark.slow

THREADS = 6
BODY = {"procedure_code": "1.004873", "applicant": {"name": "Hà Văn Khoa", "phone": "0912345678"}}


def _race(call) -> list[requests.Response]:
    barrier = threading.Barrier(THREADS)

    def run(index: int) -> requests.Response:
        barrier.wait()
        return call(index)

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(run, range(THREADS)))


def test_concurrent_receipts_get_consecutive_numbers_and_one_state_change_wins(demo):
    with running_server() as base:
        headers = [bearer(base, f"canbo{i % 6 + 1}") for i in range(THREADS)]
        created = _race(
            lambda i: requests.post(f"{base}/api/v1/dossiers", json=BODY, headers=headers[i], timeout=60)
        )
        assert sorted(r.status_code for r in created) == [201] * THREADS, [r.text for r in created]
        code = created[0].json()["code"]
        moved = _race(
            lambda i: requests.post(
                f"{base}/api/v1/dossiers/{code}/status",
                json={"status": "processing"},
                headers=headers[i],
                timeout=60,
            )
        )
    assert sorted(r.status_code for r in moved) == [200] + [409] * (THREADS - 1), [r.text for r in moved]
    assert {r.json()["error"]["code"] for r in moved if r.status_code == 409} == {"dossier_changed"}
    db.session.expire_all()
    numbers = sorted(db.session.scalars(select(Dossier.number)))
    assert numbers == list(range(1, THREADS + 1))
    dossier = db.session.scalar(select(Dossier).filter_by(code=code))
    assert dossier.status == "processing"
    assert (
        db.session.scalar(select(db.func.count()).select_from(DossierEvent).filter_by(dossier_id=dossier.id))
        == 2
    )
