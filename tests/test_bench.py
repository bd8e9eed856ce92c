"""The scale harnesses keep working as the code changes: each runs in its quickest mode, in its own process
on a throw-away SQLite file, and prints its table. They assert nothing about speed (that is bench/'s job)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

QUICKEST = {
    "bench.sockets": ["--displays", "4", "--calls", "2", "--interval", "0.1"],
    "bench.issuing": ["--clients", "1,2", "--seconds", "1"],
    "bench.province": ["--minutes", "0.25", "--sites", "2", "--counters", "3", "--displays", "4"]
    + ["--kiosks", "2", "--speed", "10", "--server", "serve", "--processes", "1"],
}


def run(module: str, *args: str) -> str:
    # Never the suite's database: the harnesses empty the database they are given.
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SOCKETIO_MESSAGE_QUEUE")}
    done = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


# Rows that hold whatever the machine's speed: correctness, not time.
MUST_HOLD = {
    "bench.sockets": ["displays connected", "missed events"],
    "bench.issuing": ["duplicate numbers", "gaps in the numbers", "tickets in the database = issued"],
    "bench.province": [
        "displays connected",
        "duplicate numbers",
        "tickets called twice",
        "missed display events",
    ],
}


def verdict(out: str, figure: str) -> str:
    rows = [line.split("|") for line in out.splitlines() if line.startswith(f"| {figure} ")]
    assert len(rows) == 1, f"no row {figure!r} in:\n{out}"
    return rows[0][4].strip()


@pytest.mark.slow
@pytest.mark.parametrize("module", sorted(QUICKEST))
def test_each_harness_prints_its_table(module):
    out = run(module, *QUICKEST[module])
    assert "| figure" in out
    for figure in MUST_HOLD[module]:
        assert verdict(out, figure) == "yes", out


@pytest.mark.slow
def test_the_socket_harness_runs_the_split_recipe():
    """The displays on a socket process hear the calls made on the app process: through Redis."""
    out = run("bench.sockets", *QUICKEST["bench.sockets"], "--processes", "1", "--socket-processes", "1")
    assert "process 1 (socket): RSS connected" in out
    for figure in MUST_HOLD["bench.sockets"]:
        assert verdict(out, figure) == "yes", out


@pytest.mark.slow
def test_the_kiosk_profile_names_where_the_time_goes():
    out = run("bench.issuing", "--profile", "5")
    assert "5 kiosk tickets in-process:" in out and "ms of CPU each" in out
    assert "take_ticket" in out
