"""Checking the back office's form values inside the rules, each refusal naming its field (InvalidField)."""

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from .errors import InvalidField


def text(values: dict, field: str, *, max_length: int, required: bool = False, label=None) -> str:
    value = values.get(field)
    value = value.strip() if isinstance(value, str) else ""
    if required and not value:
        raise InvalidField(field, _l("Xin nhập %(label)s.", label=label or field))
    if len(value) > max_length:
        raise InvalidField(field, _l("Tối đa %(n)s ký tự.", n=max_length))
    return value


def number(values: dict, field: str, *, low: int, high: int, required: bool = True) -> int | None:
    raw = values.get(field)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise InvalidField(field, _l("Xin nhập một số."))
        return None
    try:
        value = int(str(raw).strip()) if not isinstance(raw, bool) and len(str(raw)) <= 9 else None
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise InvalidField(field, _l("Xin nhập một số từ %(low)s đến %(high)s.", low=low, high=high))
    return value


def matching(values: dict, field: str, pattern: str, message, *, max_length: int, required=True) -> str:
    value = text(values, field, max_length=max_length)
    if not value and not required:
        return value
    if not re.fullmatch(pattern, value):
        raise InvalidField(field, message)
    return value


def flag(values: dict, field: str) -> bool:
    return values.get(field) in ("1", "on", "true", True)


def flush_unique(session, field: str, message) -> None:
    """Flush; a unique constraint the checks above could not see (two administrators saving the same prefix,
    code or name at the same instant) becomes the same refusal beside the field, never a 500."""
    try:
        session.flush()
    except IntegrityError:
        raise InvalidField(field, message) from None
