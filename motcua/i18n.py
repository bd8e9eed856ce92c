"""Language per browser: ?lang=vi|en sticks in the session; otherwise the configured LANGUAGE (Vietnamese)."""

from flask import current_app, has_request_context, request, session

from .extensions import babel


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
