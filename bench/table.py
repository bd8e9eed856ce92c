"""The one output of every scale harness: a table "figure | measured | goal | ok?", and the percentiles."""


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) by nearest rank; NaN for no values, so an empty run never looks good."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def ms(seconds: list[float], q: float) -> float:
    return percentile(seconds, q) * 1000


class Table:
    def __init__(self, title: str) -> None:
        self.title = title
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, figure: str, measured: float | str, goal: str = "", ok: bool | None = None, unit: str = ""):
        """One row; `ok` None means "no goal, for reading" (printed as a dash)."""
        if isinstance(measured, int):
            shown = f"{measured:,}{unit}"
        else:
            shown = f"{measured:,.1f}{unit}" if isinstance(measured, float) else str(measured)
        verdict = "-" if ok is None else ("yes" if ok else "NO")
        self.rows.append((figure, shown, goal, verdict))

    def goal(self, figure: str, value: float, limit: float, unit: str, *, at_least: bool = False):
        """A row whose goal is a bound: `value` ≤ `limit` (or ≥ with at_least). NaN never passes."""
        ok = value >= limit if at_least else value <= limit
        self.add(figure, value, f"{'≥' if at_least else '≤'} {limit:,g}{unit}", ok and value == value, unit)

    def print(self) -> None:
        header = ("figure", "measured", "goal", "ok?")
        widths = [max(len(row[i]) for row in [header, *self.rows]) for i in range(4)]
        print(f"\n## {self.title}\n")
        for row in [header, tuple("-" * w for w in widths), *self.rows]:
            print("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |")
        print(flush=True)
