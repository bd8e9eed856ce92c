"""Ticket numbers: one row per (site, service, local day), advanced by a single atomic statement.

INSERT … ON CONFLICT DO UPDATE … RETURNING runs as one statement on SQLite ≥ 3.35 and PostgreSQL: two
processes can never read the same last number, and a rolled-back ticket rolls its number back too (no gaps).
"""

from datetime import date

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .ticket import TicketSequence

_INSERTS = {"sqlite": sqlite_insert, "postgresql": pg_insert}


def next_number(session, site_id: int, service_id: int, day: date, first: int) -> int:
    table = TicketSequence.__table__
    insert = _INSERTS[session.get_bind().dialect.name]
    statement = (
        insert(table)
        .values(site_id=site_id, service_id=service_id, day=day, last_number=first)
        .on_conflict_do_update(
            index_elements=[table.c.site_id, table.c.service_id, table.c.day],
            set_={"last_number": table.c.last_number + 1},
        )
        .returning(table.c.last_number)
    )
    return session.execute(statement).scalar_one()
