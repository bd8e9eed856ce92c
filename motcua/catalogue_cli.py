"""`flask --app wsgi procedures import FILE` and `… export FILE`: the catalogue as CSV (UTF-8) or JSON."""

import os
from pathlib import Path

import click

from models import db
from models.catalogue_io import MAX_BYTES, ImportRejected, export_catalogue, import_catalogue
from models.transaction import perform


def _format(path: str, given: str | None) -> str:
    if given:
        return given
    return "json" if Path(path).suffix.lower() == ".json" else "csv"


@click.group("procedures")
def procedures_group() -> None:
    """Import or export the procedure catalogue (thủ tục hành chính)."""


@procedures_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), help="Default: from the file's extension."
)
def import_command(path: str, fmt: str | None) -> None:
    """Import FILE all-or-nothing: a file with any problem changes nothing and lists every problem."""
    if os.path.getsize(path) > MAX_BYTES:
        raise click.ClickException(f"Tệp quá lớn (tối đa {MAX_BYTES // 2**20} MB); chưa nhập gì.")
    data = Path(path).read_bytes()
    try:
        report = perform(db.session, import_catalogue, data, _format(path, fmt))
    except ImportRejected as rejected:
        click.echo(f"{rejected.message} {len(rejected.problems)} lỗi:", err=True)
        for problem in rejected.problems:
            where = f"dòng {problem.where}: " if problem.where else ""
            click.echo(f"  {where}{problem.message}", err=True)
        raise SystemExit(1) from None
    click.echo(
        f"Đã nhập: {len(report.created)} thủ tục mới, {len(report.changed)} cập nhật, "
        f"{len(report.abolished)} bãi bỏ hoặc thay thế, {len(report.unchanged)} không đổi; "
        f"{len(report.fields_created)} lĩnh vực mới."
    )


@procedures_group.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), help="Default: from the file's extension."
)
def export_command(path: str, fmt: str | None) -> None:
    """Write the whole catalogue to FILE (CSV opens in Excel with its Vietnamese intact)."""
    data = export_catalogue(db.session, _format(path, fmt))
    Path(path).write_bytes(data)
    click.echo(f"Đã xuất danh mục thủ tục ra {path}.")
