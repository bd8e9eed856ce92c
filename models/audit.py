"""The audit log: every change made in the back office and every sign-in, appended with who, when, from which
address and what changed (before → after). Nothing on the screens edits or deletes a row.

record() is the one way in; a rule calls it inside its own transaction, so the entry and the change it
describes are committed together or not at all.
"""

from datetime import date, datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import db, utcnow


class AuditEntry(db.Model):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Kept as typed: a failed sign-in may name no account, and the name stays readable if one is renamed.
    username: Mapped[str] = mapped_column(String(80), default="")
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)
    address: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(200), default="")
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)


class Actor:
    """Who acts, and from where: the signed-in user (None for a command line) and their address."""

    def __init__(self, user=None, address: str = "", username: str = "") -> None:
        self.user = user
        self.address = (address or "")[:64]
        self.username = (username or (user.username if user is not None else "cli"))[:80]


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


def changes(before: dict | None, after: dict | None) -> tuple[dict | None, dict | None]:
    """Only the keys whose value differs, on both sides."""
    if before is None or after is None:
        return before, after
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def record(
    session,
    actor: Actor,
    action: str,
    target: str = "",
    *,
    site_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    before, after = changes(before, after)
    entry = AuditEntry(
        user_id=actor.user.id if actor.user is not None else None,
        username=actor.username,
        site_id=site_id,
        address=actor.address,
        action=action[:40],
        target=(target or "")[:200],
        before={k: _plain(v) for k, v in before.items()} if before is not None else None,
        after={k: _plain(v) for k, v in after.items()} if after is not None else None,
    )
    session.add(entry)
    return entry


def record_sign_in(session, actor: Actor, succeeded: bool, account=None) -> AuditEntry:
    """A sign-in; `account` is the account the name belongs to (if any), for its site."""
    user = actor.user or account
    return record(
        session,
        actor,
        "sign_in" if succeeded else "sign_in_failed",
        actor.username,
        site_id=user.site_id if user is not None else None,
    )


def audited(rule, actor: Actor, action: str, target: str, *, site_id: int | None, after: dict | None = None):
    """`rule`, with its audit entry written in the same transaction (for rules that do not record themselves):
    perform(session, audited(set_site_fee, actor, "fee_changed", code, site_id=…), …)."""

    def run(session, *args, **kwargs):
        result = rule(session, *args, **kwargs)
        record(session, actor, action, target, site_id=site_id, before=None, after=after)
        return result

    return run
