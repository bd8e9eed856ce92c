"""The production stack on this machine, for `make prod-check`: PostgreSQL database prodcheck_test, Redis, two
app processes and one socket process (gunicorn with deploy/gunicorn.conf.py, as the systemd units start them),
and real nginx running deploy/nginx/motcua.conf.

Everything listens on 127.0.0.1 only, lives in one temporary directory, and is a child process that the
ExitStack stops, even when the check fails or times out.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import psycopg

from devserver import free_port

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
# The only database this check ever touches (it is wiped): prodcheck_test, or another *_test one.
DATABASE = os.environ.get("PRODCHECK_DATABASE", "prodcheck_test")
SERVER = os.environ.get("PRODCHECK_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
# Added to the temporary config only, never shipped: which upstream answered (a response header), and a
# request header that sends a request to the app process of that port instead of the shipped balancing.
UPSTREAM_HEADER = "X-Prodcheck-Upstream"
APP_HEADER = "X-Prodcheck-App"


def fresh_database() -> str:
    """Create prodcheck_test if missing and empty it; return its SQLAlchemy URL."""
    if not DATABASE.endswith("_test"):
        raise RuntimeError(
            f"PRODCHECK_DATABASE={DATABASE}: the check wipes it, so its name must end in _test"
        )
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')
    with psycopg.connect(f"{SERVER}/{DATABASE}", autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
    return f"{SERVER.replace('postgresql://', 'postgresql+psycopg://', 1)}/{DATABASE}"


def redis_url(stack: ExitStack, tmp: Path) -> str:
    """The machine's Redis if it answers, else our own redis-server child on a free port."""
    url = os.environ.get("PRODCHECK_REDIS", "redis://127.0.0.1:6379/0")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        return url
    except (redis.RedisError, OSError):
        port = free_port()
        start(stack, "redis", ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", ""], tmp)
        url = f"redis://127.0.0.1:{port}/0"
        wait_until(lambda: redis.Redis.from_url(url).ping(), "redis-server")
        return url


def start(stack: ExitStack, name: str, argv: list[str], tmp: Path, env=None) -> subprocess.Popen:
    log = open(tmp / f"{name}.log", "w")  # noqa: SIM115  (closed by the stack)
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    stack.callback(log.close)
    stack.callback(stop, process)
    return process


def stop(process: subprocess.Popen, grace: float = 25) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def wait_until(probe, what: str, timeout: float = 30, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with code {process.returncode}; see its log")
        try:
            if probe():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {timeout} s")


def flask(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def gunicorn(stack: ExitStack, port: int, env: dict, tmp: Path) -> subprocess.Popen:
    """Started, not waited for (wait_for_gunicorn): the processes import the app side by side."""
    argv = [str(VENV_BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py"]
    return start(stack, f"gunicorn-{port}", argv, tmp, env={**env, "PORT": str(port)})


def wait_for_gunicorn(port: int, process: subprocess.Popen) -> None:
    url = f"http://127.0.0.1:{port}/healthz"
    wait_until(lambda: urllib.request.urlopen(url, timeout=2).status == 200, f"gunicorn :{port}", 90, process)


def certificate(tmp: Path) -> Path:
    """A throw-away self-signed certificate for 127.0.0.1, so the check runs the shipped TLS server block."""
    cert = tmp / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(tmp / "key.pem"), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert


def _servers(ports: list[int]) -> str:
    return "\n    ".join(f"server 127.0.0.1:{port};" for port in ports)


def _app_pins(apps: list[int]) -> str:
    """A request naming an app process's port in APP_HEADER goes to that process; any other request to the
    shipped upstream and its balancing. (proxy_pass to a variable: an upstream's name, or an address.)"""
    pins = "".join(f'    "{port}" 127.0.0.1:{port};\n' for port in apps)
    name = APP_HEADER.lower().replace("-", "_")
    return f"map $http_{name} $prodcheck_app {{\n    default motcua_app;\n{pins}}}\n\n"


def site_config(shipped: str, tmp: Path, apps: list[int], sockets: list[int], http: int, https: int) -> str:
    """The shipped site with this machine's ports and paths. Each edit must match, so a change to the shipped
    file that the check no longer covers stops it loudly instead of silently testing something else."""
    edits = [
        ("server 127.0.0.1:8101;  # EDIT: one line per socket process", _servers(sockets)),
        (
            "server 127.0.0.1:8001;  # EDIT: one line per app process\n    server 127.0.0.1:8002;",
            _servers(apps),
        ),
        # The journey puts the kiosk and the counter on different app processes, whatever the balancing.
        ("# WebSocket: pass Upgrade on;", _app_pins(apps) + "# WebSocket: pass Upgrade on;"),
        (
            "location / {\n        proxy_pass http://motcua_app;",
            "location / {\n        proxy_pass http://$prodcheck_app;\n"
            f"        add_header {UPSTREAM_HEADER} $upstream_addr always;",
        ),
        ("listen 80;", f"listen 127.0.0.1:{http};"),
        ("listen [::]:80;", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;"),
        ("listen [::]:443 ssl http2;", ""),
        ("/etc/ssl/motcua/fullchain.pem", str(tmp / "cert.pem")),
        ("/etc/ssl/motcua/privkey.pem", str(tmp / "key.pem")),
        ("/var/log/nginx/motcua.access.log", str(tmp / "nginx-access.log")),
        ("/var/log/nginx/motcua.error.log", str(tmp / "nginx-error.log")),
        ("root /var/www/html;", f"root {tmp};"),
        ("/opt/motcua/", f"{ROOT}/"),
    ]
    for old, new in edits:
        if old not in shipped:
            raise RuntimeError(
                f"deploy/nginx/motcua.conf no longer contains {old!r}: update deploy/check/stack.py"
            )
        shipped = shipped.replace(old, new)
    return shipped


def main_config(tmp: Path) -> str:
    return f"""daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/motcua.conf;
}}
"""


def nginx(stack: ExitStack, tmp: Path, apps: list[int], sockets: list[int], http: int, https: int) -> None:
    certificate(tmp)
    shipped = (ROOT / "deploy" / "nginx" / "motcua.conf").read_text()
    (tmp / "motcua.conf").write_text(site_config(shipped, tmp, apps, sockets, http, https))
    (tmp / "nginx.conf").write_text(main_config(tmp))
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    argv = [binary, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "nginx-error.log")]
    tested = subprocess.run([*argv, "-t"], capture_output=True, text=True)
    if tested.returncode != 0:
        raise RuntimeError(f"nginx refuses the configuration:\n{tested.stderr}")
    process = start(stack, "nginx", argv, tmp)
    wait_until(
        lambda: socket.create_connection(("127.0.0.1", https), timeout=1).close() or True,
        "nginx",
        15,
        process,
    )
