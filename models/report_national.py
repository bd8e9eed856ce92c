"""The national service-quality figures of a period, per site and in total, beside the queue's own index.

- dossiers received, resolved, early / on time / late / late with apology, on-time rate: the dossier figures
  of models/dossier_report.py, by its rules, counted here in SQL (a province's quarter is 75,000 dossiers:
  too many to load as objects for one report); a test holds the two equal;
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

from sqlalchemy import case, func, or_, select

from .catalogue import Procedure
from .clock import day_bounds_utc
from .dossier import Dossier
from .dossier_report import OUTCOMES
from .dossier_report import Figures as DossierFigures
from .rating import Level, Rating
from .satisfaction_report import satisfaction_report
from .site import Site

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
    dossiers = _dossier_counts(session, sites, start, end)
    total = NationalFigures(DossierFigures())
    per_site = []
    for site in sites:
        tickets = (
            satisfaction[site.id] if satisfaction else satisfaction_report(session, site.id, start, end)
        ).total
        figures, online, dissatisfied = dossiers[site.id]
        figures = NationalFigures(
            dossiers=figures,
            received_online_capable=online,
            resolved_rated_dissatisfied=dissatisfied,
            tickets_served=tickets.served,
            tickets_dissatisfied=tickets.levels[Level.DISSATISFIED],
        )
        total.add(figures)
        per_site.append((site, figures))
    return NationalReport(total, per_site)


def _dossier_counts(session, sites: list[Site], start: date, end: date) -> dict[int, tuple]:
    """Site id → (dossier figures, received online-capable, resolved rated dissatisfied), counted in SQL by the
    rules of models/dossier_report.py (a dossier received in the period; resolved in it, by its timeliness;
    pending at its end) — one query per figure for all the sites of a time zone, instead of loading every
    dossier (tests/test_report_rollup.py holds the two equal on a generated year)."""
    counts = {s.id: (DossierFigures(), [0], [0]) for s in sites}
    zones: dict[str, list[int]] = {}
    for site in sites:
        zones.setdefault(site.timezone, []).append(site.id)
    for zone, ids in zones.items():
        begin_utc, _ = day_bounds_utc(start, zone)
        _, end_utc = day_bounds_utc(end, zone)
        ready = Dossier.result_ready_at
        for site_id, received, online in session.execute(
            select(Dossier.site_id, func.count(), _count_if(Procedure.online.in_(ONLINE)))
            .outerjoin(Procedure, Procedure.id == Dossier.procedure_id)
            .where(Dossier.site_id.in_(ids), Dossier.received_at >= begin_utc, Dossier.received_at < end_utc)
            .group_by(Dossier.site_id)
        ):
            counts[site_id][0].received = received
            counts[site_id][1][0] = online or 0
        # Pending at the end: received before it, and neither resolved nor finished by then. Two index
        # ranges (no result yet; a result after the end) rather than one OR over every dossier ever received.
        for not_ready in (ready.is_(None), ready >= end_utc):
            for site_id, n in session.execute(
                select(Dossier.site_id, func.count())
                .where(
                    Dossier.site_id.in_(ids),
                    not_ready,
                    Dossier.received_at < end_utc,
                    or_(Dossier.finished_at.is_(None), Dossier.finished_at >= end_utc),
                )
                .group_by(Dossier.site_id)
            ):
                counts[site_id][0].pending += n
        resolved = (
            Dossier.site_id.in_(ids),
            Dossier.received_at < end_utc,
            ready >= begin_utc,
            ready < end_utc,
        )
        for site_id, timeliness, n in session.execute(
            select(Dossier.site_id, Dossier.timeliness, func.count())
            .where(*resolved, Dossier.timeliness.is_not(None), Dossier.timeliness != "")
            .group_by(Dossier.site_id, Dossier.timeliness)
        ):
            counts[site_id][0].outcomes[timeliness] += n
        for site_id, n in session.execute(
            select(Dossier.site_id, func.count())
            .join(Rating, Rating.ticket_id == Dossier.ticket_id)
            .where(*resolved, Dossier.timeliness.in_(OUTCOMES), Rating.level == Level.DISSATISFIED)
            .group_by(Dossier.site_id)
        ):
            counts[site_id][2][0] = n
    return {site_id: (figures, online[0], bad[0]) for site_id, (figures, online, bad) in counts.items()}


def _count_if(condition):
    return func.sum(case((condition, 1), else_=0))
