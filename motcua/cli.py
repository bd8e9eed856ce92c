"""Commands: `flask --app wsgi seed-demo`, `serve`, `create-user`; operations: `doctor`, `backup`, `restore`."""

import os

import click
from flask import current_app
from sqlalchemy import func, select

from models import Device, DeviceKind, Role, Site, User, db

from .backup import backup_command, restore_command
from .catalogue_cli import procedures_group
from .db_wait import wait_for_database
from .demo import DEMO_KIOSK, DEMO_PASSWORD, seed_demo
from .doctor import doctor_command
from .extensions import socketio
from .kiosk_keys import enrolment_path


def init_app(app) -> None:
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(serve_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(procedures_group)
    for command in (doctor_command, backup_command, restore_command):
        app.cli.add_command(command)
    app.cli.add_command(wait_db_command)
    app.cli.add_command(kiosk_links_command)


@click.command("kiosk-links")
@click.option("--site", "site_code", help="Only this site's kiosks (its code).")
def kiosk_links_command(site_code: str | None) -> None:
    """Print each kiosk's enrolment path (the back office shows the same links): for a set-up without a
    browser at hand, or a script. Prefix it with the server's public address."""
    query = select(Device).filter_by(kind=DeviceKind.KIOSK).order_by(Device.site_id, Device.id)
    if site_code:
        site = db.session.scalar(select(Site).filter_by(code=site_code))
        if site is None:
            raise click.ClickException(f"No site with code {site_code!r}.")
        query = query.filter_by(site_id=site.id)
    for device in db.session.scalars(query):
        click.echo(f"{device.site.code}\t{device.name}\t{enrolment_path(device)}")


@click.command("wait-db")
@click.option("--timeout", type=float, default=None, help="Give up after this many seconds (default: never).")
@click.option("--interval", type=float, default=2.0, show_default=True)
def wait_db_command(timeout: float | None, interval: float) -> None:
    """Wait until the database answers (`make run` calls it before upgrading the schema)."""
    if not wait_for_database(click.echo, interval=interval, timeout=timeout):
        raise click.ClickException(f"The database did not answer within {timeout:g} s.")


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has a site.")
def seed_demo_command(if_empty: bool) -> None:
    """Load the demo ward centre (services, counters, demo accounts)."""
    if db.session.scalar(select(func.count()).select_from(Site)):
        if if_empty:
            click.echo("The database already has data; demo data not loaded.")
            return
        raise click.ClickException(
            "The database already has data; demo data is only loaded into an empty one."
        )
    site = seed_demo()
    click.echo(f"Demo data loaded: {site.name}")


@click.command("create-user")
@click.argument("username")
@click.option("--full-name", required=True)
@click.option("--role", type=click.Choice(Role.ALL), default=Role.OFFICER)
@click.option("--site", "site_code", help="Site code (default: the only site).")
@click.password_option()
def create_user_command(username, full_name, role, site_code, password) -> None:
    """Create a user account (production set-up creates no demo accounts)."""
    if db.session.scalar(select(User).filter_by(username=username)):
        raise click.ClickException(f"A user named {username!r} already exists.")
    site = db.session.scalar(select(Site).filter_by(code=site_code)) if site_code else None
    if site_code and site is None:
        raise click.ClickException(f"No site with code {site_code!r}.")
    user = User(username=username, full_name=full_name, role=role, site=site)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"User {username} created.")


@click.command("serve")
@click.option("--host", default=lambda: os.environ.get("HOST", "127.0.0.1"))
@click.option("--port", type=int, default=lambda: int(os.environ.get("PORT", "5000")))
def serve_command(host: str, port: int) -> None:
    """Run the server with Socket.IO (threading mode) and print the screen URLs."""
    wait_for_database(click.echo)
    base = f"http://{host}:{port}"
    click.echo(
        "\nMột Cửa is running.\n"
        f"  Kiosk           {base}/kiosk/ (issues tickets once enrolled: its link is in the back office)\n"
        f"  Counter         {base}/counter/\n"
        f"  Wall display    {base}/display/\n"
        f"  Procedures      {base}/procedures/\n"
        f"  Back office     {base}/admin/\n"
        f"  API             {base}/api/v1/services\n"
    )
    if db.session.scalar(select(func.count()).select_from(User).filter_by(username="admin")):
        click.echo(f"  Demo accounts: admin, canbo1 … canbo6 — password {DEMO_PASSWORD} (demo data only)")
        demo_kiosk = db.session.scalar(select(Device).filter_by(name=DEMO_KIOSK).order_by(Device.id).limit(1))
        if demo_kiosk is not None:
            # A kiosk issues tickets only once enrolled; open this link once in the kiosk's browser.
            click.echo(f"  Demo kiosk (opens it enrolled): {base}{enrolment_path(demo_kiosk)}")
        click.echo()
    db.session.remove()
    # Flask's CLI marks itself so that app.run() is ignored inside `flask`; this command *is* the server.
    os.environ.pop("FLASK_RUN_FROM_CLI", None)
    socketio.run(current_app._get_current_object(), host=host, port=port, allow_unsafe_werkzeug=True)
