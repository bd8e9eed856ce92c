"""The satisfaction-rating rules: one rating per served ticket, whatever the channel, within a time window.

rate() and skip() change state (run them through perform()). The read-only questions (is a ticket rated, which
ticket a counter's tablet should ask about now) are in models/queries/ratings.py.
"""

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from . import errors
from .base import utcnow
from .queries import is_rated, rating_skipped, ticket_by_token
from .queue import log_event
from .rating import Level, Rating
from .signals import announce, rating_given
from .ticket import Status, Ticket

DEFAULT_WINDOW_HOURS = 24
COMMENT_MAX = 1000
CHANNELS = ("tablet", "phone", "api")


class Criterion:
    """What was good or bad: the optional second question."""

    ATTITUDE = "thai_do_phuc_vu"
    GUIDANCE = "huong_dan_ro_rang"
    WAITING_TIME = "thoi_gian_cho"
    PROCESSING_TIME = "thoi_gian_giai_quyet"
    ALL = (ATTITUDE, GUIDANCE, WAITING_TIME, PROCESSING_TIME)


LEVEL_LABELS = {
    Level.VERY_SATISFIED: _l("Rất hài lòng"),
    Level.SATISFIED: _l("Hài lòng"),
    Level.NEUTRAL: _l("Bình thường"),
    Level.DISSATISFIED: _l("Không hài lòng"),
}

CRITERION_LABELS = {
    Criterion.ATTITUDE: _l("Thái độ phục vụ"),
    Criterion.GUIDANCE: _l("Hướng dẫn rõ ràng"),
    Criterion.WAITING_TIME: _l("Thời gian chờ"),
    Criterion.PROCESSING_TIME: _l("Thời gian giải quyết"),
}


class InvalidRating(errors.RuleError):
    code = "invalid_rating"
    status = 400
    message = _l("Đánh giá không hợp lệ.")


class AlreadyRated(errors.RuleError):
    code = "already_rated"
    status = 409
    message = _l("Số thứ tự này đã được đánh giá. Xin cảm ơn ông/bà đã góp ý!")


class NotServed(errors.RuleError):
    code = "not_served"
    status = 422
    message = _l("Chỉ có thể đánh giá sau khi ông/bà đã được phục vụ xong.")


class RatingClosed(errors.RuleError):
    code = "rating_window_closed"
    status = 422
    message = _l("Đã hết thời hạn đánh giá cho số thứ tự này.")


def clean_comment(comment) -> str:
    """Trimmed text, never markup to run (templates escape it); NUL bytes removed (PostgreSQL refuses them)."""
    if comment is None:
        return ""
    if not isinstance(comment, str):
        raise InvalidRating(_l("Góp ý phải là văn bản."), field="comment")
    text = comment.replace("\x00", "").strip()
    if len(text) > COMMENT_MAX:
        raise InvalidRating(
            _l("Góp ý dài quá %(max)s ký tự. Xin vui lòng viết ngắn gọn hơn.", max=COMMENT_MAX),
            field="comment",
        )
    return text


def clean_criteria(criteria) -> list[str]:
    if criteria is None:
        return []
    if not isinstance(criteria, list | tuple) or not all(isinstance(c, str) for c in criteria):
        raise InvalidRating(_l("Tiêu chí phải là một danh sách."), field="criteria")
    unknown = [c for c in criteria if c not in Criterion.ALL]
    if unknown:
        raise InvalidRating(_l("Tiêu chí không hợp lệ: %(names)s.", names=", ".join(unknown)[:200]))
    return [c for c in Criterion.ALL if c in criteria]  # known order, no duplicates


def _ticket_by_token(session, token) -> Ticket:
    ticket = ticket_by_token(session, token)
    if ticket is None:
        raise errors.NotFound(_l("Không tìm thấy số thứ tự này."))
    return ticket


def check_rateable(session, ticket: Ticket, now: datetime, window_hours: float) -> None:
    """Raise the reason a ticket cannot be rated now, or return quietly."""
    if is_rated(session, ticket.id):
        raise AlreadyRated()
    if ticket.status != Status.DONE or ticket.finished_at is None:
        raise NotServed()
    if now - ticket.finished_at > timedelta(hours=window_hours):
        raise RatingClosed()


def rating_payload(rating: Rating, ticket: Ticket) -> dict:
    return {
        "rating_id": rating.id,
        "level": rating.level,
        "site_id": rating.site_id,
        "counter_id": rating.counter_id,
        "officer_id": rating.officer_id,
        "ticket_code": ticket.code,
    }


def rate(
    session,
    token,
    level,
    criteria=None,
    comment=None,
    *,
    channel: str = "phone",
    counter_id: int | None = None,
    window_hours: float = DEFAULT_WINDOW_HOURS,
    now: datetime | None = None,
) -> Rating:
    """Record the citizen's rating of a served ticket. The first answer counts; a second is AlreadyRated,
    also when two arrive at the same instant (the UNIQUE(ticket_id) constraint decides)."""
    now = now or utcnow()
    if level not in Level.ALL:
        raise InvalidRating(_l("Mức độ hài lòng không hợp lệ."), field="level")
    criteria = clean_criteria(criteria)
    comment = clean_comment(comment)
    if channel not in CHANNELS:
        raise InvalidRating(_l("Kênh đánh giá không hợp lệ."), field="channel")
    ticket = _ticket_by_token(session, token)
    if counter_id is not None and ticket.counter_id != counter_id:
        raise errors.NotFound(_l("Số thứ tự này không được phục vụ tại quầy này."))
    check_rateable(session, ticket, now, window_hours)

    rating = Rating(
        ticket_id=ticket.id,
        level=level,
        criteria=criteria,
        comment=comment,
        channel=channel,
        site_id=ticket.site_id,
        officer_id=ticket.officer_id,
        counter_id=ticket.counter_id,
        service_id=ticket.queue_service_id,
        created_at=now,
    )
    session.add(rating)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()  # another channel won the race; nothing of ours is kept
        raise AlreadyRated() from None
    log_event(session, ticket, "rated", now, level=level, channel=channel)
    announce(session, rating_given, rating=rating_payload(rating, ticket))
    return rating


def skip(session, token, *, counter_id: int | None = None, now: datetime | None = None) -> bool:
    """The tablet asked and nobody answered: log "rating_skipped" once. True when something was logged."""
    now = now or utcnow()
    ticket = _ticket_by_token(session, token)
    if counter_id is not None and ticket.counter_id != counter_id:
        raise errors.NotFound(_l("Số thứ tự này không được phục vụ tại quầy này."))
    if is_rated(session, ticket.id) or ticket.status != Status.DONE or rating_skipped(session, ticket.id):
        return False
    log_event(session, ticket, "rating_skipped", now)
    return True
