"""The directors' reports' daily roll-up (models/report_rollup.py) from the command line:

- `flask --app wsgi reports rollup [--days N] [--site CODE]`, every night (deploy/systemd/motcua-rollup.timer):
  store the days that are over and not stored yet, so no director's report has to count them;
- `flask --app wsgi reports rebuild --from YYYY-MM-DD --to YYYY-MM-DD [--site CODE]`: count the days again,
  e.g. after tickets were imported or corrected outside the rules."""

from datetime import date, timedelta

import click
from flask_babel import gettext as _
from sqlalchemy import select

from models import Site, db
from models.base import utcnow
from models.clock import local_day
from models.report_rollup import rebuild, store_missing

CHUNK_DAYS = 31  # a month of a province's tickets at a time bounds the memory a command takes
ROLLUP_DAYS = 31  # the nightly window: yesterday and the 30 days before (a late rating drops its day's row)
MAX_DAYS = 3660


@click.group("reports")
def reports_group() -> None:
    """The directors' reports: their daily roll-up."""


@reports_group.command("rollup")
@click.option(
    "--days",
    type=int,
    default=ROLLUP_DAYS,
    show_default=True,
    help="How many days back from yesterday to look for days not stored yet.",
)
@click.option("--site", "site_code", help="Only this site (its code); every site by default.")
def rollup_command(days: int, site_code: str | None) -> None:
    """Store every site's days that are over and not stored yet (today and later are never stored); a second
    run stores nothing."""
    if not 1 <= days <= MAX_DAYS:
        raise click.BadParameter(
            _("--days phải là một số ngày từ 1 đến %(most)d.", most=MAX_DAYS), param_hint="--days"
        )
    sites = _sites(site_code)
    now = utcnow()
    last = max(local_day(now, s.timezone) for s in sites) - timedelta(days=1)
    first = last - timedelta(days=days - 1)
    stored = _by_chunks(first, last, lambda start, end: store_missing(db.session, sites, start, end, now))
    click.echo(
        _(
            "Đã lưu %(stored)d ngày chưa có trong bảng tổng hợp báo cáo, của %(sites)d trung tâm "
            "(%(first)s → %(last)s; hôm nay không bao giờ được lưu).",
            stored=stored,
            sites=len(sites),
            first=first.isoformat(),
            last=last.isoformat(),
        )
    )


@reports_group.command("rebuild")
@click.option("--from", "start", required=True, type=click.DateTime(["%Y-%m-%d"]), help="First local day.")
@click.option("--to", "end", required=True, type=click.DateTime(["%Y-%m-%d"]), help="Last local day.")
@click.option("--site", "site_code", help="Only this site (its code); every site by default.")
def rebuild_command(start, end, site_code: str | None) -> None:
    """Forget the stored days of the range and count again those that are over (today and later are always
    counted live)."""
    first, last = start.date(), end.date()
    if first > last:
        raise click.BadParameter(_("--from phải trước hoặc bằng --to."), param_hint="--from")
    sites = _sites(site_code)
    stored = _by_chunks(
        first, last, lambda chunk_start, chunk_end: rebuild(db.session, sites, chunk_start, chunk_end)
    )
    click.echo(
        _(
            "Đã tính lại %(stored)d ngày của %(sites)d trung tâm (%(first)s → %(last)s).",
            stored=stored,
            sites=len(sites),
            first=first.isoformat(),
            last=last.isoformat(),
        )
    )


def _sites(site_code: str | None) -> list[Site]:
    query = select(Site).order_by(Site.id)
    if site_code:
        query = query.filter_by(code=site_code)
    sites = list(db.session.scalars(query))
    if not sites:
        if site_code:
            raise click.ClickException(_("Không có trung tâm mã “%(code)s”.", code=site_code))
        raise click.ClickException(_("Chưa có trung tâm nào."))
    return sites


def _by_chunks(first: date, last: date, work) -> int:
    """work(start, end) over first..last a month at a time; the sum of what it returns."""
    done = 0
    for index in range(0, (last - first).days + 1, CHUNK_DAYS):
        chunk_start = first + timedelta(days=index)
        chunk_end = min(last, chunk_start + timedelta(days=CHUNK_DAYS - 1))
        done += work(chunk_start, chunk_end)
    return done
