"""Staff accounts: create, edit, deactivate (never delete: ratings and history keep the name), reset a password
(the user must choose a new one at next sign-in) and change one's own. Passwords have a minimum length and may
not contain the username."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from . import form_values as form
from .audit import Actor, record
from .auth_session import change_password, revoke_all
from .errors import Forbidden, InvalidField, NotFound
from .permissions import grantable_roles, may_administer, may_manage_user
from .service import Counter
from .site import Site
from .user import Role, User, UserCounter, UserSite

MIN_PASSWORD_LENGTH = 10


def check_new_password(username: str, password, field: str = "password") -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidField(field, _l("Mật khẩu cần ít nhất %(n)s ký tự.", n=MIN_PASSWORD_LENGTH))
    if len(password) > 200:
        raise InvalidField(field, _l("Tối đa %(n)s ký tự.", n=200))
    if username and username.lower() in password.lower():
        raise InvalidField(field, _l("Mật khẩu không được chứa tên đăng nhập."))
    return password


def check_username(values: dict) -> str:
    return form.matching(
        values,
        "username",
        r"[a-z0-9][a-z0-9._-]{2,79}",
        _l("Tên đăng nhập gồm 3–80 chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang."),
        max_length=80,
    )


def user_values(user: User) -> dict:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "site_id": user.site_id,
        "other_site_ids": [link.site_id for link in user.other_sites],
        "active": user.active,
        "counters": user.usual_counter_ids,
    }


def _usual(session, site_ids: list[int], counter_ids) -> list[UserCounter]:
    """The counters the user usually takes, in the order given: each once, all at the user's sites."""
    ordered = list(dict.fromkeys(i for i in counter_ids or () if isinstance(i, int)))
    counters = (
        {c.id: c for c in session.scalars(select(Counter).where(Counter.id.in_(ordered)))} if ordered else {}
    )
    if any(counters.get(i) is None or counters[i].site_id not in site_ids for i in ordered):
        raise InvalidField("counters", _l("Quầy thường làm phải là quầy của trung tâm làm việc."))
    return [UserCounter(counter_id=i, position=p) for p, i in enumerate(ordered)]


def _refuse() -> Forbidden:
    return Forbidden(_l("Bạn không có quyền quản lý tài khoản này."))


def _checked(session, actor: User, values: dict, other_site_ids=()) -> dict:
    role = values.get("role")
    if role not in grantable_roles(actor):
        raise InvalidField("role", _l("Bạn không thể cấp vai trò này."))
    site_id = form.number(values, "site_id", low=1, high=2**31 - 1, required=role != Role.ADMIN)
    if site_id is not None and session.get(Site, site_id) is None:
        raise InvalidField("site_id", _l("Không có trung tâm này."))
    if actor.role != Role.ADMIN and not may_administer(actor, site_id):
        raise InvalidField("site_id", _l("Bạn chỉ quản lý được tài khoản của trung tâm mình."))
    full_name = form.text(values, "full_name", max_length=200, required=True, label=_l("họ và tên"))
    others = _other_sites(session, actor, role, site_id, other_site_ids)
    return {"role": role, "site_id": site_id, "full_name": full_name, "others": others}


def _other_sites(session, actor: User, role: str, site_id: int | None, site_ids) -> list[int]:
    """The other sites the user may work at: each once, existing, and each one the actor administers. A
    province administrator works everywhere already, so they get none."""
    if role == Role.ADMIN:
        return []
    wanted = list(dict.fromkeys(i for i in site_ids or () if isinstance(i, int) and i != site_id))
    if not wanted:
        return []
    found = set(session.scalars(select(Site.id).where(Site.id.in_(wanted))))
    if len(found) != len(wanted):
        raise InvalidField("other_sites", _l("Không có trung tâm này."))
    if actor.role != Role.ADMIN and not all(may_administer(actor, i) for i in wanted):
        raise InvalidField("other_sites", _l("Bạn chỉ giao được các trung tâm mình quản lý."))
    return sorted(wanted)


def _site_ids(checked: dict) -> list[int]:
    own = [checked["site_id"]] if checked["site_id"] is not None else []
    return own + checked["others"]


def create_user(session, actor: Actor, values: dict, password, counter_ids=(), other_site_ids=()) -> User:
    """A new account; its first sign-in asks for a password of the user's own."""
    username = check_username(values)
    if session.scalar(select(User).where(func.lower(User.username) == username)) is not None:
        raise InvalidField("username", _l("Tên đăng nhập này đã có."))
    checked = _checked(session, actor.user, values, other_site_ids)
    others = checked.pop("others")
    user = User(username=username, must_change_password=True, **checked)
    user.other_sites = [UserSite(site_id=i) for i in others]
    user.usual = _usual(session, _site_ids({**checked, "others": others}), counter_ids)
    user.set_password(check_new_password(username, password))
    session.add(user)
    form.flush_unique(session, "username", _l("Tên đăng nhập này đã có."))
    record(
        session, actor, "user_created", username, site_id=user.site_id, before=None, after=user_values(user)
    )
    return user


def _managed(session, actor: Actor, user_id: int) -> User:
    user = session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None:
        raise NotFound()
    if not may_manage_user(actor.user, user):
        raise _refuse()
    return user


def _other_active_admins(session, user: User) -> int:
    return session.scalar(
        select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.active, User.id != user.id)
    )


def update_user(session, actor: Actor, user_id: int, values: dict, counter_ids=(), other_site_ids=()) -> User:
    """Change name, role, sites or active; the last active province administrator cannot be demoted or
    deactivated (nobody could administer the province any more)."""
    user = _managed(session, actor, user_id)
    checked = _checked(session, actor.user, values, other_site_ids)
    active = form.flag(values, "active")
    demoted = checked["role"] != Role.ADMIN or not active
    if user.role == Role.ADMIN and demoted and _other_active_admins(session, user) == 0:
        raise InvalidField(
            "role", _l("Đây là quản trị viên cấp tỉnh cuối cùng: không thể hạ quyền hay khoá.")
        )
    usual = _usual(session, _site_ids(checked), counter_ids)
    before = user_values(user)
    others = checked.pop("others")
    for name, value in checked.items():
        setattr(user, name, value)
    user.active = active
    user.usual = usual
    kept = {link.site_id: link for link in user.other_sites}
    user.other_sites = [kept.get(i) or UserSite(site_id=i) for i in others]
    session.flush()
    sites_changed = before["site_id"] != user.site_id or before["other_site_ids"] != others
    if before["role"] != user.role or sites_changed or not active:
        revoke_all(session, user.id)  # new rights take effect at the next sign-in, everywhere
    record(
        session,
        actor,
        "user_changed",
        user.username,
        site_id=user.site_id,
        before=before,
        after=user_values(user),
    )
    return user


def reset_password(session, actor: Actor, user_id: int, password) -> User:
    """An administrator gives a temporary password; the user must change it at next sign-in."""
    user = _managed(session, actor, user_id)
    change_password(session, user, check_new_password(user.username, password))
    user.must_change_password = True
    record(session, actor, "password_reset", user.username, site_id=user.site_id)
    return user


def change_own_password(session, actor: Actor, current, new, repeated) -> User:
    """Every user changes their own password (the current one first); all their other sessions end."""
    user = actor.user
    if not isinstance(current, str) or not user.check_password(current):
        raise InvalidField("current", _l("Mật khẩu hiện tại không đúng."))
    check_new_password(user.username, new, "new")
    if new != repeated:
        raise InvalidField("repeated", _l("Hai lần nhập mật khẩu mới không khớp."))
    if user.check_password(new):
        raise InvalidField("new", _l("Mật khẩu mới phải khác mật khẩu hiện tại."))
    change_password(session, user, new)
    user.must_change_password = False
    record(session, actor, "password_changed", user.username, site_id=user.site_id)
    return user


def staff_of(session, actor: User, site_id: int | None) -> list[User]:
    """The accounts the actor sees: those who may work at the site (their own or one of their other sites),
    and, for a province administrator, the accounts without a site."""
    query = select(User).order_by(User.active.desc(), User.role, User.username)
    at_site = (User.site_id == site_id) | User.id.in_(select(UserSite.user_id).filter_by(site_id=site_id))
    if actor.role == Role.ADMIN:
        query = query.where(at_site | User.site_id.is_(None))
    else:
        query = query.where(at_site)
    return list(session.scalars(query))
