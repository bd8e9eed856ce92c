"""The suite's own clock (tests/suite_clock.py): a working morning in Việt Nam, shared with the processes the
tests start, so no test depends on the hour or the date CI happens to run at."""

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

from models.calendar import public_holiday
from tests.suite_clock import MID_MORNING, VIETNAM, suite_start


def vn(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=VIETNAM)


def test_a_weekday_morning_stays_that_morning():
    assert suite_start(vn("2026-11-17 08:00")) == vn("2026-11-17 09:30")  # a Tuesday


def test_a_late_evening_moves_to_the_next_working_morning():
    assert suite_start(vn("2026-11-20 23:55")) == vn("2026-11-23 09:30")  # Friday night → Monday
    assert suite_start(vn("2026-11-17 09:31")) == vn("2026-11-18 09:30")


def test_the_lunar_new_year_is_skipped():
    start = suite_start(vn("2027-02-05 10:00"))  # Tết Đinh Mùi is 6 February 2027
    assert start.date() > date(2027, 2, 5) and start.time() == MID_MORNING
    assert public_holiday(start.date()) is None and start.weekday() < 5
    assert public_holiday(date(2027, 2, 6)) is not None


def test_the_suite_runs_on_a_working_morning():
    now = datetime.now(UTC).astimezone(VIETNAM)
    assert now.weekday() < 5 and public_holiday(now.date()) is None
    assert now.time() >= MID_MORNING and now - datetime.combine(now.date(), MID_MORNING, VIETNAM) < timedelta(
        hours=6
    )


def test_a_process_the_tests_start_shares_the_clock_and_leaves_threading_to_gevent():
    script = "import datetime, sys; print(datetime.datetime.now(datetime.UTC).isoformat(), 'threading' in sys.modules)"
    before = datetime.now(UTC)
    when, threading = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=30
    ).stdout.split()
    assert before <= datetime.fromisoformat(when) <= datetime.now(UTC)
    assert threading == "False"
