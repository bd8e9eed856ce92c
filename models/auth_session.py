"""Server-side identities of signed-in staff: a browser session (kind "web") or an API token (kind "api").

The browser's signed cookie and the API client hold a random secret; the database keeps only its SHA-256
digest, so a copy of the table opens nothing. Signing out revokes the row; a password change or a
deactivation revokes every row of the user. A revoked row, an expired token or an inactive user signs out.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import DateTime, ForeignKey, String, select, update
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import db, utcnow
from .user import User


class AuthKind:
    WEB = "web"
    API = "api"


# last_seen_at is written at most this often, so reading a page is not a write on every request.
SEEN_EVERY = timedelta(minutes=5)


class AuthSession(db.Model):
    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

    user: Mapped[User] = relationship()


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def open_auth_session(session, user: User, kind: str) -> str:
    """A new session or token for the user; returns its secret (shown once, never stored)."""
    secret = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        AuthSession(digest=digest_of(secret), user_id=user.id, kind=kind, created_at=now, last_seen_at=now)
    )
    return secret


def find_auth_session(session, secret, kind: str, max_age: timedelta | None = None) -> AuthSession | None:
    """The live row for this secret: not revoked, not older than max_age, of an active user; else None."""
    if not isinstance(secret, str) or not secret or len(secret) > 200:
        return None
    row = session.scalar(select(AuthSession).filter_by(digest=digest_of(secret), kind=kind))
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    if max_age is not None and utcnow() - row.created_at > max_age:
        return None
    return row


def seen(session, row_id: int) -> None:
    """Note that the session was used (the caller asks at most every SEEN_EVERY; racing writers agree)."""
    now = utcnow()
    session.execute(
        update(AuthSession)
        .where(AuthSession.id == row_id, AuthSession.last_seen_at < now - SEEN_EVERY)
        .values(last_seen_at=now)
    )


def revoke_auth_session(session, secret: str) -> bool:
    """Sign one session or token out. True if it was live."""
    result = session.execute(
        update(AuthSession)
        .where(AuthSession.digest == digest_of(secret or ""), AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return result.rowcount == 1


def revoke_all(session, user_id: int) -> int:
    """Sign the user out everywhere: every browser session and every API token."""
    result = session.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return result.rowcount


def change_password(session, user: User, new_password: str) -> User:
    """Set a new password; every session and token given before is revoked (the caller signs in again)."""
    user.set_password(new_password)
    session.add(user)
    revoke_all(session, user.id)
    return user


def set_active(session, user: User, active: bool) -> User:
    """Deactivate (or reactivate) an account; deactivation revokes every session and token at once."""
    user.active = active
    session.add(user)
    if not active:
        revoke_all(session, user.id)
    return user
