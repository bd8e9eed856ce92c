"""Input no request may carry, refused before any view runs: a NUL byte anywhere (PostgreSQL refuses it in
text, so a query would fail), and JSON nested deeper than any client of ours sends (Python's parser would
recurse until it fails)."""

import json

from flask import request
from flask.json.provider import DefaultJSONProvider
from flask_babel import gettext as _

from models.text import json_depth

from .errors import error_response

MAX_JSON_DEPTH = 32
NUL = "\x00"


class JsonTooDeep(ValueError):
    pass


def loads_bounded(data, **kwargs):
    """json.loads that refuses, as invalid JSON (ValueError), a text nested deeper than MAX_JSON_DEPTH."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes | bytearray) else data
    if isinstance(text, str) and json_depth(text) > MAX_JSON_DEPTH:
        raise JsonTooDeep(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    return json.loads(data, **kwargs)


class JsonProvider(DefaultJSONProvider):
    """Flask's JSON, with request bodies bounded in depth: request.get_json() sees a too-deep body as invalid."""

    def loads(self, s, **kwargs):
        return loads_bounded(s, **kwargs)


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False  # the depth bound above keeps this recursion short


def _multidict_has_nul(values) -> bool:
    return any(NUL in key or NUL in value for key, value in values.items(multi=True))


def request_has_nul() -> bool:
    if NUL in request.path or _multidict_has_nul(request.args):
        return True
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        if _multidict_has_nul(request.form):
            return True
        if any(NUL in key or NUL in (f.filename or "") for key, f in request.files.items(multi=True)):
            return True
    return request.is_json and _has_nul(request.get_json(silent=True))


def init_app(app) -> None:
    @app.before_request
    def _refuse_nul():
        if request_has_nul():
            return error_response(
                400, "invalid_input", _("Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự NUL).")
            )
        return None
