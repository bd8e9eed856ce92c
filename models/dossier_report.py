"""The dossier figures of a period, as the national index counts them: dossiers received; dossiers resolved
(result ready) early, on time, late, late with an apology; the on-time rate (early + on time over resolved;
a late one with an apology is still late); dossiers still pending at the end; by procedure, field and officer.

A dossier is judged on the day its result was ready, not on the day the citizen came for it: a citizen who
collects late does not make the centre late."""

from collections import Counter as Tally
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select

from .clock import day_bounds_utc
from .dossier import Dossier, Timeliness

OUTCOMES = (Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE, Timeliness.LATE_WITH_APOLOGY)


@dataclass
class Figures:
    received: int = 0
    outcomes: Tally = field(default_factory=Tally)
    pending: int = 0

    @property
    def resolved(self) -> int:
        return sum(self.outcomes[o] for o in OUTCOMES)

    @property
    def on_time_rate(self) -> float | None:
        """Percent, two decimals; None when nothing was resolved."""
        if not self.resolved:
            return None
        good = self.outcomes[Timeliness.EARLY] + self.outcomes[Timeliness.ON_TIME]
        return round(100 * good / self.resolved, 2)

    def as_dict(self) -> dict:
        return {
            "received": self.received,
            "resolved": self.resolved,
            **{o: self.outcomes[o] for o in OUTCOMES},
            "pending": self.pending,
            "on_time_rate": self.on_time_rate,
        }


@dataclass
class DossierReport:
    start: date
    end: date
    total: Figures
    by_procedure: dict[str, Figures]
    by_field: dict[str, Figures]
    by_officer: dict[str, Figures]
    rows: list[Dossier]  # the register (Mẫu 07): every dossier received in the period

    def as_dict(self) -> dict:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "total": self.total.as_dict(),
            "by_procedure": {k: v.as_dict() for k, v in self.by_procedure.items()},
            "by_field": {k: v.as_dict() for k, v in self.by_field.items()},
            "by_officer": {k: v.as_dict() for k, v in self.by_officer.items()},
        }


def dossier_report(session, site, start: date, end: date) -> DossierReport:
    begin_utc, _ = day_bounds_utc(start, site.timezone)
    _, end_utc = day_bounds_utc(end, site.timezone)
    dossiers = session.scalars(
        select(Dossier)
        .where(
            Dossier.site_id == site.id,
            Dossier.received_at < end_utc,
            or_(
                Dossier.received_at >= begin_utc,
                Dossier.result_ready_at.is_(None),
                Dossier.result_ready_at >= begin_utc,
            ),
        )
        .order_by(Dossier.received_at, Dossier.id)
    ).all()
    total, by_procedure, by_field, by_officer = Figures(), {}, {}, {}
    register = []
    for dossier in dossiers:
        groups = (
            total,
            by_procedure.setdefault(dossier.procedure.code, Figures()),
            by_field.setdefault(dossier.procedure.field.name if dossier.procedure.field else "", Figures()),
            by_officer.setdefault(dossier.officer.full_name if dossier.officer else "", Figures()),
        )
        received_here = dossier.received_at >= begin_utc
        resolved_here = dossier.result_ready_at is not None and begin_utc <= dossier.result_ready_at < end_utc
        pending_at_end = (dossier.result_ready_at is None or dossier.result_ready_at >= end_utc) and (
            dossier.finished_at is None or dossier.finished_at >= end_utc
        )
        if received_here:
            register.append(dossier)
        for figures in groups:
            figures.received += received_here
            if resolved_here and dossier.timeliness:
                figures.outcomes[dossier.timeliness] += 1
            figures.pending += pending_at_end
    return DossierReport(start, end, total, by_procedure, by_field, by_officer, register)
