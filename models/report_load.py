"""When the centre is busy: arrivals by weekday and hour of day (local time), arrivals against the counters at
work per hour, and the peaks. From the same ticket rows as the operations report (models/report_operations.py).

- arrivals: tickets issued, at their local hour of issue;
- counters at work in an hour: the counters that called at least one ticket in that local hour of that day
  (a counter open but idle for a whole hour is not seen: the system records calls, not presence);
- per hour of day: the mean per day over the days that had any arrival (so closed days do not dilute it);
- peak: the busiest day, and the busiest single hour of the period.
"""

from collections import Counter as Count
from dataclasses import dataclass, field
from datetime import date

from .site import Site

WEEKDAYS = 7
HOURS = 24


@dataclass
class HourLoad:
    hour: int
    arrivals: float  # mean per open day
    counters: float  # mean counters at work per open day

    @property
    def per_counter(self) -> float | None:
        return round(self.arrivals / self.counters, 1) if self.counters else None

    def as_dict(self) -> dict:
        return {
            "hour": self.hour,
            "arrivals": self.arrivals,
            "counters": self.counters,
            "per_counter": self.per_counter,
        }


@dataclass
class LoadReport:
    start: date
    end: date
    heatmap: list[list[int]]  # [weekday 0 = Monday][hour]: tickets issued
    hours: list[HourLoad]
    open_days: int
    busiest_day: tuple[date, int] | None
    peak_hour: tuple[date, int, int] | None  # day, hour, arrivals
    by_day: list[tuple[date, int]] = field(default_factory=list)

    @property
    def heatmap_max(self) -> int:
        return max((max(row) for row in self.heatmap), default=0)

    def as_dict(self) -> dict:
        return {
            "heatmap": self.heatmap,
            "hours": [h.as_dict() for h in self.hours if h.arrivals or h.counters],
            "open_days": self.open_days,
            "busiest_day": (
                {"day": self.busiest_day[0].isoformat(), "arrivals": self.busiest_day[1]}
                if self.busiest_day
                else None
            ),
            "peak_hour": (
                {
                    "day": self.peak_hour[0].isoformat(),
                    "hour": self.peak_hour[1],
                    "arrivals": self.peak_hour[2],
                }
                if self.peak_hour
                else None
            ),
            "by_day": [{"day": d.isoformat(), "arrivals": n} for d, n in self.by_day],
        }


def load_report(tallies: dict, sites: list[Site], start: date, end: date) -> LoadReport:
    """`tallies`: report_tickets() of the same sites and days (models/report_operations.py)."""
    heatmap = [[0] * HOURS for _ in range(WEEKDAYS)]
    arrivals: Count = Count()  # (day, hour)
    per_day: Count = Count()
    at_work: dict[tuple[int, int], set] = {}  # (day's ordinal, hour) → counters
    for site in sites:
        tally = tallies[site.id]
        for (weekday, hour), n in tally.heat.items():
            heatmap[weekday][hour] += n
        arrivals.update(tally.arrivals)
        for (day, _hour), n in tally.arrivals.items():
            per_day[day] += n
        for day, hour, counter_id in tally.at_work:
            at_work.setdefault((day, hour), set()).add(counter_id)
    days = len(per_day)
    open_days = {day.toordinal() for day in per_day}
    hours = []
    for hour in range(HOURS):
        came = sum(n for (_, h), n in arrivals.items() if h == hour)
        working = sum(len(c) for (d, h), c in at_work.items() if h == hour and d in open_days)
        hours.append(
            HourLoad(hour, round(came / days, 1) if days else 0, round(working / days, 1) if days else 0)
        )
    busiest = max(per_day.items(), key=lambda item: (item[1], -item[0].toordinal()), default=None)
    peak = max(
        arrivals.items(), key=lambda item: (item[1], -item[0][0].toordinal(), -item[0][1]), default=None
    )
    return LoadReport(
        start=start,
        end=end,
        heatmap=heatmap,
        hours=hours,
        open_days=days,
        busiest_day=busiest,
        peak_hour=(peak[0][0], peak[0][1], peak[1]) if peak else None,
        by_day=sorted(per_day.items()),
    )
