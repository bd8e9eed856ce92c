from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .base import db
from .site import Site


class Role:
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    ALL = (OFFICER, SUPERVISOR, ADMIN)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=Role.OFFICER)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    site: Mapped[Site | None] = relationship()

    # The secret of the server-side session this user was loaded through (models/auth_session.py). Flask-Login
    # keeps get_id() in the cookie: the session's secret, never the bare user id, so a sign-out revokes it.
    auth_secret = None

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
        return self.role in (Role.SUPERVISOR, Role.ADMIN)

    def may_use_site(self, site_id: int | None) -> bool:
        """Administrators act on every site; anyone else only on their own. A non-admin with no site is a
        half-made account and may act on none (deny by default), rather than on all as it used to."""
        if self.role == Role.ADMIN:
            return True
        return self.site_id is not None and self.site_id == site_id

    def __repr__(self) -> str:
        return f"<User {self.username}>"
