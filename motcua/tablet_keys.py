"""The rating tablet faces the citizen and has no officer signed in. It is a device registered in the back office
(a rating tablet of one counter) and opens its own link, /counter/<id>/rating?key=…, where the key is that
device's signed key (motcua/device_presence.py: device id, kind and key version). The key lets it read its
counter's state and submit ratings for the ticket just completed there, nothing else. "Thu hồi khoá" on the
devices page bumps the version: that tablet alone stops, at its next request or reconnection; changing
SECRET_KEY revokes every key."""

from models import Device, DeviceKind

from .device_presence import device_key, watched_device


def tablet_key(device: Device) -> str:
    return device_key(device)


def tablet_device(counter_id: int, key) -> Device | None:
    """The registered tablet of this counter the key belongs to; None for a missing, forged or revoked key, a
    display's key, or a tablet of another counter."""
    device = watched_device(key)
    if device is None or device.kind != DeviceKind.TABLET or device.counter_id != counter_id:
        return None
    return device


def key_is_valid(counter_id: int, key) -> bool:
    return tablet_device(counter_id, key) is not None
