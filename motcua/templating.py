"""What every template may use: the language switcher, local-time filters, the vendored script URLs."""

from datetime import datetime

from flask import url_for
from flask_babel import format_decimal, format_percent, get_locale

from models.catalogue import DocumentKind
from models.clock import to_local

VENDOR = {
    "htmx": "vendor/htmx-2.0.11/htmx.min.js",
    "socketio": "vendor/socket.io-client-4.8.4/socket.io.min.js",
}


def local_time(value: datetime | None, tz_name: str, fmt: str = "%H:%M") -> str:
    if value is None:
        return ""
    return to_local(value, tz_name).strftime(fmt)


def decimal(value: float | None, digits: int = 1) -> str:
    """A number the way the reader's language writes it: "2,5" in Vietnamese, "2.5" in English; "—" for none."""
    if value is None:
        return "—"
    return format_decimal(value, format="#,##0." + "0" * digits if digits else "#,##0")


def percent(value: float | None, digits: int = 1) -> str:
    """A share given in percent (50.0 → "50,0%" in Vietnamese, "50.0%" in English); "—" for none."""
    if value is None:
        return "—"
    return format_percent(value / 100, format="#,##0." + "0" * digits + "%" if digits else "#,##0%")


def procedure_name(procedure) -> str:
    """A procedure's name in the reader's language: its English name in English, where it has one."""
    if str(get_locale()) == "en" and getattr(procedure, "name_en", ""):
        return procedure.name_en
    return procedure.name


def init_app(app) -> None:
    app.add_template_filter(procedure_name, "procedure_name")
    app.add_template_filter(local_time, "local_time")
    app.add_template_filter(decimal, "decimal")
    app.add_template_filter(percent, "percent")
    app.add_template_filter(DocumentKind.label, "document_kind")

    @app.context_processor
    def _globals():
        return {
            "vendor_url": lambda name: url_for("static", filename=VENDOR[name]),
            "current_locale": str(get_locale() or app.config["LANGUAGE"]),
            "languages": app.config["LANGUAGES"],
        }
