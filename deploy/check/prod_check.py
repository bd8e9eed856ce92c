"""`make prod-check`: the shipped deployment, really running on this machine.

PostgreSQL (database prodcheck_test) + Redis + the two tiers of gunicorn processes (deploy/gunicorn.conf.py):
two app processes and one socket process + nginx (deploy/nginx/motcua.conf, TLS with a throw-away
certificate), then Chromium THROUGH NGINX: the display is open (its socket on the socket tier), a kiosk issues
a ticket on one app process, a counter calls it on the other, and the display shows and announces it (the
event went through Redis). nginx's access log then proves the split: every /socket.io/ request went to the
socket process, every other proxied request to an app process, and unpinned requests were spread over both.
Also: /healthz, static files from nginx, the WebSocket upgrade, http → https, `flask doctor`. Loopback only,
bounded in time; everything it starts is stopped, even on failure. Logs and screenshots go to
test-artifacts/prod-check/.
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


def upstream_port(answer: requests.Response) -> int:
    return int(answer.headers[st.UPSTREAM_HEADER].rsplit(":", 1)[1])


def spread_over_apps(base: str, cert: Path, apps: list[int]) -> None:
    """Unpinned requests, one after the other: least_conn finds every app process idle and takes them in
    turn, so a handful reach each one."""
    ports = [
        upstream_port(requests.get(f"{base}/healthz", verify=cert, timeout=5)) for _ in range(2 * len(apps))
    ]
    expect(
        sorted(set(ports)) == sorted(apps),
        f"nginx spread {len(ports)} unpinned requests over the app tier: {ports}",
    )


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
        r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) .* upstream=(?P<up>.+?) id=(?P<id>\S+)'
        r" transport=(?P<transport>\S+)"
    )
    return [
        m.groupdict() for m in map(pattern.search, (tmp / "nginx-access.log").read_text().splitlines()) if m
    ]


def logged_ports(upstream: str) -> list[int]:
    """$upstream_addr: "-" when nothing was proxied, several addresses when nginx tried more than one."""
    addresses = re.split(r"\s*[,:]\s+", upstream)
    return [int(address.rsplit(":", 1)[1]) for address in addresses if address != "-"]


def tiers_in_log(tmp: Path, apps: list[int], sockets: list[int]) -> None:
    """Every /socket.io/ request went to the socket tier, every other proxied one to the app tier."""
    entries = [e for e in nginx_log(tmp) if logged_ports(e["up"])]
    socket_io = [e for e in entries if e["path"].startswith("/socket.io/")]
    misrouted = [
        f"{e['method']} {e['path']} → {e['up']}"
        for e in entries
        if not set(logged_ports(e["up"])) <= set(sockets if e in socket_io else apps)
    ]
    if misrouted:
        raise CheckFailed(f"{len(misrouted)} requests went to the wrong tier: {misrouted[:5]}")
    expect(
        bool(socket_io) and len(entries) > len(socket_io),
        f"nginx's access log: all {len(socket_io)} /socket.io/ requests went to the socket tier, all "
        f"{len(entries) - len(socket_io)} other proxied requests to the app tier",
    )


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


def browser_journey(base: str, tmp: Path, apps: list[int], kiosk_path: str) -> None:
    from playwright.sync_api import sync_playwright

    first, second = apps
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            display = journey.new_page(browser, 1920, 1080)
            journey.open_display(display, base)
            expect(journey.on_websocket(display), "the display's sockets run on WebSocket through nginx")
            kiosk = journey.new_page(browser, 1080, 1920, app_port=first)
            code = journey.take_ticket(kiosk, base, kiosk_path)
            token = kiosk.locator("#issued-ticket").get_attribute("data-token")
            ok(f"the kiosk issued {code}")
            counter = journey.new_page(browser, 1366, 768, app_port=second)
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
    apps, sockets = [st.free_port(), st.free_port()], [st.free_port()]
    http, https = st.free_port(), st.free_port()
    base = f"https://127.0.0.1:{https}"
    env = environment(st.fresh_database(), st.redis_url(stack, tmp), https)
    kiosk_path = prepare_database(env)
    started = {port: st.gunicorn(stack, port, env, tmp) for port in apps + sockets}
    for port, process in started.items():
        st.wait_for_gunicorn(port, process)
    ok(
        f"app processes on :{apps[0]} and :{apps[1]}, a socket process on :{sockets[0]} (deploy/gunicorn.conf.py)"
    )
    st.nginx(stack, tmp, apps, sockets, http, https)
    ok(f"nginx (deploy/nginx/motcua.conf) on https://127.0.0.1:{https}")
    cert = tmp / "cert.pem"
    http_checks(base, http, cert)
    spread_over_apps(base, cert, apps)
    browser_journey(base, tmp, apps, kiosk_path)
    tiers_in_log(tmp, apps, sockets)


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
