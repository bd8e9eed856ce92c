"""Priority categories (nhóm ưu tiên) of a site, and the one rule that picks who is called next.

Vietnamese law gives priority to the elderly, people with disabilities, pregnant women, people with young
children and people with meritorious service; each site keeps its own list (name, the short mark printed on the
ticket, order). Whom a counter calls next is decided by `pick_next`, for every caller (call next, the waiting
list's order, the simulations in the tests): see the README's "Priority policy"."""

from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from . import errors
from .base import db


class PriorityCategory(db.Model):
    __tablename__ = "priority_categories"
    __table_args__ = (UniqueConstraint("site_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    code: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(200))
    mark: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __repr__(self) -> str:
        return f"<PriorityCategory {self.code}>"


# The categories a new site starts with: (code, name, mark). Names are the law's words, stored per site.
DEFAULT_CATEGORIES = (
    ("nguoi_cao_tuoi", "Người cao tuổi", "NCT"),
    ("nguoi_khuyet_tat", "Người khuyết tật", "NKT"),
    ("phu_nu_mang_thai", "Phụ nữ mang thai", "PNMT"),
    ("con_nho", "Người có con nhỏ dưới 36 tháng tuổi", "CN"),
    ("nguoi_co_cong", "Người có công với cách mạng", "NCC"),
)


def add_default_categories(session, site_id: int) -> None:
    """Give a site the default categories it does not have yet (by code)."""
    have = set(session.scalars(select(PriorityCategory.code).filter_by(site_id=site_id)))
    for position, (code, name, mark) in enumerate(DEFAULT_CATEGORIES, start=1):
        if code not in have:
            session.add(PriorityCategory(site_id=site_id, code=code, name=name, mark=mark, position=position))


def active_categories(session, site_id: int) -> list[PriorityCategory]:
    return list(
        session.scalars(
            select(PriorityCategory)
            .filter_by(site_id=site_id, active=True)
            .order_by(PriorityCategory.position, PriorityCategory.id)
        )
    )


def category_of_site(session, site_id: int, category) -> PriorityCategory:
    """An active category of the site, by id or code; InvalidPriority otherwise."""
    query = select(PriorityCategory).filter_by(site_id=site_id, active=True)
    if isinstance(category, int) and not isinstance(category, bool):
        found = session.scalar(query.filter_by(id=category))
    elif isinstance(category, str) and 0 < len(category) <= 30:
        found = session.scalar(query.filter_by(code=category))
    else:
        found = None
    if found is None:
        raise errors.InvalidPriority()
    return found


class Policy:
    STRICT = "strict"
    RATIO = "ratio"
    OFF = "off"
    ALL = (STRICT, RATIO, OFF)
    LABELS = {
        STRICT: _l("Luôn ưu tiên trước"),
        RATIO: _l("Xen kẽ: tối đa N số ưu tiên liên tiếp"),
        OFF: _l("Không ưu tiên (theo thứ tự lấy số)"),
    }


@dataclass(frozen=True)
class Waiting:
    """What the policy needs to know of a waiting ticket."""

    id: int
    priority: bool
    queued_at: datetime


@dataclass(frozen=True)
class Rules:
    policy: str = Policy.RATIO
    ratio: int = 3  # RATIO: at most this many priority tickets in a row while a normal one waits
    max_wait_minutes: int | None = None  # past this, a ticket goes before any newer ticket, priority or not


def pick_next(waiting: list[Waiting], streak: int, rules: Rules, now: datetime) -> Waiting | None:
    """The ticket to call next among `waiting`, given `streak`: how many priority tickets were called in a row
    just before (for these services, today).

    1. A ticket that has waited longer than the maximum wait goes first (the longest-waiting of them).
    2. `off`: the longest-waiting ticket. `strict`: the longest-waiting priority ticket, if any.
       `ratio`: the same, unless `ratio` priority tickets were just called in a row while a normal one waits:
       then the longest-waiting normal ticket.
    """
    if not waiting:
        return None
    by_age = sorted(waiting, key=lambda t: (t.queued_at, t.id))
    if rules.max_wait_minutes:
        limit = now - timedelta(minutes=rules.max_wait_minutes)
        if by_age[0].queued_at <= limit:
            return by_age[0]
    if rules.policy == Policy.OFF:
        return by_age[0]
    priority = next((t for t in by_age if t.priority), None)
    normal = next((t for t in by_age if not t.priority), None)
    if priority is None or normal is None:
        return by_age[0]
    if rules.policy == Policy.RATIO and streak >= max(1, rules.ratio):
        return normal
    return priority


def _in_call_order(waiting: list[Waiting], streak: int, rules: Rules, now: datetime, step: timedelta):
    """Yield `waiting` in the order `pick_next` calls them if no one else came, the clock moving on by `step`
    per call (so a ticket that passes the maximum wait while others are served goes first from then on).

    `pick_next` only ever chooses the longest-waiting priority or the longest-waiting normal ticket (the oldest
    of all is one of the two), so it is asked about those two heads alone: the whole order costs O(n)."""
    priority = deque(sorted((t for t in waiting if t.priority), key=lambda t: (t.queued_at, t.id)))
    normal = deque(sorted((t for t in waiting if not t.priority), key=lambda t: (t.queued_at, t.id)))
    while priority or normal:
        heads = [line[0] for line in (priority, normal) if line]
        chosen = pick_next(heads, streak, rules, now)
        (priority if chosen.priority else normal).popleft()
        yield chosen
        streak = streak + 1 if chosen.priority else 0
        now += step


def call_order(
    waiting: list[Waiting], streak: int, rules: Rules, now: datetime, step: timedelta = timedelta(0)
) -> list[Waiting]:
    """The order in which `pick_next` would call all of `waiting` if no one else came: the waiting list."""
    return list(_in_call_order(waiting, streak, rules, now, step))


def calls_before(
    waiting: list[Waiting], ticket_id: int, streak: int, rules: Rules, now: datetime, step: timedelta
) -> int:
    """How many of `waiting` `pick_next` calls before the ticket `ticket_id` (one of them), one call every
    `step`: the kiosk's "people ahead of you"."""
    for ahead, chosen in enumerate(_in_call_order(waiting, streak, rules, now, step)):
        if chosen.id == ticket_id:
            return ahead
    raise ValueError(f"ticket {ticket_id} is not waiting")
