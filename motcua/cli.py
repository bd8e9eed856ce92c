"""Commands: `flask --app wsgi init`, `seed-demo`, `serve`, `create-user`; operations: `doctor`, `backup`, `restore`."""

import os
import sys

import click
from sqlalchemy import func, select

from models import Device, DeviceKind, Role, Site, User, db
from models.errors import InvalidField
from models.staff import check_new_password, check_username

from .backup import backup_command, restore_command
from .catalogue_cli import procedures_group
from .db_wait import wait_for_database
from .demo import seed_demo
from .doctor import doctor_command
from .init_cli import init_command
from .kiosk_keys import enrolment_path
from .reports_cli import reports_group


def init_app(app) -> None:
    app.cli.add_command(init_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(serve_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(procedures_group)
    for command in (doctor_command, backup_command, restore_command):
        app.cli.add_command(command)
    app.cli.add_command(wait_db_command)
    app.cli.add_command(kiosk_links_command)
    app.cli.add_command(reports_group)


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
    """Create a user account (production set-up creates no demo accounts), with the back office's rules for
    usernames and passwords (at least 10 characters, not containing the username)."""
    username = username.strip()
    if db.session.scalar(select(User).where(func.lower(User.username) == username.lower())):
        raise click.ClickException(f"A user named {username!r} already exists.")
    site = _site_for(site_code, role)
    try:
        check_username({"username": username})
        check_new_password(username, password)
    except InvalidField as error:
        raise click.ClickException(f"{error.field}: {error.message}") from None
    user = User(username=username, full_name=full_name, role=role, site=site)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"User {username} created.")


def _site_for(site_code: str | None, role: str) -> Site | None:
    """The site named, else (a province administrator) none, else the only site."""
    if site_code:
        site = db.session.scalar(select(Site).filter_by(code=site_code))
        if site is None:
            raise click.ClickException(f"No site with code {site_code!r}.")
        return site
    if role == Role.ADMIN:
        return None
    sites = db.session.scalars(select(Site).limit(2)).all()
    if len(sites) == 1:
        return sites[0]
    raise click.ClickException("Name the site with --site CODE (an account other than 'admin' needs one).")


@click.command("serve")
@click.option("--host", default=lambda: os.environ.get("HOST", "127.0.0.1"))
@click.option("--port", type=int, default=lambda: int(os.environ.get("PORT", "5000")))
def serve_command(host: str, port: int) -> None:
    """Run the server (gevent, Socket.IO included) and print the screen URLs."""
    # gevent must patch the standard library before anything is imported, and `flask` has imported much
    # already: the server is a fresh interpreter (motcua/serve.py).
    os.environ.update(HOST=host, PORT=str(port))
    os.environ.pop("FLASK_RUN_FROM_CLI", None)  # else Flask ignores app.run() in that process too
    os.execv(sys.executable, [sys.executable, "-m", "motcua.serve"])
