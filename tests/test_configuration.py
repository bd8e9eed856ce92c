"""Every setting the code reads is one the README documents, and every app.config key it reads is one the
configuration sets: a key read but never set can only ever hold its fallback."""

import re
from pathlib import Path

from motcua.config import Config

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [
    "motcua",
    "models",
    "kiosk",
    "public",
    "counter",
    "tablet",
    "display",
    "admin",
    "auth",
    "api",
    "printing",
]
# Tools around the server, not settings of it: the browser tests' Chromium, prod-check's own services.
NOT_SETTINGS = {"CHROMIUM", "PRODCHECK_POSTGRES", "PRODCHECK_REDIS", "PRODCHECK_DATABASE"}
# Set by Flask, its extensions or the test set-up, not read from the environment by us.
FLASK_KEYS = {"TESTING", "DEBUG", "SERVER_NAME", "APPLICATION_ROOT", "PREFERRED_URL_SCHEME"}


def _sources(folders):
    for folder in folders:
        yield from (ROOT / folder).rglob("*.py")


def _read(pattern: str, files) -> set[str]:
    return {name for path in files for name in re.findall(pattern, path.read_text())}


def _documented() -> set[str]:
    section = (
        (ROOT / "README.md").read_text().split("## Configuration", 1)[1].split("### Running a province")[0]
    )
    return {
        name
        for row in re.findall(r"^\| (`[A-Z_]+`(?:, `[A-Z_]+`)*) \|", section, flags=re.M)
        for name in re.findall(r"`([A-Z_]+)`", row)
    }


def test_every_environment_variable_read_is_documented():
    read = _read(
        r"""environ(?:\.get)?[(\[]["']([A-Z_]+)["']""", [*_sources([*SHIPPED, "deploy"]), ROOT / "wsgi.py"]
    )
    read |= _read(r"""_(?:flag|count_from_env)\(["']([A-Z_]+)["']""", [ROOT / "motcua" / "config.py"])
    assert (
        "SESSION_COOKIE_SECURE" in read and "GUNICORN_LOG_LEVEL" in read
    )  # the scan sees both ways of reading
    assert sorted(read - NOT_SETTINGS - _documented()) == []


def test_every_config_key_read_is_set_by_the_configuration():
    read = _read(r"""config(?:\.get\(|\[)["']([A-Z_]+)["']""", _sources(SHIPPED))
    assert "PRINT_DEADLINE_SECONDS" in read
    assert sorted(read - set(vars(Config())) - FLASK_KEYS) == []
