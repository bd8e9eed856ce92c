"""Setting up a site's services: create, edit (with the weekly schedule), reorder, hide. A service is never
deleted: its tickets, ratings and reports keep pointing at it."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from . import form_values as form
from .audit import Actor, record
from .catalogue import Procedure
from .errors import InvalidField, NotFound
from .schedule import InvalidSchedule, format_day, set_schedule
from .service import Service
from .service_icons import ICONS
from .signals import announce, queue_changed

# The kiosk's button colours: named, so the kiosk's style sheet holds them (the pages allow no inline style).
COLORS = {
    "": _l("Màu chung"),
    "green": _l("Xanh lá"),
    "red": _l("Đỏ"),
    "orange": _l("Cam"),
    "purple": _l("Tím"),
    "teal": _l("Xanh ngọc"),
    "brown": _l("Nâu"),
}

EDITABLE = (
    "name",
    "description",
    "prefix",
    "number_start",
    "number_end",
    "daily_cap",
    "default_minutes",
    "color",
    "icon",
)


def service_values(service: Service) -> dict:
    values = {
        name: getattr(service, name) for name in (*EDITABLE, "active", "position", "stop_issuing_minutes")
    }
    values["schedule"] = [format_day([w for w in service.windows if w.weekday == d]) for d in range(7)]
    values["procedures"] = sorted(p.code for p in service.procedures)
    return values


def _checked(session, site_id: int, values: dict, service: Service | None) -> dict:
    checked = {
        "name": form.text(values, "name", max_length=200, required=True, label=_l("tên dịch vụ")),
        "description": form.text(values, "description", max_length=500),
        "prefix": form.matching(
            values,
            "prefix",
            r"[A-Z]{1,3}",
            _l("Chữ cái đầu số gồm 1–3 chữ in hoa không dấu, ví dụ A."),
            max_length=3,
        ),
        "number_start": form.number(values, "number_start", low=1, high=9998),
        "number_end": form.number(values, "number_end", low=2, high=9999),
        "daily_cap": form.number(values, "daily_cap", low=1, high=9999, required=False),
        "default_minutes": form.number(values, "default_minutes", low=1, high=240),
        "color": values.get("color") or "",
        "icon": values.get("icon") or "",
    }
    if checked["color"] not in COLORS:
        raise InvalidField("color", _l("Xin chọn một màu trong danh sách."))
    if checked["icon"] not in ICONS:
        raise InvalidField("icon", _l("Xin chọn một biểu tượng trong danh sách."))
    if checked["number_end"] <= checked["number_start"]:
        raise InvalidField("number_end", _l("Số cuối phải lớn hơn số đầu."))
    taken = session.scalar(select(Service).filter_by(site_id=site_id, prefix=checked["prefix"]))
    if taken is not None and taken is not service:
        raise InvalidField(
            "prefix",
            _l("Chữ %(prefix)s đã dùng cho dịch vụ “%(name)s”.", prefix=taken.prefix, name=taken.name),
        )
    return checked


def _procedures(session, ids) -> list[Procedure]:
    ids = sorted({i for i in ids if isinstance(i, int)})
    found = list(session.scalars(select(Procedure).where(Procedure.id.in_(ids)))) if ids else []
    if len(found) != len(ids):
        raise InvalidField("procedures", _l("Có thủ tục không còn trong danh mục."))
    return found


def save_service(
    session,
    actor: Actor,
    site_id: int,
    values: dict,
    *,
    schedule: list[str],
    procedure_ids: list[int],
    service_id: int | None = None,
) -> Service:
    """Create or change a service of `site_id`, its weekly windows and its procedures, in one transaction."""
    service = None
    if service_id is not None:
        service = session.get(Service, service_id)
        if service is None or service.site_id != site_id:
            raise NotFound()
    checked = _checked(session, site_id, values, service)
    stop = form.number(values, "stop_issuing_minutes", low=0, high=240, required=False) or 0
    before = service_values(service) if service is not None else None
    if service is None:
        last = session.scalar(select(func.max(Service.position)).filter_by(site_id=site_id))
        service = Service(site_id=site_id, position=(last or 0) + 1, **checked)
        session.add(service)
    else:
        for name, value in checked.items():
            setattr(service, name, value)
    try:
        set_schedule(session, service, schedule, stop)
    except InvalidSchedule as error:
        raise InvalidField("schedule", error.message) from None
    service.procedures = _procedures(session, procedure_ids)
    form.flush_unique(session, "prefix", _l("Chữ này vừa được dùng cho một dịch vụ khác."))
    record(
        session,
        actor,
        "service_created" if before is None else "service_changed",
        f"{service.prefix} {service.name}",
        site_id=site_id,
        before=before,
        after=service_values(service),
    )
    announce(session, queue_changed, site_id=site_id, service_ids=[service.id])
    return service


def _service_of(session, site_id: int, service_id: int) -> Service:
    service = session.get(Service, service_id) if isinstance(service_id, int) else None
    if service is None or service.site_id != site_id:
        raise NotFound()
    return service


def set_service_active(session, actor: Actor, site_id: int, service_id: int, active: bool) -> Service:
    """Hide a service from the kiosk (waiting tickets are still served) or show it again."""
    service = _service_of(session, site_id, service_id)
    before = service_values(service)
    service.active = active
    record(
        session,
        actor,
        "service_changed",
        f"{service.prefix} {service.name}",
        site_id=site_id,
        before=before,
        after=service_values(service),
    )
    announce(session, queue_changed, site_id=site_id, service_ids=[service.id])
    return service


def move_service(session, actor: Actor, site_id: int, service_id: int, step: int) -> Service:
    """One place up (step -1) or down (+1) on the kiosk; positions are renumbered 0, 1, 2 … on the way."""
    service = _service_of(session, site_id, service_id)
    ordered = list(
        session.scalars(select(Service).filter_by(site_id=site_id).order_by(Service.position, Service.prefix))
    )
    index = ordered.index(service)
    other = index + (1 if step > 0 else -1)
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, row in enumerate(ordered):
        row.position = position
    record(
        session,
        actor,
        "service_moved",
        f"{service.prefix} {service.name}",
        site_id=site_id,
        after={"order": [row.prefix for row in ordered]},
    )
    announce(session, queue_changed, site_id=site_id, service_ids=[row.id for row in ordered])
    return service
