"""Setting up a site's counters: number, name, the services each serves in order of preference, its display
zone, active or not. A counter is never deleted (its tickets and ratings name it)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from . import form_values as form
from .audit import Actor, record
from .errors import InvalidField, NotFound
from .service import Counter, CounterService, Service
from .signals import announce, counter_changed


def counter_values(counter: Counter) -> dict:
    return {
        "number": counter.number,
        "name": counter.name,
        "zone": counter.zone,
        "active": counter.active,
        "services": [s.prefix for s in counter.services],
    }


def _services(session, site_id: int, service_ids: list[int]) -> list[Service]:
    """The chosen services, in the order given, each once; all of this site."""
    ordered = list(dict.fromkeys(i for i in service_ids if isinstance(i, int)))
    if not ordered:
        raise InvalidField("services", _l("Một quầy phải phục vụ ít nhất một dịch vụ."))
    rows = {s.id: s for s in session.scalars(select(Service).where(Service.id.in_(ordered)))}
    if any(rows.get(i) is None or rows[i].site_id != site_id for i in ordered):
        raise InvalidField("services", _l("Có dịch vụ không thuộc trung tâm này."))
    return [rows[i] for i in ordered]


def save_counter(
    session, actor: Actor, site_id: int, values: dict, service_ids: list[int], counter_id: int | None = None
) -> Counter:
    counter = None
    if counter_id is not None:
        counter = session.get(Counter, counter_id)
        if counter is None or counter.site_id != site_id:
            raise NotFound()
    number = form.number(values, "number", low=1, high=999)
    taken = session.scalar(select(Counter).filter_by(site_id=site_id, number=number))
    if taken is not None and taken is not counter:
        raise InvalidField("number", _l("Quầy số %(n)s đã có.", n=number))
    name = form.text(values, "name", max_length=200)
    zone = form.text(values, "zone", max_length=40)
    services = _services(session, site_id, service_ids)
    before = counter_values(counter) if counter is not None else None
    if counter is None:
        counter = Counter(site_id=site_id)
        session.add(counter)
    counter.number, counter.name, counter.zone = number, name or f"Quầy {number}", zone
    counter.links = [CounterService(service=s, position=i) for i, s in enumerate(services)]
    form.flush_unique(session, "number", _l("Quầy số %(n)s đã có.", n=number))
    record(
        session,
        actor,
        "counter_created" if before is None else "counter_changed",
        f"{counter.number} {counter.name}",
        site_id=site_id,
        before=before,
        after=counter_values(counter),
    )
    announce(session, counter_changed, site_id=site_id, counter_id=counter.id)
    return counter


def set_counter_active(session, actor: Actor, site_id: int, counter_id: int, active: bool) -> Counter:
    """Take a counter out of use (or back). Refused while an officer holds it: they close it first."""
    counter = session.get(Counter, counter_id) if isinstance(counter_id, int) else None
    if counter is None or counter.site_id != site_id:
        raise NotFound()
    if not active and counter.officer_id is not None:
        raise InvalidField("active", _l("Quầy đang có cán bộ làm việc; hãy đóng quầy trước."))
    before = counter_values(counter)
    counter.active = active
    record(
        session,
        actor,
        "counter_changed",
        f"{counter.number} {counter.name}",
        site_id=site_id,
        before=before,
        after=counter_values(counter),
    )
    announce(session, counter_changed, site_id=site_id, counter_id=counter.id)
    return counter
