"""The first run of a real installation: the province and its first administrator, nothing else."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from . import form_values as form
from .audit import Actor, record
from .errors import RuleError
from .site import Site, SiteKind
from .sites import save_site
from .staff import check_new_password, check_username, user_values
from .user import Role, User


class AlreadySetUp(RuleError):
    code = "already_set_up"
    message = _l("Cơ sở dữ liệu đã có dữ liệu; lệnh khởi tạo chỉ chạy trên cơ sở dữ liệu trống.")


def init_province(session, *, province: str, code: str, username: str, full_name: str, password: str) -> User:
    """Create the province-level centre and its first province administrator in an empty database."""
    if session.scalar(select(func.count()).select_from(Site)) or session.scalar(
        select(func.count()).select_from(User)
    ):
        raise AlreadySetUp()
    actor = Actor(None, "", "init")
    site = save_site(session, actor, {"name": province, "code": code, "kind": SiteKind.PROVINCE})
    username = check_username({"username": username})
    full_name = form.text({"full_name": full_name}, "full_name", max_length=200, required=True)
    check_new_password(username, password)
    admin = User(username=username, full_name=full_name, role=Role.ADMIN, site_id=site.id)
    admin.set_password(password)
    session.add(admin)
    session.flush()
    record(session, actor, "user_created", username, site_id=site.id, after=user_values(admin))
    return admin
