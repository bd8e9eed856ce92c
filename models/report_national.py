"""The national service-quality figures of a period, per site and in total, beside the queue's own index.

- dossiers received, resolved, early / on time / late / late with apology, on-time rate: the dossier figures
  of models/dossier_report.py, taken as they are (not recomputed here);
- online share: of the dossiers received, those whose procedure the catalogue offers online (toàn trình or
  một phần) — the share a centre could move to the portal, since a dossier received at the counter was, by
  definition, brought in person;
- dossier satisfaction (QĐ 766/QĐ-TTg): of the dossiers resolved in the period, the share NOT rated
  "Không hài lòng" (the rating of the ticket the dossier was received on) and without a complaint. This system
  records no complaints (phản ánh, kiến nghị), so none is subtracted: the figure is an upper bound until the
  province's complaint system is joined;
- per-ticket satisfaction index: the satisfaction report's index (models/satisfaction_report.py), over tickets
  served — a queue figure, not the national method.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from .catalogue import Field, Procedure
from .clock import day_bounds_utc
from .dossier import Dossier
from .dossier_report import OUTCOMES, dossier_report
from .dossier_report import Figures as DossierFigures
from .rating import Level, Rating
from .satisfaction_report import satisfaction_report
from .site import Site
from .user import User

ONLINE = ("toan_trinh", "mot_phan")


@dataclass
class NationalFigures:
    dossiers: DossierFigures
    received_online_capable: int = 0
    resolved_rated_dissatisfied: int = 0
    tickets_served: int = 0
    tickets_dissatisfied: int = 0

    @property
    def online_share(self) -> float | None:
        received = self.dossiers.received
        return round(100 * self.received_online_capable / received, 1) if received else None

    @property
    def dossier_satisfaction(self) -> float | None:
        resolved = self.dossiers.resolved
        if not resolved:
            return None
        return round(100 * (resolved - self.resolved_rated_dissatisfied) / resolved, 1)

    @property
    def ticket_index(self) -> float | None:
        if not self.tickets_served:
            return None
        return round(100 * (self.tickets_served - self.tickets_dissatisfied) / self.tickets_served, 1)

    def add(self, other: "NationalFigures") -> None:
        self.dossiers.received += other.dossiers.received
        self.dossiers.outcomes.update(other.dossiers.outcomes)
        self.dossiers.pending += other.dossiers.pending
        self.received_online_capable += other.received_online_capable
        self.resolved_rated_dissatisfied += other.resolved_rated_dissatisfied
        self.tickets_served += other.tickets_served
        self.tickets_dissatisfied += other.tickets_dissatisfied

    def as_dict(self) -> dict:
        return {
            **self.dossiers.as_dict(),
            "online_share": self.online_share,
            "dossier_satisfaction": self.dossier_satisfaction,
            "ticket_satisfaction_index": self.ticket_index,
        }


@dataclass
class NationalReport:
    total: NationalFigures
    sites: list[tuple[Site, NationalFigures]]

    def as_dict(self) -> dict:
        return {
            "total": self.total.as_dict(),
            "sites": [{"site": {"id": s.id, "code": s.code}, **f.as_dict()} for s, f in self.sites],
        }


def national_report(session, sites: list[Site], start: date, end: date, satisfaction: dict | None = None):
    """`satisfaction`: site id → satisfaction_report() of the same days, when the caller already has them."""
    # dossier_report reads each dossier's procedure, field and officer: with them all in the session already,
    # that costs no query per dossier (the identity map holds them while `known` lives).
    known = [
        *session.scalars(select(Procedure)),
        *session.scalars(select(Field)),
        *session.scalars(select(User)),
    ]
    total = NationalFigures(DossierFigures())
    per_site = []
    for site in sites:
        tickets = satisfaction[site.id] if satisfaction else satisfaction_report(session, site.id, start, end)
        figures = site_national_figures(session, site, start, end, tickets)
        total.add(figures)
        per_site.append((site, figures))
    del known
    return NationalReport(total, per_site)


def site_national_figures(session, site: Site, start: date, end: date, satisfaction=None) -> NationalFigures:
    dossiers = dossier_report(session, site, start, end)
    tickets = (satisfaction or satisfaction_report(session, site.id, start, end)).total
    return NationalFigures(
        dossiers=dossiers.total,
        received_online_capable=sum(1 for d in dossiers.rows if d.procedure.online in ONLINE),
        resolved_rated_dissatisfied=_resolved_dissatisfied(session, site, start, end),
        tickets_served=tickets.served,
        tickets_dissatisfied=tickets.levels[Level.DISSATISFIED],
    )


def _resolved_dissatisfied(session, site: Site, start: date, end: date) -> int:
    """Dossiers resolved in the period (as dossier_report counts them) whose ticket was rated dissatisfied."""
    begin_utc, _ = day_bounds_utc(start, site.timezone)
    _, end_utc = day_bounds_utc(end, site.timezone)
    return session.scalar(
        select(func.count(Dossier.id))
        .join(Rating, Rating.ticket_id == Dossier.ticket_id)
        .where(
            Dossier.site_id == site.id,
            Dossier.result_ready_at >= begin_utc,
            Dossier.result_ready_at < end_utc,
            Dossier.timeliness.in_(OUTCOMES),
            Rating.level == Level.DISSATISFIED,
        )
    )
