"""Loaded by every Python process the test suite starts (tests/suite_clock.py puts this folder on PYTHONPATH):
the process's clock travels by the suite's offset, so servers and workers agree with the tests on "now"."""

import os
import sys

_offset = os.environ.get("MOTCUA_SUITE_CLOCK_OFFSET")
if _offset:
    import time

    # Without pytest: time-machine would import it for its plugin, and with it `threading` and `socket`,
    # before a gevent server has had its chance to patch them.
    _had_pytest = "pytest" in sys.modules
    if not _had_pytest:
        sys.modules["pytest"] = None
    try:
        import time_machine
    finally:
        if not _had_pytest:
            del sys.modules["pytest"]
    time_machine.travel(time.time() + float(_offset), tick=True).start()
    time.time()  # time-machine starts ticking at the first reading, not at start()
