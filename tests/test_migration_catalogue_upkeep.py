"""0011 adds the catalogue's status and English columns in place: going down and up again keeps every procedure
with its documents, fees and service links (a batch copy of `procedures` would cascade-delete them)."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import func, inspect, select

from models import Procedure, ProcedureDocument, db, service_procedures


def _counts() -> tuple:
    return tuple(
        db.session.scalar(select(func.count()).select_from(table))
        for table in (Procedure, ProcedureDocument, service_procedures)
    )


def test_down_and_up_keeps_the_catalogue(demo):
    before = _counts()
    assert all(before)
    db.session.remove()
    try:
        downgrade(revision="0010_counter_operations")
        db.engine.dispose()
        assert "status" not in {c["name"] for c in inspect(db.engine).get_columns("procedures")}
    finally:
        upgrade()
    db.engine.dispose()
    assert _counts() == before
    assert db.session.scalar(select(Procedure.status).limit(1)) == "in_force"
