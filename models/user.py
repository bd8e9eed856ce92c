from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .base import db
from .site import Site


class Role:
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    SITE_ADMIN = "site_admin"  # a centre's administrator: its staff of every role, its set-up
    ADMIN = "admin"  # the province administrator: every site
    ALL = (OFFICER, SUPERVISOR, SITE_ADMIN, ADMIN)


class UserCounter(db.Model):
    """The counters an officer usually takes, in order: the counter list shows them first."""

    __tablename__ = "user_counters"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class UserSite(db.Model):
    """Another site a staff member may work at, besides their own (users.site_id, where they land)."""

    __tablename__ = "user_sites"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True)

    site: Mapped[Site] = relationship()


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=Role.OFFICER)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set when an administrator resets the password: every staff page asks for a new one first.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    site: Mapped[Site | None] = relationship()
    usual: Mapped[list[UserCounter]] = relationship(
        order_by=UserCounter.position, cascade="all, delete-orphan"
    )
    other_sites: Mapped[list[UserSite]] = relationship(
        order_by=UserSite.site_id, cascade="all, delete-orphan"
    )

    # The secret of the server-side session this user was loaded through (models/auth_session.py). Flask-Login
    # keeps get_id() in the cookie: the session's secret, never the bare user id, so a sign-out revokes it.
    auth_secret = None

    @property
    def site_ids(self) -> list[int]:
        """Every site this staff member may work at: their own first, then the others (none for a
        province administrator without a site, who works at every one)."""
        own = [self.site_id] if self.site_id is not None else []
        return own + [link.site_id for link in self.other_sites if link.site_id != self.site_id]

    @property
    def usual_counter_ids(self) -> list[int]:
        return [link.counter_id for link in self.usual]

    def get_id(self) -> str | None:
        return self.auth_secret

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_supervisor(self) -> bool:
        return self.role in (Role.SUPERVISOR, Role.SITE_ADMIN, Role.ADMIN)

    def may_use_site(self, site_id: int | None) -> bool:
        """Administrators act on every site; anyone else only on their own site and the other sites they were
        given. A non-admin with no site is a half-made account and may act on none (deny by default)."""
        if self.role == Role.ADMIN:
            return True
        return self.site_id is not None and site_id is not None and site_id in self.site_ids

    def __repr__(self) -> str:
        return f"<User {self.username}>"
