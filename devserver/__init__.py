"""Local servers of our own, for the tests, the benchmarks and the checks alike: a real server process
(`flask --app wsgi serve`) on a free port, and a private redis-server to break at will.

It lives here, beside tests/ and bench/ rather than in either, so that neither depends on the other; it is
not part of the shipped application (motcua/), which never starts processes of its own."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(**env_overrides):
    """A server process on a free port, sharing this test run's database; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", **env_overrides}
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    log = open(ROOT / "test-artifacts" / f"server-{port}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "serve"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_until_up(base: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode}; see test-artifacts/")
        try:
            with urllib.request.urlopen(base + "/api/v1/services", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {base} did not start within {timeout} s")


class PrivateRedis:
    """A redis-server of our own on a free port, to break and restart at will. Never the machine's shared
    Redis: other test runs and services use that one."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while self.command("PING") != "PONG":
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"redis-server on port {self.port} did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def wait_for_subscribers(self, count: int, timeout: float = 20.0) -> None:
        """Until `count` connections are subscribed to some channel (a server process subscribes in the
        background when its first socket connects)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            channels = self.command("PUBSUB", "CHANNELS") or []
            counts = self.command("PUBSUB", "NUMSUB", *channels) if channels else []
            if sum(counts[1::2]) >= count:
                return
            time.sleep(0.1)
        raise AssertionError(f"{count} subscribers did not appear within {timeout} s")

    def command(self, *args: str):
        """One command through redis-py; None when Redis does not answer."""
        import redis

        try:
            client = redis.Redis(port=self.port, socket_connect_timeout=1, decode_responses=True)
            with client:
                answer = client.execute_command(*args)
            return "PONG" if answer is True and args == ("PING",) else answer
        except redis.ConnectionError:
            return None


@contextmanager
def private_redis():
    """A PrivateRedis, started; stopped afterwards whatever happens."""
    server = PrivateRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()
