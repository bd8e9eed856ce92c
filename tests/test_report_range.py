"""One parser for a report's ?from=&to= (models.satisfaction_report.report_range), read by the back office and
the API: the same default, the same limits, the same refusals."""

from datetime import date

import pytest

from models.satisfaction_report import MAX_REPORT_DAYS, InvalidDate, InvalidRange, report_range

TODAY = date(2026, 3, 31)


def test_the_default_is_the_last_30_days_up_to_today():
    assert report_range(TODAY, None, None) == (date(2026, 3, 2), TODAY)
    assert report_range(TODAY, "", "2026-02-28") == (date(2026, 1, 30), date(2026, 2, 28))
    assert report_range(TODAY, "2026-03-10", None) == (date(2026, 3, 10), TODAY)


def test_the_longest_range_is_366_days():
    start, end = report_range(TODAY, "2025-03-31", "2026-03-31")
    assert (end - start).days + 1 == MAX_REPORT_DAYS
    with pytest.raises(InvalidRange):
        report_range(TODAY, "2025-03-30", "2026-03-31")


@pytest.mark.parametrize("start, end", [("31/03/2026", None), (None, "2026-13-01"), ("2026-03-01\x00", None)])
def test_a_bad_date_is_refused(start, end):
    with pytest.raises(InvalidDate) as refused:
        report_range(TODAY, start, end)
    assert (refused.value.status, refused.value.code) == (400, "invalid_date")


def test_a_backward_range_is_refused():
    with pytest.raises(InvalidRange) as refused:
        report_range(TODAY, "2026-03-20", "2026-03-10")
    assert (refused.value.status, refused.value.code) == (400, "invalid_range")


def test_the_back_office_and_the_api_read_the_same_range(demo, client, login, api_token):
    headers = api_token("admin")
    body = client.get(
        "/api/v1/reports/satisfaction?from=2026-01-01&to=2026-01-31", headers=headers
    ).get_json()
    assert (body["from"], body["to"]) == ("2026-01-01", "2026-01-31")
    login("admin")
    page = client.get("/admin/reports/satisfaction?from=2026-01-01&to=2026-01-31").get_data(as_text=True)
    assert "2026-01-01" in page and "2026-01-31" in page
    refused = client.get("/admin/reports/satisfaction?from=2026-01-31&to=2026-01-01").get_data(as_text=True)
    assert "Khoảng thời gian không hợp lệ (tối đa 366 ngày)" in refused
