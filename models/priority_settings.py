"""A site's priority settings, changed from the back office: the policy (models/priority.py: pick_next), the
wait target of the floor view, and the priority categories (name, mark printed on the ticket, order)."""

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from . import errors
from .priority import Policy, PriorityCategory
from .site import Site
from .user import User

CODE = re.compile(r"^[a-z0-9_]{1,30}$")


class InvalidSetting(errors.RuleError):
    code = "invalid_setting"
    status = 400


def _number(value, low: int, high: int, message) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidSetting(message)
    return value


def _site(session, actor: User, site_id: int) -> Site:
    if not actor.is_supervisor or not actor.may_use_site(site_id):
        raise errors.Forbidden()
    return session.get(Site, site_id)


def set_policy(
    session, actor: User, site_id: int, *, policy, ratio, max_wait_minutes, wait_target_minutes
) -> Site:
    site = _site(session, actor, site_id)
    if policy not in Policy.ALL:
        raise InvalidSetting(_l("Hãy chọn một cách ưu tiên trong danh sách."))
    site.priority_policy = policy
    site.priority_ratio = _number(ratio, 1, 20, _l("Số lượt ưu tiên liên tiếp phải từ 1 đến 20."))
    site.priority_max_wait_minutes = (
        None
        if max_wait_minutes is None
        else _number(
            max_wait_minutes, 1, 600, _l("Thời gian chờ tối đa phải từ 1 đến 600 phút (hoặc để trống).")
        )
    )
    site.wait_target_minutes = _number(
        wait_target_minutes, 1, 600, _l("Thời gian chờ mục tiêu phải từ 1 đến 600 phút.")
    )
    return site


def save_category(
    session, actor: User, site_id: int, *, category_id=None, code=None, name, mark, position, active=True
) -> PriorityCategory:
    """Add a category (`code` given) or change one (`category_id`). Categories are never deleted: a ticket keeps
    its category for the record; an inactive one is no longer offered."""
    _site(session, actor, site_id)
    name, mark = (name or "").strip(), (mark or "").strip()
    if not 0 < len(name) <= 200:
        raise InvalidSetting(_l("Tên nhóm ưu tiên phải có từ 1 đến 200 ký tự."))
    if not 0 < len(mark) <= 10:
        raise InvalidSetting(_l("Ký hiệu in trên phiếu phải có từ 1 đến 10 ký tự."))
    position = _number(position, 0, 999, _l("Thứ tự phải từ 0 đến 999."))
    if category_id is None:
        if not isinstance(code, str) or not CODE.match(code):
            raise InvalidSetting(
                _l("Mã nhóm chỉ gồm chữ thường không dấu, chữ số và dấu '_' (tối đa 30 ký tự).")
            )
        if session.scalar(select(PriorityCategory.id).filter_by(site_id=site_id, code=code)):
            raise InvalidSetting(_l("Đã có nhóm ưu tiên với mã này."))
        category = PriorityCategory(site_id=site_id, code=code)
        session.add(category)
    else:
        category = session.get(PriorityCategory, category_id) if isinstance(category_id, int) else None
        if category is None or category.site_id != site_id:
            raise errors.NotFound(_l("Không có nhóm ưu tiên này."))
    category.name, category.mark, category.position, category.active = name, mark, position, bool(active)
    session.flush()
    return category
