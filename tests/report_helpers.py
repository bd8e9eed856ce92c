"""A generated month of tickets for the report tests, and its hand count.

November 2026, Hà Nội (UTC+7), the demo ward centre (wait target 20 minutes). Every day d = 1..30:
  (a) an A ticket issued 09:00, called by canbo1 at counter 1 after 5·(d mod 3) minutes (10 days each of
      0, 5 and 10), served 6 minutes. Rated "Không hài lòng" on day 1, "Rất hài lòng" on days 2–4.
  (b) a B ticket issued 09:00, called by canbo2 at counter 3 at 09:30 (wait 30); a no-show on days 1–6, else
      served 4 minutes.
Days 1–3: (c) a C ticket from the API issued 14:00, called by canbo3 at counter 4 after d minutes, transferred
      to A at 14:05, called by canbo1 at counter 1 at 14:10, served 10 minutes (ends in A, counter 1, canbo1).
Day 5:  (d) an A ticket from the API issued 10:00, called by canbo1 at 10:01 and cancelled (the citizen left).
Day 30: (e) an A ticket issued 23:40, called 23:55 (wait 15), served 8 minutes, to 00:03 on 1 December: a
      November ticket.
Day 1:  (f) a D ticket issued 06:30 (23:30 UTC on 31 October): a November ticket, never called.
canbo1 pauses counter 1 on day 2 from 12:00 to 12:15. Outside the range: an A ticket on 31 October 22:00 and
one on 1 December 09:00, both served.

Hand count: issued 30+30+3+1+1+1 = 66; served 30+24+3+1 = 58; no-show 6; cancelled 1; transferred 3.
Waits (65 called): 0×10, 1×2, 2, 3, 5×10, 10×10, 15, 30×30 → mean 1072/65 = 16.5; median (33rd) 10; p90 (59th)
30. Service (58 served): 4×24, 6×30, 8, 10×3 → mean 314/58 = 5.4; median (29th, 30th) 6; p90 (53rd) 6.
Within 20 minutes: 30 + 3 + 1 of 58 = 58.6 %.
"""

from datetime import date, datetime, timedelta

from models import db
from models import queue as rules
from models.calendar import set_site_day
from models.counter_operations import cancel, pause, resume_service
from models.rating_rules import rate
from models.site_day import DayKind
from models.transaction import perform

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """A Hà Nội wall-clock time as the naive UTC the database stores."""
    return datetime(day.year, day.month, day.day, hour, minute) - timedelta(hours=7)


def serve(
    demo, prefix, counter, officer, issued, wait, length, *, no_show=False, channel="kiosk", level=None
):
    counter, user = demo.counters[counter], demo.users[officer]
    perform(db.session, rules.issue_ticket, demo.services[prefix].id, channel=channel, now=issued)
    perform(db.session, rules.call_next, counter.id, user, now=issued + timedelta(minutes=wait))
    finish = rules.no_show if no_show else rules.complete
    ticket = perform(db.session, finish, counter.id, user, now=issued + timedelta(minutes=wait + length))
    if level:
        perform(db.session, rate, ticket.token, level, now=issued + timedelta(minutes=wait + length + 1))
    return ticket


def generate_month(demo):
    # 24/11 is a public holiday, when the kiosk issues nothing: this centre worked it.
    perform(db.session, set_site_day, demo.site.id, date(2026, 11, 24), DayKind.WORKING, "")
    for d in range(1, 31):
        day = date(2026, 11, d)
        level = "khong_hai_long" if d == 1 else "rat_hai_long" if d <= 4 else None
        serve(demo, "A", 1, "canbo1", local(day, 9), 5 * (d % 3), 6, level=level)
        serve(demo, "B", 3, "canbo2", local(day, 9), 30, 4, no_show=d <= 6)
        if d <= 3:
            transferred_ticket(demo, day, d)
        if d == 5:
            cancelled_ticket(demo, day)
        if d == 2:
            canbo1, counter = demo.users["canbo1"], demo.counters[1]
            perform(db.session, pause, counter.id, canbo1, reason="break", now=local(day, 12))
            perform(db.session, resume_service, counter.id, canbo1, now=local(day, 12, 15))
    serve(demo, "A", 1, "canbo1", local(date(2026, 11, 30), 23, 40), 15, 8)
    perform(db.session, rules.issue_ticket, demo.services["D"].id, now=local(date(2026, 11, 1), 6, 30))
    serve(demo, "A", 1, "canbo1", local(date(2026, 10, 31), 22), 5, 5)
    serve(demo, "A", 1, "canbo1", local(date(2026, 12, 1), 9), 5, 5)


def transferred_ticket(demo, day, d):
    issued = local(day, 14)
    perform(db.session, rules.issue_ticket, demo.services["C"].id, channel="api", now=issued)
    perform(
        db.session,
        rules.call_next,
        demo.counters[4].id,
        demo.users["canbo3"],
        now=issued + timedelta(minutes=d),
    )
    perform(
        db.session,
        rules.transfer,
        demo.counters[4].id,
        demo.users["canbo3"],
        service_id=demo.services["A"].id,
        now=issued + timedelta(minutes=5),
    )
    perform(
        db.session,
        rules.call_next,
        demo.counters[1].id,
        demo.users["canbo1"],
        now=issued + timedelta(minutes=10),
    )
    perform(
        db.session,
        rules.complete,
        demo.counters[1].id,
        demo.users["canbo1"],
        now=issued + timedelta(minutes=20),
    )


def cancelled_ticket(demo, day):
    issued = local(day, 10)
    counter, canbo1 = demo.counters[1], demo.users["canbo1"]
    perform(db.session, rules.issue_ticket, demo.services["A"].id, channel="api", now=issued)
    perform(db.session, rules.call_next, counter.id, canbo1, now=issued + timedelta(minutes=1))
    perform(db.session, cancel, counter.id, canbo1, reason="citizen_left", now=issued + timedelta(minutes=2))
