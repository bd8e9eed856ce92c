"""Factories and constants the tests share (fixtures live in conftest.py)."""

from pathlib import Path
from types import SimpleNamespace

import requests

from models import Device
from motcua.demo import DEMO_PASSWORD
from motcua.kiosk_keys import enrolment_path, kiosk_key

# Screenshots, server logs and printouts of a run: kept by CI.
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def bearer(base: str, username: str, password: str = DEMO_PASSWORD) -> dict:
    """The Authorization header of a fresh API token for `username`, from the server at `base`."""
    response = requests.post(
        f"{base}/api/v1/auth/token", json={"username": username, "password": password}, timeout=10
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def enrolment(device: Device) -> SimpleNamespace:
    """A kiosk device's credentials: `.url` enrols a browser (relative to the server), `.headers` are for
    the API, `.key` is the signed key itself."""
    key = kiosk_key(device)
    return SimpleNamespace(
        device=device,
        key=key,
        headers={"X-Kiosk-Key": key},
        url=enrolment_path(device),
    )
