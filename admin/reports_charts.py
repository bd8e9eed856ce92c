"""The operations report's charts, drawn on the server as SVG: no script, no chart library, and legible
printed in black and white (grey levels, outlines and hatching carry the meaning, every value is written on
the chart, and the page puts each chart's table under it)."""

from flask_babel import gettext as _
from markupsafe import Markup, escape

from models.report_load import LoadReport

HATCH = (
    '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="1.5"/></pattern></defs>'
)


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="12">'
        f"<title>{escape(title)}</title>{HATCH}{''.join(body)}</svg>"
    )


def _text(x, y, value, anchor="middle", fill="#000", weight="normal") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" font-weight="{weight}">'
        f"{escape(value)}</text>"
    )


def _number(value) -> str:
    return f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)


def heatmap(load: LoadReport) -> Markup:
    """Tickets issued by weekday and hour: darker is busier, and each cell says its count."""
    hours = [h for h in range(24) if any(row[h] for row in load.heatmap)] or list(range(7, 18))
    hours = list(range(min(hours), max(hours) + 1))
    cell, left, top = 38, 40, 24
    width, height = left + cell * len(hours) + 8, top + cell * 7 + 8
    peak = load.heatmap_max or 1
    body = [_text(left + cell * i + cell / 2, 16, f"{h}h") for i, h in enumerate(hours)]
    labels = (_("T2"), _("T3"), _("T4"), _("T5"), _("T6"), _("T7"), _("CN"))
    for day, label in enumerate(labels):
        y = top + cell * day
        body.append(_text(left - 8, y + cell / 2 + 4, label, anchor="end", weight="bold"))
        for i, hour in enumerate(hours):
            value = load.heatmap[day][hour]
            shade = round(255 - 215 * value / peak)
            x = left + cell * i
            body.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="rgb({shade},{shade},{shade})" '
                f'stroke="#000" stroke-width="0.5"/>'
            )
            if value:
                body.append(
                    _text(x + cell / 2, y + cell / 2 + 4, str(value), fill="#fff" if shade < 130 else "#000")
                )
    return _svg(width, height, _("Số phiếu theo giờ và thứ trong tuần"), body)


def hourly(load: LoadReport) -> Markup:
    """Arrivals per hour (grey bars) against counters at work (black line with square marks), per day."""
    busy = [h.hour for h in load.hours if h.arrivals or h.counters]
    hours = load.hours[min(busy + [7]) : max(busy + [17]) + 1]  # at least the working day, 7h–17h
    top_value = max([h.arrivals for h in hours] + [h.counters for h in hours] + [1])
    bar, left, top, plot = 44, 40, 30, 200
    width, height = max(left + bar * len(hours) + 10, 380), top + plot + 40

    def y(value):
        return top + plot - plot * value / top_value

    body = [
        f'<line x1="{left}" y1="{top + plot}" x2="{width - 6}" y2="{top + plot}" stroke="#000"/>',
        f'<rect x="{left}" y="4" width="12" height="12" fill="#bbb" stroke="#000"/>',
        _text(left + 16, 14, _("Phiếu đến / ngày"), anchor="start"),
        f'<line x1="{left + 170}" y1="10" x2="{left + 196}" y2="10" stroke="#000" stroke-width="2"/>',
        f'<rect x="{left + 179}" y="6" width="8" height="8" fill="#000"/>',
        _text(left + 202, 14, _("Quầy làm việc"), anchor="start"),
    ]
    body.append(_text(left - 4, top + plot + 32, _("Quầy"), anchor="end", weight="bold"))
    points = []
    for i, h in enumerate(hours):
        x = left + bar * i
        body.append(
            f'<rect x="{x + 6}" y="{y(h.arrivals):.1f}" width="{bar - 12}" height="{top + plot - y(h.arrivals):.1f}" '
            f'fill="#bbb" stroke="#000"/>'
        )
        if h.arrivals:  # beside the bar's top, clear of the counters' mark on its centre line
            body.append(_text(x + bar - 4, y(h.arrivals) - 4, _number(h.arrivals), anchor="start"))
        body.append(_text(x + bar / 2, top + plot + 16, f"{h.hour}h"))
        points.append((x + bar / 2, y(h.counters)))
        body.append(_text(x + bar / 2, top + plot + 32, _number(h.counters), weight="bold"))
    if points:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="#000" stroke-width="2"/>')
        body += [
            f'<rect x="{px - 4:.1f}" y="{py - 4:.1f}" width="8" height="8" fill="#000"/>' for px, py in points
        ]
    return _svg(width, height, _("Phiếu đến và quầy làm việc theo giờ"), body)


def service_waits(groups) -> Markup:
    """Per service: median wait (solid grey bar) and 90th percentile (hatched bar), minutes written beside."""
    rows = [g for g in groups if g.waits.count]
    longest = max([g.waits.p90 for g in rows] + [1])
    label_width, plot, row = 230, 380, 40
    width, height = label_width + plot + 70, 30 + row * max(len(rows), 1)
    body = [
        '<rect x="0" y="4" width="12" height="12" fill="#888" stroke="#000"/>',
        _text(16, 14, _("Trung vị"), anchor="start"),
        '<rect x="110" y="4" width="12" height="12" fill="url(#hatch)" stroke="#000"/>',
        _text(126, 14, _("9 trên 10 công dân chờ không quá"), anchor="start"),
    ]
    for i, g in enumerate(rows):
        y = 28 + row * i
        body.append(_text(label_width - 8, y + 20, g.name[:34], anchor="end"))
        for offset, value, fill in ((0, g.waits.median, "#888"), (17, g.waits.p90, "url(#hatch)")):
            length = plot * value / longest
            body.append(
                f'<rect x="{label_width}" y="{y + offset}" width="{length:.1f}" height="14" fill="{fill}" stroke="#000"/>'
            )
            body.append(
                _text(label_width + length + 4, y + offset + 12, _number(value) + "′", anchor="start")
            )
    return _svg(width, height, _("Thời gian chờ theo dịch vụ (phút)"), body)
