"""deploy/systemd/motcua-rollup.{service,timer}: the nightly `reports rollup` runs shortly after midnight in
Hà Nội, catches up a missed night, and is hardened as the server processes are."""

import re
from pathlib import Path

SYSTEMD = Path(__file__).resolve().parent.parent / "deploy" / "systemd"
HARDENING = (
    "NoNewPrivileges",
    "PrivateTmp",
    "ProtectSystem",
    "ProtectHome",
    "ReadWritePaths",
    "User",
    "Group",
)


def _settings(name: str) -> dict[str, str]:
    text = (SYSTEMD / name).read_text()
    return dict(re.findall(r"^(\w+)=(.*)$", text, flags=re.M))


def test_the_timer_runs_the_rollup_after_midnight_in_ha_noi_and_catches_up():
    timer = _settings("motcua-rollup.timer")
    assert timer["OnCalendar"] == "*-*-* 00:30:00 Asia/Ho_Chi_Minh"
    assert timer["Persistent"] == "true"
    assert timer["WantedBy"] == "timers.target"
    service = _settings("motcua-rollup.service")
    assert service["Type"] == "oneshot"
    assert service["ExecStart"] == "/opt/motcua/.venv/bin/flask --app wsgi reports rollup"


def test_the_rollup_is_hardened_as_the_server_processes():
    server, rollup = _settings("motcua@.service"), _settings("motcua-rollup.service")
    assert {name: rollup.get(name) for name in HARDENING} == {name: server[name] for name in HARDENING}
    assert rollup["EnvironmentFile"] == server["EnvironmentFile"]
    assert rollup["WorkingDirectory"] == server["WorkingDirectory"]
