"""`make prod-check`: the shipped deployment, really running on this machine.

PostgreSQL (database prodcheck_test) + Redis + two gunicorn processes (deploy/gunicorn.conf.py) + nginx
(deploy/nginx/motcua.conf, TLS with a throw-away certificate), then Chromium THROUGH NGINX: the display is
open, a kiosk issues a ticket on one process, a counter calls it on the other, and the display (on the first
process) shows and announces it. Also: /healthz, static files from nginx, the WebSocket upgrade, http → https,
`flask doctor`. Loopback only, bounded in time; everything it starts is stopped, even on failure. Logs and
screenshots go to test-artifacts/prod-check/.
"""

import json
import os
import re
import secrets
import shutil
import signal
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

import requests

from devserver.browser import CHROMIUM, CHROMIUM_ARGS

from . import journey
from . import stack as st

TIME_LIMIT_SECONDS = 300
ARTIFACTS = st.ROOT / "test-artifacts" / "prod-check"


class CheckFailed(Exception):
    pass


def ok(what: str) -> None:
    print(f"✓ {what}", flush=True)


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise CheckFailed(what)
    ok(what)


def _time_out(signum, frame):
    raise TimeoutError(f"prod-check took longer than {TIME_LIMIT_SECONDS} s")


def _terminated(signum, frame):
    raise SystemExit(1)


def environment(database_url: str, redis_url: str, https: int) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SOCKETIO_MESSAGE_QUEUE": redis_url,
        "SOCKETIO_CHANNEL": f"motcua-prodcheck-{os.getpid()}",
        "SECRET_KEY": secrets.token_hex(32),
        "PUBLIC_URL": f"https://127.0.0.1:{https}",
        "TRUST_PROXY": "1",
        "LOG_FORMAT": "json",
        "PRINTER_URL": "preview",
        "KIOSK_IDLE_SECONDS": "600",
        "GUNICORN_WORKER_CONNECTIONS": "1000",
    }


def prepare_database(env: dict) -> str:
    """Migrations, demo data and `flask doctor`; returns the demo kiosk's enrolment path."""
    for args in (("db", "upgrade"), ("seed-demo",), ("doctor",)):
        done = st.flask(env, *args)
        if done.returncode != 0:
            raise CheckFailed(f"flask {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    ok("migrations, demo data, and `flask doctor` passes for this environment")
    links = st.flask(env, "kiosk-links")
    paths = [line.split("\t")[-1] for line in links.stdout.splitlines() if "\t/kiosk/?" in line]
    if links.returncode != 0 or not paths:
        raise CheckFailed(f"flask kiosk-links gave no enrolment link:\n{links.stdout}{links.stderr}")
    return paths[0]


def clients_per_process(base: str, cert: Path, upstreams: list[int]) -> dict[int, str]:
    """A sticky-routing key for each process: ask nginx which process a client name lands on."""
    found: dict[int, str] = {}
    for i in range(64):
        name = f"client-{i}"
        answer = requests.get(f"{base}/healthz", headers={st.CLIENT_HEADER: name}, verify=cert, timeout=5)
        port = int(answer.headers[st.UPSTREAM_HEADER].rsplit(":", 1)[1])
        found.setdefault(port, name)
        if len(found) == len(upstreams):
            return found
    raise CheckFailed("nginx sent 64 client names to one process only: the upstream hash is broken")


def http_checks(base: str, http: int, cert: Path) -> None:
    health = requests.get(f"{base}/healthz", verify=cert, timeout=5)
    body = health.json()
    expect(
        health.status_code == 200 and body["status"] == "ok" and body["checks"]["message_queue"] == "ok",
        f"/healthz through nginx: {health.status_code} {json.dumps(body)}",
    )
    static = requests.get(f"{base}/static/css/base.css", verify=cert, timeout=5)
    expect(
        static.status_code == 200 and "X-Request-Id" not in static.headers and "Expires" in static.headers,
        "static files come from nginx (no application request id, nginx's Expires header)",
    )
    redirect = requests.get(f"http://127.0.0.1:{http}/kiosk/", allow_redirects=False, timeout=5)
    expect(
        redirect.status_code == 301 and redirect.headers["Location"].startswith("https://"),
        "plain http is redirected to https",
    )


def nginx_log(tmp: Path) -> list[dict]:
    pattern = re.compile(
        r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) .* upstream=(?P<up>\S+) id=(?P<id>\S+)'
        r" transport=(?P<transport>\S+)"
    )
    return [
        m.groupdict() for m in map(pattern.search, (tmp / "nginx-access.log").read_text().splitlines()) if m
    ]


def served_by(tmp: Path, method: str, path: str) -> tuple[int, str]:
    """The process (port) nginx sent a request to, and the request id both logs carry."""
    lines = [e for e in nginx_log(tmp) if e["method"] == method and re.fullmatch(path, e["path"])]
    if not lines:
        raise CheckFailed(f"no {method} {path} in nginx's access log")
    entry = lines[-1]
    return int(entry["up"].rsplit(":", 1)[1]), entry["id"]


def app_logged(tmp: Path, port: int, request_id: str) -> bool:
    for line in (tmp / f"gunicorn-{port}.log").read_text().splitlines():
        if line.startswith("{") and json.loads(line).get("request_id") == request_id:
            return True
    return False


def browser_journey(
    base: str, tmp: Path, clients: dict[int, str], upstreams: list[int], kiosk_path: str
) -> None:
    from playwright.sync_api import sync_playwright

    first, second = upstreams
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            display = journey.new_page(browser, clients[first], 1920, 1080)
            journey.open_display(display, base)
            expect(journey.on_websocket(display), "the display's sockets run on WebSocket through nginx")
            kiosk = journey.new_page(browser, clients[first], 1080, 1920)
            code = journey.take_ticket(kiosk, base, kiosk_path)
            token = kiosk.locator("#issued-ticket").get_attribute("data-token")
            ok(f"the kiosk issued {code}")
            counter = journey.new_page(browser, clients[second], 1366, 768)
            expect(journey.call_next(counter, base) == code, f"the counter called {code}")
            journey.display_announces(display, code)
            ok(f"the display shows {code} and says it")
            display.screenshot(path=str(ARTIFACTS / "display-through-nginx.png"))
        finally:
            browser.close()

    kiosk_port, kiosk_id = served_by(tmp, "POST", r"/kiosk/tickets")
    counter_port, counter_id = served_by(tmp, "POST", r"/counter/\d+/call-next")
    expect(
        (kiosk_port, counter_port) == (first, second),
        f"the kiosk's ticket was served by :{kiosk_port}, the counter's call by :{counter_port}",
    )
    expect(
        app_logged(tmp, kiosk_port, kiosk_id) and app_logged(tmp, counter_port, counter_id),
        "each process logged those requests under nginx's request id",
    )
    upgrades = [e for e in nginx_log(tmp) if e["transport"] == "websocket" and e["status"] == "101"]
    expect(bool(upgrades), f"nginx upgraded {len(upgrades)} Socket.IO connections to WebSocket (101)")
    page = requests.get(f"{base}/t/{token}", verify=tmp / "cert.pem", timeout=5)
    logs = [path.read_text() for path in tmp.glob("*.log")]
    expect(
        page.status_code == 200 and not any(token in text for text in logs),
        "the ticket's page answers and its token is in no log (nginx's or the processes')",
    )


def run(stack: ExitStack, tmp: Path) -> None:
    upstreams = [st.free_port(), st.free_port()]
    http, https = st.free_port(), st.free_port()
    base = f"https://127.0.0.1:{https}"
    env = environment(st.fresh_database(), st.redis_url(stack, tmp), https)
    kiosk_path = prepare_database(env)
    for port in upstreams:
        st.gunicorn(stack, port, env, tmp)
    ok(f"two gunicorn processes on :{upstreams[0]} and :{upstreams[1]} (deploy/gunicorn.conf.py)")
    st.nginx(stack, tmp, upstreams, http, https)
    ok(f"nginx (deploy/nginx/motcua.conf) on https://127.0.0.1:{https}")
    cert = tmp / "cert.pem"
    http_checks(base, http, cert)
    browser_journey(base, tmp, clients_per_process(base, cert, upstreams), upstreams, kiosk_path)


def main() -> int:
    signal.signal(signal.SIGALRM, _time_out)
    signal.signal(signal.SIGTERM, _terminated)
    signal.alarm(TIME_LIMIT_SECONDS)
    tmp = Path(tempfile.mkdtemp(prefix="motcua-prodcheck-"))
    tmp.chmod(0o755)  # nginx's workers (user nobody) use temporary directories under it
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    try:
        with ExitStack() as stack:
            run(stack, tmp)
        print("\nprod-check passed.")
        return 0
    except (CheckFailed, RuntimeError, TimeoutError, AssertionError) as error:
        print(f"\n✗ prod-check FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        signal.alarm(0)
        for log in tmp.glob("*.log"):
            shutil.copy(log, ARTIFACTS / log.name)
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"Logs: {ARTIFACTS.relative_to(st.ROOT)}/")


if __name__ == "__main__":
    sys.exit(main())
