"""`flask --app wsgi init`: a real centre's first run on an empty database (the demo is `seed-demo`)."""

import click

from models import db
from models.errors import InvalidField, RuleError
from models.first_run import init_province
from models.transaction import perform


@click.command("init")
@click.option(
    "--province", prompt="Province centre name (e.g. Trung tâm Phục vụ hành chính công tỉnh Lào Cai)"
)
@click.option("--code", prompt="Its code, lower case without accents (e.g. tinh-lao-cai)")
@click.option("--username", prompt="First administrator's username")
@click.option("--full-name", prompt="Their full name")
@click.password_option(help="At least 10 characters, not containing the username.")
def init_command(province: str, code: str, username: str, full_name: str, password: str) -> None:
    """Create the province and its first administrator in an empty database, and nothing else. Everything
    else (communes, services, counters, staff, devices) is set up in the back office."""
    values = {"province": province, "code": code, "username": username.strip(), "full_name": full_name}
    try:
        admin = perform(db.session, init_province, **values, password=password)
    except InvalidField as error:
        raise click.ClickException(f"{error.field}: {error.message}") from None
    except RuleError as error:
        raise click.ClickException(str(error.message)) from None
    click.echo(
        f"Province {province} created; sign in as {admin.username} at /auth/login, then open /admin/sites."
    )
