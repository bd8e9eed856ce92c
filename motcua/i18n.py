"""Language per browser: ?lang=vi|en sticks in the session; otherwise the configured LANGUAGE (Vietnamese)."""

from flask import current_app, has_request_context, request, session
from flask_babel.speaklater import LazyString
from markupsafe import escape

from .extensions import babel


def _escaped_html(lazy: LazyString):
    return escape(str(lazy))


# Flask-Babel's lazy strings tell Jinja they are already HTML (`__html__` returns the text as is), so a message
# like _l("Không có dịch vụ “%(s)s”.", s=<a line of an uploaded file>) reached the page unescaped: markup from a
# file, a form or an API body ran in staff's browsers. No msgid of ours holds markup: escape them like any text.
LazyString.__html__ = _escaped_html


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # a CLI command, a worker, a test
        return current_app.config["LANGUAGE"]
    asked = request.args.get("lang")
    if asked in languages:
        session["lang"] = asked
        return asked
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    return current_app.config["LANGUAGE"]


def init_app(app) -> None:
    babel.init_app(app, locale_selector=select_locale)
