"""Back office: the centre's working-day calendar (/admin/calendar): the public holidays of the year (from the
`holidays` package), and the centre's own closed days and make-up working days. A supervisor manages their own
site, a province administrator any site (staff_site)."""

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from models import DayKind, SiteDay, db
from models.audit import audited
from models.calendar import public_holidays_of, remove_site_day, set_site_day
from models.errors import RuleError
from models.queries import today
from models.transaction import perform
from motcua.auth import current_actor, supervisor_required
from motcua.web import staff_site

from . import bp


def _year(site) -> int:
    value = request.args.get("year", "")
    year = int(value) if value.isdigit() and len(value) == 4 else today(site).year
    return min(max(year, 2000), 2100)


@bp.get("/calendar")
@supervisor_required
def calendar():
    site = staff_site()
    year = _year(site)
    own = db.session.scalars(
        select(SiteDay)
        .where(SiteDay.site_id == site.id, SiteDay.day >= date(year, 1, 1), SiteDay.day <= date(year, 12, 31))
        .order_by(SiteDay.day)
    ).all()
    return render_template(
        "admin/calendar.html",
        site=site,
        year=year,
        holidays=sorted(public_holidays_of(year).items()),
        own=own,
        kinds=DayKind.LABELS,
    )


def _day(text) -> date | None:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None


@bp.post("/calendar")
@supervisor_required
def save_calendar_day():
    site = staff_site()
    day = _day(request.form.get("day"))
    try:
        kind, note = request.form.get("kind", ""), request.form.get("note", "")
        logged = audited(
            set_site_day,
            current_actor(),
            "calendar_day_set",
            day.isoformat() if day else "",
            site_id=site.id,
            after={"kind": kind, "note": note[:200]},
        )
        perform(db.session, logged, site.id, day, kind, note)
    except RuleError as error:
        flash(error.message, "error")
    else:
        flash(_("Đã lưu ngày %(day)s.", day=day.strftime("%d/%m/%Y")), "info")
    year = day.year if day else _year(site)
    return redirect(url_for("admin.calendar", site=site.code, year=year))


@bp.post("/calendar/remove")
@supervisor_required
def remove_calendar_day():
    site = staff_site()
    day = _day(request.form.get("day"))
    if day is not None:
        logged = audited(
            remove_site_day, current_actor(), "calendar_day_removed", day.isoformat(), site_id=site.id
        )
        perform(db.session, logged, site.id, day)
        flash(_("Đã bỏ ngày %(day)s khỏi lịch riêng.", day=day.strftime("%d/%m/%Y")), "info")
    return redirect(url_for("admin.calendar", site=site.code, year=day.year if day else None))
