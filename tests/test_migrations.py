"""The schema the migrations build is the one the models describe, and 0008 keeps every device's rows."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select

from models import Device, db
from models.printing import PrintRecord


def test_the_migrations_build_exactly_the_models_schema(ctx):
    with db.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), db.metadata) == []


def test_dropping_last_seen_keeps_devices_and_the_print_records_pointing_at_them(demo):
    device = db.session.scalar(select(Device))
    db.session.add(
        PrintRecord(
            site_id=demo.site.id,
            printer_key=f"device:{device.id}",
            printer_name=device.name,
            kind="ticket",
            ok=True,
            device_id=device.id,
        )
    )
    db.session.commit()
    device_id, name = device.id, device.name
    db.session.remove()
    try:
        downgrade(revision="0007_auth_sessions")
        assert "last_seen_at" in _device_columns()
    finally:
        upgrade()
    assert "last_seen_at" not in _device_columns()
    assert db.session.scalar(select(PrintRecord.device_id)) == device_id
    assert db.session.scalar(select(Device.name).filter_by(id=device_id)) == name


def _device_columns() -> set[str]:
    db.engine.dispose()  # a fresh connection sees the altered table
    return {column["name"] for column in inspect(db.engine).get_columns("devices")}
