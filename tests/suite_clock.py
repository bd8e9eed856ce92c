"""The suite's clock: every test runs on a working day in mid-morning, Việt Nam time, whatever the real date.

Queue numbers restart at local midnight, services keep weekly hours and dossiers count working days, so a
suite run at 23:55 or on Tết would fail for reasons that have nothing to do with the code. The suite travels
(time-machine, ticking) to the first working day at 09:30 that is not in the past: a few days ahead at most,
so cookies the servers set do not look expired to Chromium, which keeps the real clock.

Every Python process the tests start (servers, spawned workers, CLI commands) follows the same clock:
tests/clock/ is put on PYTHONPATH and its sitecustomize.py travels by the offset in OFFSET_ENV.
"""

import os
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays

OFFSET_ENV = "MOTCUA_SUITE_CLOCK_OFFSET"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
MID_MORNING = time(9, 30)
_SITE_DIR = Path(__file__).parent / "clock"


def suite_start(real_now: datetime) -> datetime:
    """The first working day (Monday to Friday, not a public holiday) at 09:30 in Việt Nam, not before now."""
    day = real_now.astimezone(VIETNAM).date()
    public = holidays.country_holidays("VN", years=range(day.year, day.year + 2))
    while True:
        start = datetime.combine(day, MID_MORNING, VIETNAM)
        if day.weekday() < 5 and day not in public and start >= real_now:
            return start
        day += timedelta(days=1)


def travel_for_the_suite():
    """Start the suite's clock in this process and hand it to every process started from it."""
    import time

    import time_machine

    real_now = datetime.now(UTC)
    offset = (suite_start(real_now) - real_now).total_seconds()
    os.environ[OFFSET_ENV] = repr(offset)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_SITE_DIR), os.environ.get("PYTHONPATH")]))
    traveller = time_machine.travel(time.time() + offset, tick=True)  # as tests/clock/sitecustomize.py does
    traveller.start()
    time.time()  # time-machine starts ticking at the first reading, not at start()
    return traveller
