"""The devices of a site (/admin/devices): register, revoke one device's key, and note when each last reported
in; a display or tablet silent for more than OFFLINE_AFTER is shown as offline."""

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, update

from . import form_values as form
from . import signals
from .audit import Actor, record
from .base import utcnow
from .device import Device, DeviceKind
from .errors import InvalidField, NotFound
from .service import Counter
from .signals import announce

OFFLINE_AFTER = timedelta(minutes=5)
# A device reporting in is written at most this often (a display asks many times a minute).
SEEN_EVERY = timedelta(seconds=60)


def device_values(device: Device) -> dict:
    return {"kind": device.kind, "name": device.name, "counter_id": device.counter_id}


def add_device(session, actor: Actor, site_id: int, values: dict) -> Device:
    kind = values.get("kind")
    if kind not in DeviceKind.ALL:
        raise InvalidField("kind", _l("Xin chọn loại thiết bị."))
    name = form.text(values, "name", max_length=200, required=True, label=_l("tên thiết bị"))
    counter_id = form.number(values, "counter_id", low=1, high=2**31 - 1, required=False)
    if kind == DeviceKind.TABLET and counter_id is None:
        # A tablet's key admits it to one counter's ratings (motcua/tablet_keys.py).
        raise InvalidField("counter_id", _l("Máy tính bảng đánh giá cần chọn quầy đặt máy."))
    if counter_id is not None:
        counter = session.get(Counter, counter_id)
        if counter is None or counter.site_id != site_id:
            raise InvalidField("counter_id", _l("Không có quầy này ở trung tâm."))
    device = Device(site_id=site_id, kind=kind, name=name, counter_id=counter_id, settings={})
    session.add(device)
    session.flush()
    record(session, actor, "device_created", name, site_id=site_id, before=None, after=device_values(device))
    return device


def renew_device_key(session, actor: Actor, site_id: int, device_id: int) -> Device:
    """Revoke one device's key (its next version); that device alone must open its new link."""
    device = session.get(Device, device_id) if isinstance(device_id, int) else None
    if device is None or device.site_id != site_id:
        raise NotFound()
    session.execute(update(Device).where(Device.id == device.id).values(key_version=Device.key_version + 1))
    session.refresh(device)
    record(session, actor, "device_key_renewed", device.name, site_id=site_id)
    announce(session, signals.device_key_renewed, device_id=device.id)
    return device


def device_seen(session, device_id: int, now: datetime | None = None) -> bool:
    """Note that the device reported in; one conditional UPDATE, skipped when noted less than SEEN_EVERY ago."""
    now = now or utcnow()
    result = session.execute(
        update(Device)
        .where(Device.id == device_id)
        .where(or_(Device.last_contact_at.is_(None), Device.last_contact_at < now - SEEN_EVERY))
        .values(last_contact_at=now)
    )
    return result.rowcount == 1


def seen_lately(device: Device, now: datetime | None = None) -> bool:
    """Noted less than SEEN_EVERY ago: device_seen would change nothing (a caller with the row loaded may skip
    it, and its transaction)."""
    return device.last_contact_at is not None and (now or utcnow()) - device.last_contact_at < SEEN_EVERY


def is_offline(device: Device, now: datetime | None = None) -> bool:
    if device.kind not in (DeviceKind.DISPLAY, DeviceKind.TABLET):
        return False
    now = now or utcnow()
    return device.last_contact_at is None or now - device.last_contact_at > OFFLINE_AFTER
