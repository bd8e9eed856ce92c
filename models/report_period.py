"""Everything the director's report shows for a period, computed once by each figure family's own function
(models/report_operations.py, report_load.py, report_national.py); the page, the print page, the XLSX file and
the API all render this one object."""

from dataclasses import dataclass
from datetime import date, datetime

from .report_load import LoadReport, load_report
from .report_national import NationalReport, national_report
from .report_operations import OperationsReport, operations_report, report_tickets
from .satisfaction_report import counted_report, report_names
from .site import Site


@dataclass
class PeriodReport:
    sites: list[Site]
    start: date
    end: date
    operations: OperationsReport
    load: LoadReport
    national: NationalReport

    @property
    def several(self) -> bool:
        return len(self.sites) > 1

    def as_dict(self) -> dict:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "sites": [{"id": s.id, "code": s.code, "name": s.name} for s in self.sites],
            "operations": self.operations.as_dict(),
            "load": self.load.as_dict(),
            "national": self.national.as_dict(),
        }


def period_report(
    session, sites: list[Site], start: date, end: date, now: datetime | None = None
) -> PeriodReport:
    """`now`: the moment that decides which days are over (stored in the roll-up) and which are counted live;
    the present by default."""
    tickets = report_tickets(session, sites, start, end, now)
    names = report_names(session, [s.id for s in sites])
    satisfaction = {
        s.id: counted_report(
            session, s.id, start, end, [(*key, n) for key, n in tickets[s.id].rated.items()], names
        )
        for s in sites
    }
    return PeriodReport(
        sites=sites,
        start=start,
        end=end,
        operations=operations_report(session, sites, start, end, tickets, satisfaction),
        load=load_report(tickets, sites, start, end),
        national=national_report(session, sites, start, end, satisfaction),
    )
