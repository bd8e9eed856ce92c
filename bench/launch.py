"""Server processes for the scale harnesses, started as `make run` starts one (`flask serve`, gevent) or as
the deploy recipe does (gunicorn with deploy/gunicorn.conf.py, one or more processes sharing Socket.IO through
Redis), and what each process costs (RSS and CPU from /proc)."""

import contextlib
import os
import re
import signal
import subprocess
import sys
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from devserver import ROOT, _wait_until_up, free_port, private_redis, running_server

TICKS = os.sysconf("SC_CLK_TCK")


ACCESS_LINE = re.compile(r"\] (\w+) (\S+) (\d{3}) ([\d.]+) ms")  # motcua/request_log.py's text format


@dataclass
class Server:
    base: str
    pid: int  # the process that serves requests (gunicorn's worker, not its master)
    log: Path

    def log_offset(self) -> int:
        return self.log.stat().st_size

    def app_seconds(self, since: int, path_prefix: str) -> list[float]:
        """The time the app itself spent on each request to `path_prefix` logged after `since` (a
        log_offset): from the app's first line to its last, without the wait for a thread or the socket."""
        with open(self.log, "rb") as log:
            log.seek(since)
            text = log.read().decode(errors="replace")
        return [
            float(match[4]) / 1000 for match in ACCESS_LINE.finditer(text) if match[2].startswith(path_prefix)
        ]

    def rss_mib(self) -> float:
        return _status_kib(self.pid, "VmRSS") / 1024

    def peak_mib(self) -> float:
        return _status_kib(self.pid, "VmHWM") / 1024

    def threads(self) -> int:
        return int(_status_field(self.pid, "Threads"))

    def cpu_seconds(self) -> float:
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def _status_field(pid: int, name: str) -> str:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(name + ":"):
                return line.split()[1]
    raise LookupError(name)


def _status_kib(pid: int, name: str) -> int:
    return int(_status_field(pid, name))


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except OSError:
                continue
    return found


def _serving_child(port: int) -> int:
    """`running_server` does not name its process: it is the child of ours whose PORT is this one."""
    for pid in _children(os.getpid()):
        try:
            with open(f"/proc/{pid}/environ", "rb") as environ:
                if f"PORT={port}".encode() in environ.read().split(b"\0"):
                    return pid
        except OSError:
            continue
    raise LookupError(f"no server process on port {port}")


@contextmanager
def _gunicorn(env: dict):
    port = free_port()
    path = ROOT / "test-artifacts" / f"gunicorn-{port}.log"
    log = open(path, "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env={**os.environ, **env, "PORT": str(port), "HOST": "127.0.0.1", "GUNICORN_LOG_LEVEL": "warning"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        worker = _children(process.pid)[0]
        yield Server(base, worker, path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        # A worker still closing its sockets when its master gives up must not outlive the harness.
        with contextlib.suppress(ProcessLookupError, UnboundLocalError):
            os.kill(worker, signal.SIGKILL)
        log.close()


@contextmanager
def servers(kind: str = "serve", processes: int = 1, **env):
    """`processes` server processes of `kind` ("serve" or "gunicorn"); with more than one they share Socket.IO
    through SOCKETIO_MESSAGE_QUEUE, or through a private redis-server when none is set."""
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    # A harness stopped by SIGTERM (timeout, Ctrl-C of a parent) still stops the servers it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with ExitStack() as stack:
        if processes > 1 and not os.environ.get("SOCKETIO_MESSAGE_QUEUE"):
            env["SOCKETIO_MESSAGE_QUEUE"] = stack.enter_context(private_redis()).url
        started = []
        for _ in range(processes):
            if kind == "gunicorn":
                started.append(stack.enter_context(_gunicorn(env)))
            else:
                base = stack.enter_context(running_server(**env))
                port = int(base.rsplit(":", 1)[1])
                started.append(
                    Server(base, _serving_child(port), ROOT / "test-artifacts" / f"server-{port}.log")
                )
        yield started


def answers(server: Server, seconds: float = 5) -> bool:
    """Whether the process still answers a plain request (a process that cannot take one more connection
    does not)."""
    try:
        with urllib.request.urlopen(server.base + "/healthz", timeout=seconds) as answer:
            return answer.status == 200
    except OSError:
        return False
