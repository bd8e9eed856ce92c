"""Dossier numbers: one row per (site, local day), advanced by one atomic upsert (as models/numbering.py)."""

from datetime import date

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .dossier import DossierSequence

_INSERTS = {"sqlite": sqlite_insert, "postgresql": pg_insert}
MAX_PER_DAY = 9999  # the code has four digits for the number of the day


def next_dossier_number(session, site_id: int, day: date) -> int:
    table = DossierSequence.__table__
    insert = _INSERTS[session.get_bind().dialect.name]
    statement = (
        insert(table)
        .values(site_id=site_id, day=day, last_number=1)
        .on_conflict_do_update(
            index_elements=[table.c.site_id, table.c.day], set_={"last_number": table.c.last_number + 1}
        )
        .returning(table.c.last_number)
    )
    return session.execute(statement).scalar_one()


def dossier_code(unit_code: str, day: date, number: int) -> str:
    return f"{unit_code.upper()}-{day:%y%m%d}-{number:04d}"
