"""How often citizens come for each procedure at a centre: tickets taken from a procedure's page and views of
its page. Search uses it to order equally good matches; a new centre falls back on the catalogue's prior."""

import math
import threading
import time

from sqlalchemy import ForeignKey, Integer, select, update
from sqlalchemy.orm import Mapped, mapped_column

from .base import db
from .catalogue import Procedure

TICKET_WEIGHT = 5  # a ticket taken says more about why citizens come than a page view
CACHE_SECONDS = 30  # search reads the counts at most this stale (they only order ties)


class ProcedureUse(db.Model):
    __tablename__ = "procedure_uses"

    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedures.id", ondelete="CASCADE"), primary_key=True
    )
    views: Mapped[int] = mapped_column(Integer, default=0)
    tickets: Mapped[int] = mapped_column(Integer, default=0)


def count_use(session, site_id: int, procedure_id: int, *, ticket: bool = False) -> None:
    """One more view (or ticket) of a procedure at a site: one UPDATE, or the first row."""
    column = ProcedureUse.tickets if ticket else ProcedureUse.views
    changed = session.execute(
        update(ProcedureUse)
        .filter_by(site_id=site_id, procedure_id=procedure_id)
        .values({column: column + 1})
    ).rowcount
    if not changed:
        session.add(
            ProcedureUse(
                site_id=site_id, procedure_id=procedure_id, views=0 if ticket else 1, tickets=int(ticket)
            )
        )


_lock = threading.Lock()
_cache: dict[tuple, tuple[float, dict[int, float]]] = {}


def forget_cached() -> None:
    with _lock:
        _cache.clear()


def popularity(session, site_id: int | None, catalogue: tuple = ()) -> dict[int, float]:
    """Procedure id → popularity in [0, 1] at this site: its uses (tickets weigh more than views) relative to
    the most used one; while the site has fewer than 50 uses in all, the catalogue's prior (0–100) decides.
    `catalogue` (the search index's signature) keys the cache: a changed catalogue is read afresh."""
    key = (str(session.get_bind().url), site_id, catalogue)
    now = time.monotonic()
    cached = _cache.get(key)
    if cached and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    uses = {}
    if site_id is not None:
        uses = {
            pid: views + TICKET_WEIGHT * tickets
            for pid, views, tickets in session.execute(
                select(ProcedureUse.procedure_id, ProcedureUse.views, ProcedureUse.tickets).filter_by(
                    site_id=site_id
                )
            )
        }
    if sum(uses.values()) >= 50:
        top = math.log1p(max(uses.values()))
        result = {pid: math.log1p(n) / top for pid, n in uses.items()}
    else:
        result = {
            pid: prior / 100 for pid, prior in session.execute(select(Procedure.id, Procedure.prior)) if prior
        }
    with _lock:
        _cache[key] = (now, result)
    return result
