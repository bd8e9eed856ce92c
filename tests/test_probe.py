"""A reduced run of bench/probe.py against a real server process: every route, hostile values, three kinds
of visitor, and not one 5xx (on SQLite and, under .ci/run, on PostgreSQL)."""

import pytest

from bench.probe import Prober, report
from tests.servers import running_server


@pytest.mark.slow
def test_the_probe_finds_no_5xx_on_any_route(app, demo, tmp_path):
    with running_server(PRINTOUTS_DIR=str(tmp_path)) as base:
        tally = Prober(base, max_requests=4_000, max_seconds=300, quick=True).walk(app)
    print(report(tally))
    assert tally.total >= 2_000  # really walked every route, as all three visitors
    assert set(tally.requests) == {str(r) for r in app.url_map.iter_rules() if r.endpoint != "static"}
    assert tally.total_errors == 0, report(tally)
