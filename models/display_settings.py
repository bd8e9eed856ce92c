"""How each registered wall display of a site is set up (kept in its Device.settings): the zone it shows, its
layout, how many recent calls, whether it shows the waiting counts, its volume and the scrolling notice.

A display with no zone shows every counter; a counter with no zone is shown on every display
(Counter.zone, set on the counters page)."""

from dataclasses import asdict, dataclass

from flask_babel import lazy_gettext as _l

from . import form_values as form
from . import signals
from .audit import Actor, record
from .device import Device, DeviceKind
from .errors import InvalidField, NotFound

LAYOUTS = ("landscape", "portrait")


@dataclass(frozen=True)
class DisplaySettings:
    zone: str = ""
    layout: str = "landscape"
    recent: int = 8  # how many of the last calls are listed
    show_waiting: bool = True  # the waiting count of each service of the zone
    volume: int = 80  # percent
    ticker: str = ""  # the notice that scrolls along the bottom ("" = none)


def display_settings(device: Device | None) -> DisplaySettings:
    """The settings of a display (defaults for an unregistered one), tolerant of anything stored before."""
    stored = (device.settings or {}) if device is not None else {}
    default = DisplaySettings()
    values = {}
    for key, value in asdict(default).items():
        got = stored.get(key, value)
        values[key] = got if type(got) is type(value) else value
    if values["layout"] not in LAYOUTS:
        values["layout"] = default.layout
    return DisplaySettings(**values)


def _checked(values: dict) -> DisplaySettings:
    layout = values.get("layout")
    if layout not in LAYOUTS:
        raise InvalidField("layout", _l("Xin chọn một bố cục."))
    return DisplaySettings(
        zone=form.text(values, "zone", max_length=40),
        layout=layout,
        recent=form.number(values, "recent", low=0, high=20),
        show_waiting=form.flag(values, "show_waiting"),
        volume=form.number(values, "volume", low=0, high=100),
        ticker=form.text(values, "ticker", max_length=500),
    )


def update_display(session, actor: Actor, site_id: int, device_id: int, values: dict) -> Device:
    device = session.get(Device, device_id) if isinstance(device_id, int) else None
    if device is None or device.site_id != site_id or device.kind != DeviceKind.DISPLAY:
        raise NotFound()
    before = asdict(display_settings(device))
    after = asdict(_checked(values))
    # A new dict (not an in-place change) so that SQLAlchemy sees the JSON column change.
    device.settings = {**(device.settings or {}), **after}
    record(session, actor, "display_changed", device.name, site_id=site_id, before=before, after=after)
    signals.announce(session, signals.display_changed, site_id=site_id)
    return device
