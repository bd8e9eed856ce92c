"""`make run` and `flask serve` with a database that does not answer: one plain line, then they keep trying."""

import os
import subprocess
import sys
import time
from pathlib import Path

from .servers import ROOT, free_port


def _flask(*args, env_overrides: dict) -> subprocess.Popen:
    env = {**os.environ, **env_overrides}
    env.pop("SOCKETIO_MESSAGE_QUEUE", None)
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_serve_says_so_in_one_line_and_keeps_trying(tmp_path):
    url = f"postgresql+psycopg://postgres:secret@127.0.0.1:{free_port()}/nothing_test"
    process = _flask("serve", "--port", str(free_port()), env_overrides={"DATABASE_URL": url})
    try:
        first = process.stdout.readline()
        time.sleep(3)  # long enough for a crash to show; the process must still be waiting
        assert process.poll() is None
    finally:
        process.terminate()
        rest, _ = process.communicate(timeout=10)
    assert first.startswith("Cannot reach the database postgresql+psycopg://postgres:***@127.0.0.1:")
    assert "Connection refused" in first and "retrying every 2 s" in first
    assert "secret" not in first + rest
    assert "Traceback" not in rest and "Cannot reach" not in rest  # said once, not once per try


def test_wait_db_gives_up_after_its_timeout_with_a_clear_error():
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/nothing_test"
    process = _flask("wait-db", "--timeout", "1", "--interval", "0.5", env_overrides={"DATABASE_URL": url})
    output, _ = process.communicate(timeout=30)
    assert process.returncode == 1
    assert "Cannot reach the database" in output
    assert "Error: The database did not answer within 1 s." in output
    assert "Traceback" not in output


def test_wait_db_goes_on_once_the_database_appears(tmp_path: Path):
    folder = tmp_path / "later"  # SQLite cannot open a file in a folder that does not exist yet
    process = _flask(
        "wait-db", "--interval", "0.3", env_overrides={"DATABASE_URL": f"sqlite:///{folder / 'motcua.db'}"}
    )
    first = process.stdout.readline()  # it has found no database …
    folder.mkdir()  # … and now there is one
    rest, _ = process.communicate(timeout=60)
    assert process.returncode == 0, first + rest
    assert (first + rest).splitlines() == [
        f"Cannot reach the database sqlite:///{folder / 'motcua.db'}: unable to open database file"
        " — retrying every 0.3 s (Ctrl+C stops).",
        "The database answers now.",
    ]


def test_wait_db_is_silent_when_the_database_answers(app, ctx):
    result = app.test_cli_runner().invoke(args=["wait-db", "--timeout", "5"])
    assert result.exit_code == 0
    assert result.output == ""
