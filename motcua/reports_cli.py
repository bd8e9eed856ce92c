"""`flask --app wsgi reports rebuild --from YYYY-MM-DD --to YYYY-MM-DD [--site CODE]`: count the directors'
report days again (models/report_rollup.py), e.g. after tickets were imported or corrected outside the rules."""

from datetime import date

import click
from sqlalchemy import select

from models import Site, db
from models.report_rollup import rebuild

CHUNK_DAYS = 31  # a month of a province's tickets at a time bounds the memory a rebuild takes


@click.group("reports")
def reports_group() -> None:
    """The directors' reports: their daily roll-up."""


@reports_group.command("rebuild")
@click.option("--from", "start", required=True, type=click.DateTime(["%Y-%m-%d"]), help="First local day.")
@click.option("--to", "end", required=True, type=click.DateTime(["%Y-%m-%d"]), help="Last local day.")
@click.option("--site", "site_code", help="Only this site (its code); every site by default.")
def rebuild_command(start, end, site_code: str | None) -> None:
    """Forget the stored days of the range and count again those that are over (today and later are always
    counted live)."""
    first, last = start.date(), end.date()
    if first > last:
        raise click.BadParameter("--from phải trước hoặc bằng --to.", param_hint="--from")
    query = select(Site).order_by(Site.id)
    if site_code:
        query = query.filter_by(code=site_code)
    sites = list(db.session.scalars(query))
    if not sites:
        raise click.ClickException(f"Không có trung tâm mã {site_code!r}.")
    stored = 0
    for index in range(0, (last - first).days + 1, CHUNK_DAYS):
        chunk_start = date.fromordinal(first.toordinal() + index)
        chunk_end = min(last, date.fromordinal(chunk_start.toordinal() + CHUNK_DAYS - 1))
        stored += rebuild(db.session, sites, chunk_start, chunk_end)
    click.echo(f"Đã tính lại {stored} ngày của {len(sites)} trung tâm ({first} → {last}).")
