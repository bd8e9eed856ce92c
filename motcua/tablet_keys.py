"""The rating tablet faces the citizen and has no officer signed in. It opens a per-counter signed URL,
/counter/<id>/rating?key=…, given out in the back office; the key lets it read that counter's state and
submit ratings for the ticket just completed there, nothing else. Changing SECRET_KEY revokes every key."""

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

_SALT = "motcua-rating-tablet"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def tablet_key(counter_id: int) -> str:
    return _serializer().dumps(counter_id)


def key_is_valid(counter_id: int, key) -> bool:
    if not isinstance(key, str) or len(key) > 200:
        return False
    try:
        return _serializer().loads(key) == counter_id
    except BadSignature:
        return False
