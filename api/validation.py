"""The API's one check for ids in a JSON body (service_id, counter_id, …): a JSON integer 1 ≤ n ≤ 2^31-1."""

from flask_babel import gettext as _

from motcua.web import int_arg

from .errors import ApiError


def json_id(data: dict, key: str, *, code: str, required: bool = True) -> int | None:
    """data[key] as an id, None when absent and optional; otherwise a 400 with `code`. A string of digits is
    not an id here: the API takes JSON numbers."""
    value = data.get(key)
    if value is None and not required:
        return None
    number = int_arg(value) if isinstance(value, int) else None
    if number is None:
        raise ApiError(400, code, _("%(key)s phải là một số nguyên dương hợp lệ.", key=key))
    return number
