"""Figures read the way the reader's language writes them: "2,5" and "50,0%" in Vietnamese, "2.5" and "50.0%" in
English."""

import pytest
from flask_babel import force_locale

from models import db, rating_rules
from models import queue as rules
from models.queue import issue_ticket
from models.transaction import perform
from motcua.templating import decimal, percent


@pytest.mark.parametrize(
    ("locale", "mean", "share", "big"),
    [("vi", "2,5", "50,0%", "1.234,5"), ("en", "2.5", "50.0%", "1,234.5")],
)
def test_numbers_follow_the_language(app, locale, mean, share, big):
    with app.test_request_context(), force_locale(locale):
        assert decimal(2.5) == mean
        assert percent(50.0) == share
        assert decimal(1234.5) == big
        assert decimal(None) == percent(None) == "—"
        assert decimal(3, digits=0) == "3"


def test_the_report_shows_vietnamese_percentages(demo, login):
    officer = demo.users["canbo1"]
    for level in ("hai_long", "khong_hai_long", None):
        ticket = perform(db.session, issue_ticket, demo.services["A"].id).ticket
        perform(db.session, rules.call_next, demo.counters[1].id, officer)
        perform(db.session, rules.complete, demo.counters[1].id, officer)
        if level:
            perform(db.session, rating_rules.rate, ticket.token, level, [], "", channel="phone")
    page = login("admin").get("/admin/reports/satisfaction").get_data(as_text=True)
    # 3 served, 2 rated (66,7%), 1 "Không hài lòng" → index 2/3 = 66,7%; each level is 50,0% of the ratings.
    assert '<span class="figure">66,7%</span>' in page
    assert "(50,0%)" in page
    assert "66.7" not in page and "50.0" not in page
