"""The boundary with a province's own dossier system (Hệ thống thông tin giải quyết TTHC cấp tỉnh).

A system is anything with `push(dossier)` (tell it about a dossier just received, returning its own reference
or None) and `pull_state(dossier)` (the state it knows, one of DossierStatus, or None if it has none). The
built-in register, this database, is the default and needs no pushing. A province's adapter is registered by
name in SYSTEMS and chosen with the DOSSIER_SYSTEM setting; the tests use a fake remote.

Pushing happens after the receipt is committed (the dossier_changed signal): a remote that is down never loses
a receipt at the counter. Pulling walks the dossier along the allowed moves, logged as the system's doing."""

from typing import Protocol

from .dossier import Dossier, DossierStatus
from .dossier_rules import change_status

# The path a dossier takes when a remote system reports a later state than ours.
_FORWARD = (
    DossierStatus.RECEIVED,
    DossierStatus.PROCESSING,
    DossierStatus.RESULT_READY,
    DossierStatus.RETURNED,
)


class DossierSystem(Protocol):
    name: str

    def push(self, dossier: Dossier) -> str | None: ...

    def pull_state(self, dossier: Dossier) -> str | None: ...


class BuiltInRegister:
    """This database is the register: nothing to push, and its state is the dossier's own."""

    name = "builtin"

    def push(self, dossier: Dossier) -> str | None:
        return None

    def pull_state(self, dossier: Dossier) -> str | None:
        return dossier.status


SYSTEMS: dict[str, type] = {"builtin": BuiltInRegister}


def system_named(name: str | None) -> DossierSystem:
    """The system registered under `name`; the built-in register for none or an unknown name."""
    return SYSTEMS.get(name or "builtin", BuiltInRegister)()


def sync_state(session, system: DossierSystem, dossier_id: int, user) -> Dossier | None:
    """Bring a dossier forward to the state the remote system reports, one allowed move at a time. Never
    backwards, and never a move that needs a written reason (completion, refusal, stop): those are left for a
    person to look at. Returns the dossier, or None when there was nothing to do."""
    dossier = session.get(Dossier, dossier_id)
    if dossier is None:
        return None
    remote = system.pull_state(dossier)
    if remote == dossier.status or remote not in _FORWARD or dossier.status not in _FORWARD:
        return None
    here, there = _FORWARD.index(dossier.status), _FORWARD.index(remote)
    for step in _FORWARD[here + 1 : there + 1]:
        if step not in DossierStatus.NEXT[dossier.status]:
            break
        dossier = change_status(session, dossier.id, user, step)
    return dossier if there > here else None
