"""A list of durations and the three figures every report gives of it: mean, median and 90th percentile.

Median: the middle value, or the mean of the two middle ones when the count is even. 90th percentile: the
nearest rank, the smallest value at least 90 % of the durations do not exceed (sorted[ceil(0.9 n) − 1]), so
it is always a wait somebody really had. All three in minutes, one decimal."""

import math
from dataclasses import dataclass, field
from itertools import chain


@dataclass
class Durations:
    seconds: list[float] = field(default_factory=list)

    @classmethod
    def merged(cls, runs: list[list[float]]) -> "Durations":
        """The durations of sorted lists, sorted: Timsort finds the runs and merges them (n·log(runs), where
        sorting the lists' values afresh costs n·log(n))."""
        seconds = list(chain.from_iterable(runs))
        seconds.sort()
        durations = cls(seconds)
        durations._order = seconds
        return durations

    def add(self, value: float) -> None:
        self.seconds.append(value)
        self._order = None

    def _sorted(self) -> list[float]:
        """Sorted once, when the figures are first read (the lists are complete by then)."""
        if getattr(self, "_order", None) is None or len(self._order) != len(self.seconds):
            self._order = sorted(self.seconds)
        return self._order

    @property
    def count(self) -> int:
        return len(self.seconds)

    @property
    def mean(self) -> float | None:
        # fsum: exact, so the mean does not depend on the order the days were added in
        return _minutes(math.fsum(self.seconds) / len(self.seconds)) if self.seconds else None

    @property
    def median(self) -> float | None:
        if not self.seconds:
            return None
        ordered = self._sorted()
        middle = len(ordered) // 2
        if len(ordered) % 2:
            return _minutes(ordered[middle])
        return _minutes((ordered[middle - 1] + ordered[middle]) / 2)

    @property
    def p90(self) -> float | None:
        if not self.seconds:
            return None
        ordered = self._sorted()
        return _minutes(ordered[math.ceil(0.9 * len(ordered)) - 1])

    def as_dict(self) -> dict:
        return {"count": self.count, "mean": self.mean, "median": self.median, "p90": self.p90}


def _minutes(seconds: float) -> float:
    return round(seconds / 60, 1)
