"""Tell the province's dossier system (models/dossier_systems.py, chosen by DOSSIER_SYSTEM) about each dossier
received, after the commit: a remote that fails is logged and the receipt stands."""

import logging

from flask import current_app

from models.dossier import DossierStatus
from models.dossier_systems import system_named
from models.signals import dossier_changed

log = logging.getLogger(__name__)


def init_app(app) -> None:
    app.extensions["dossier_system"] = system_named(app.config.get("DOSSIER_SYSTEM"))


@dossier_changed.connect
def _push(_sender, dossier, **_payload):
    system = current_app.extensions.get("dossier_system")
    if system is None or dossier.status != DossierStatus.RECEIVED or len(dossier.events) != 1:
        return
    try:
        system.push(dossier)
    except Exception:  # the receipt is committed; the remote catches up later
        log.exception("pushing dossier %s to %s failed", dossier.code, system.name)
