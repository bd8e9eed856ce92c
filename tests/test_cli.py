"""The commands `make run` relies on: migrations upgrade in place and keep data; demo data only into an empty
database."""

import pytest

from models import Site, Ticket, User, db
from models.queue import issue_ticket
from models.transaction import perform


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_seed_demo_loads_once(app, ctx):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo", "--if-empty"])
    assert first.exit_code == 0 and "Demo data loaded" in first.output
    assert count(Site) == 1 and count(User) == 7
    again = runner.invoke(args=["seed-demo", "--if-empty"])
    assert again.exit_code == 0 and "already has data" in again.output
    refused = runner.invoke(args=["seed-demo"])
    assert refused.exit_code != 0 and "already has data" in refused.output
    assert count(Site) == 1 and count(User) == 7


def test_upgrade_in_place_keeps_the_data(app, demo):
    perform(db.session, issue_ticket, demo.services["A"].id)
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert count(Ticket) == 1 and count(Site) == 1


def test_create_user(app, demo):
    result = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "lan",
            "--full-name",
            "Nguyễn Thị Lan",
            "--role",
            "supervisor",
            "--site",
            demo.site.code,
        ],
        input="mật-khẩu-dài\nmật-khẩu-dài\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).filter_by(username="lan"))
    assert user.check_password("mật-khẩu-dài") and user.is_supervisor and user.site_id == demo.site.id


def test_create_user_refuses_duplicates_and_unknown_sites(app, demo):
    runner = app.test_cli_runner()
    duplicate = runner.invoke(args=["create-user", "canbo1", "--full-name", "X"], input="pw\npw\n")
    assert duplicate.exit_code != 0 and "already exists" in duplicate.output
    unknown = runner.invoke(
        args=["create-user", "x", "--full-name", "X", "--site", "nowhere"], input="pw\npw\n"
    )
    assert unknown.exit_code != 0 and "No site" in unknown.output


def test_kiosk_links_prints_each_kiosks_enrolment_path(app, demo):
    from models import Device

    kiosk = db.session.scalar(db.select(Device).filter_by(kind="kiosk"))
    result = app.test_cli_runner().invoke(args=["kiosk-links", "--site", demo.site.code])
    assert result.exit_code == 0, result.output
    site, name, path = result.output.strip().split("\t")
    assert (site, name) == (demo.site.code, kiosk.name)
    assert path.startswith(f"/kiosk/?site={demo.site.code}&device={kiosk.id}&key=")
    with app.test_client() as client:
        assert client.get(path).status_code == 302  # the enrolment takes the key out of the address bar
        assert "Ki-ốt chưa được đăng ký" not in client.get(f"/kiosk/?site={demo.site.code}").get_data(
            as_text=True
        )
    unknown = app.test_cli_runner().invoke(args=["kiosk-links", "--site", "nowhere"])
    assert unknown.exit_code == 1 and "No site with code 'nowhere'." in unknown.output


@pytest.mark.parametrize(
    ("username", "password", "refusal"),
    [
        ("lan", "ngan", "ít nhất 10 ký tự"),
        ("lan", "mat-khau-cua-lan", "không được chứa tên đăng nhập"),
        ("Lan Le", "mật-khẩu-dài", "Tên đăng nhập gồm"),
    ],
    ids=["too-short", "contains-username", "bad-username"],
)
def test_create_user_applies_the_back_offices_rules(app, demo, username, password, refusal):
    result = app.test_cli_runner().invoke(
        args=["create-user", username, "--full-name", "Lê Thị Lan", "--site", demo.site.code],
        input=f"{password}\n{password}\n",
    )
    assert result.exit_code == 1 and refusal in result.output
    assert db.session.scalar(db.select(User).where(User.full_name == "Lê Thị Lan")) is None


def test_create_user_takes_the_only_site_and_refuses_a_duplicate_in_other_case(app, demo):
    runner = app.test_cli_runner()
    made = runner.invoke(
        args=["create-user", "lan", "--full-name", "L"], input="mật-khẩu-dài\nmật-khẩu-dài\n"
    )
    assert made.exit_code == 0, made.output
    assert db.session.scalar(db.select(User).filter_by(username="lan")).site_id == demo.site.id
    again = runner.invoke(
        args=["create-user", "CANBO1", "--full-name", "X"], input="mật-khẩu-dài\nmật-khẩu-dài\n"
    )
    assert again.exit_code == 1 and "already exists" in again.output
