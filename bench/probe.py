"""Hostile-input probe: walks every route of the app with values meant to break it (ids past any integer
column, negatives, NUL bytes, odd unicode, invalid UTF-8, very long strings, nested JSON, wrong JSON types,
bad methods, a missing CSRF token) as an anonymous visitor, an officer and a supervisor, and prints the
requests sent and the 5xx answers seen per route. Any 5xx is a bug: the contract is a clear 4xx, or 503 for
"busy" (a locked database, a print that failed), which is counted apart.

    .venv/bin/python -m bench.probe                          # fresh database + demo centre + own server
    .venv/bin/python -m bench.probe --url http://127.0.0.1:5000 --max-requests 5000
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/probe_test .venv/bin/python -m bench.probe

Loopback only (it writes: tickets, kiosk devices, fees); bounded in requests and seconds. Exit status 1 when a
5xx was seen.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "motcua-demo"
ACTORS = {"anonymous": None, "officer": "canbo1", "supervisor": "admin"}

INT_VALUES = [1, 2**31, 2**63, 2**64 + 5, 10**30, 0]
TEXT_VALUES = ["x", "a\x00b", "x" * 3000, "ệ😀\u202e", "../../etc/passwd", "' OR 1=1 --"]
FIELD_VALUES = [
    str(2**31),
    str(2**63),
    "9" * 40,
    "-1",
    "0",
    "\x00",
    "1\x00",
    "x" * 5000,
    "ệ😀\u202e\ufeff",
    b"\xff\xfe\xed\xa0\x80",
    "<script>alert(1)</script>",
    "1.5e308",
    "",
]
QUERY_KEYS = [
    "site",
    "site_id",
    "field",
    "q",
    "i",
    "seconds",
    "device",
    "next",
    "lang",
    "key",
    "from",
    "to",
    "format",
    "printer",
    "fragment",
    "tested",
]
FORM_KEYS = [
    "service_id",
    "counter_id",
    "target",
    "code",
    "printer",
    "printer_url",
    "paper_mm",
    "printer_profile",
    "qr_mode",
    "check_status",
    "fees",
    "name",
    "level",
    "criteria",
    "comment",
    "token",
    "username",
    "password",
    "priority",
]
DEEP = "[" * 20000 + "]" * 20000
JSON_BODIES = [
    {"service_id": 2**63, "counter_id": 2**63, "username": "canbo1", "password": PASSWORD},
    {"service_id": 2**31, "counter_id": -1, "priority": "yes"},
    {"service_id": "1\x00", "username": "a\x00", "password": "x", "level": "hai_long\x00"},
    {"service_id": {"a": [1]}, "username": ["x"], "password": {"a": 1}, "level": 5, "criteria": "x"},
    {"level": "hai_long", "criteria": [2**63, None, {"x": 1}], "comment": "x" * 100_000},
    [1, 2, 3],
    "text",
    1e308,
    None,
]
RAW_BODIES = [DEEP, '{"a":' * 5000 + "1" + "}" * 5000, "{not json", '{"a": "\\ud800"}']
BAD_METHODS = ["PUT", "DELETE", "PATCH"]
_ARG = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


@dataclass
class Tally:
    requests: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    busy: Counter = field(default_factory=Counter)  # 503: the documented "busy" answer (and a failed print)
    examples: dict = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    @property
    def total(self) -> int:
        return sum(self.requests.values())

    @property
    def total_errors(self) -> int:
        return sum(self.errors.values())


class Budget(Exception):
    pass


class Prober:
    def __init__(self, base: str, max_requests: int, max_seconds: float, quick: bool):
        host = urlsplit(base).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit(f"The probe writes to the server it probes: loopback only, not {host}")
        self.base, self.max_requests, self.max_seconds, self.quick = (
            base.rstrip("/"),
            max_requests,
            max_seconds,
            quick,
        )
        self.tally = Tally()

    def send(self, route: str, session: requests.Session, method: str, url: str, **kwargs) -> None:
        if self.tally.total >= self.max_requests or time.monotonic() - self.tally.started > self.max_seconds:
            raise Budget
        self.tally.requests[route] += 1
        try:
            response = session.request(method, self.base + url, timeout=15, allow_redirects=False, **kwargs)
            status = response.status_code
        except requests.RequestException as error:  # a dropped connection is as bad as a 500
            status, response = 599, error
        if status == 503:
            self.tally.busy[route] += 1
        elif status >= 500:
            self.tally.errors[route] += 1
            self.tally.examples.setdefault(route, f"{method} {url[:160]} → {status}")

    def session(self, username: str | None) -> tuple[requests.Session, str, dict]:
        """A session signed in as `username` (None: anonymous), its CSRF token and its API headers."""
        session = requests.Session()
        page = session.get(self.base + "/auth/login", timeout=15).text
        token = (re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or [None, ""])[1]
        headers = {}
        if username:
            form = {"username": username, "password": PASSWORD, "csrf_token": token}
            session.post(self.base + "/auth/login", data=form, timeout=15, allow_redirects=False)
            answer = session.post(
                self.base + "/api/v1/auth/token", json={"username": username, "password": PASSWORD}
            )
            if answer.ok:
                headers = {"Authorization": f"Bearer {answer.json()['token']}"}
        return session, token, headers

    def paths(self, rule: str) -> list[str]:
        """The rule with each argument in turn set to hostile values, the others to a plain one."""
        args = _ARG.findall(rule)

        def build(chosen: dict) -> str:
            return _ARG.sub(lambda m: quote(str(chosen[m.group(2)]), safe=""), rule)

        plain = {name: (1 if conv == "int" else "x") for conv, name in args}
        paths = [build(plain)]
        for conv, name in args:
            values = INT_VALUES if conv == "int" else TEXT_VALUES
            paths += [build({**plain, name: v}) for v in (values[:3] if self.quick else values)[1:]]
        return paths

    def walk(self, app) -> Tally:
        rules = [r for r in app.url_map.iter_rules() if r.endpoint != "static"]
        values = FIELD_VALUES[::3] if self.quick else FIELD_VALUES
        try:
            for username in ACTORS.values():
                session, token, headers = self.session(username)
                for rule in rules:
                    if username and rule.endpoint == "auth.logout":
                        continue  # signing out would turn the rest of this actor's walk anonymous
                    self.walk_rule(str(rule), rule.methods, session, token, headers, values)
        except Budget:
            pass
        return self.tally

    def walk_rule(self, route, methods, session, token, headers, values) -> None:
        for path in self.paths(route):
            if "GET" in methods:
                self.send(route, session, "GET", path, headers=headers)
                for value in values:
                    self.send(
                        route, session, "GET", path, headers=headers, params=dict.fromkeys(QUERY_KEYS, value)
                    )
            if "POST" in methods:
                self.send(route, session, "POST", path, headers=headers, data={"service_id": "1"})  # no CSRF
                for value in values:
                    form = {**dict.fromkeys(FORM_KEYS, value), "csrf_token": token}
                    self.send(route, session, "POST", path, headers=headers, data=form)
                as_json = {**headers, "Content-Type": "application/json"}
                for body in JSON_BODIES[::3] if self.quick else JSON_BODIES:
                    self.send(route, session, "POST", path, headers=as_json, data=json.dumps(body))
                for body in RAW_BODIES[:1] if self.quick else RAW_BODIES:
                    self.send(route, session, "POST", path, headers=as_json, data=body)
            for method in BAD_METHODS[:1] if self.quick else BAD_METHODS:
                self.send(route, session, method, path, headers=headers)


def report(tally: Tally) -> str:
    lines = [f"{'route':<52} {'requests':>8} {'5xx':>5}"]
    for route, count in sorted(tally.requests.items()):
        lines.append(f"{route:<52} {count:>8} {tally.errors[route]:>5}")
    for route, example in tally.examples.items():
        lines.append(f"  first 5xx on {route}: {example}")
    seconds = time.monotonic() - tally.started
    busy = sum(tally.busy.values())
    lines.append(
        f"TOTAL requests={tally.total} 5xx={tally.total_errors} (503 busy, not counted: {busy}) seconds={seconds:.0f}"
    )
    return "\n".join(lines)


def _start_server(port: int, printouts: str) -> subprocess.Popen:
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "PRINTOUTS_DIR": printouts}
    env.pop("SOCKETIO_MESSAGE_QUEUE", None)
    log = open(Path(printouts) / "server.log", "w")  # noqa: SIM115  (closed with the process)
    process = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "serve"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/api/v1/services", timeout=2)
            return process
        except requests.RequestException:
            time.sleep(0.3)
    process.kill()
    raise SystemExit(f"the server did not start; see {printouts}/server.log")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="probe a running server (its database must hold the demo centre)")
    parser.add_argument("--max-requests", type=int, default=60_000)
    parser.add_argument("--max-seconds", type=float, default=1_200)
    parser.add_argument("--quick", action="store_true", help="fewer values per route")
    options = parser.parse_args()

    from bench.common import fresh_app

    if options.url:
        from motcua import create_app

        app, process = create_app({"SOCKETIO_MESSAGE_QUEUE": None}), None
    else:
        app = fresh_app()
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        process = _start_server(port, tempfile.mkdtemp(prefix="motcua-probe-"))
        options.url = f"http://127.0.0.1:{port}"
    try:
        tally = Prober(options.url, options.max_requests, options.max_seconds, options.quick).walk(app)
    finally:
        if process:
            process.terminate()
            process.wait(timeout=10)
    print(report(tally))
    raise SystemExit(1 if tally.total_errors else 0)


if __name__ == "__main__":
    main()
