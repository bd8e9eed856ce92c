"""centre administration: sites in a province → commune hierarchy with a hotline and public URL, weekly service
windows with a stop-issuing margin, counters that can be deactivated and belong to a display zone, accounts that
must change their password and the counters they usually take, devices seen, and the append-only audit log

Columns are added with plain ALTER TABLE … ADD COLUMN (SQLite ≥ 3.35, PostgreSQL), never a batch copy: on SQLite a
batch drops and recreates the table, and with foreign keys on that would empty the rows pointing at it.

Revision ID: 0009_admin
Revises: 0008_device_last_seen
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_admin"
down_revision = "0008_device_last_seen"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("sites", sa.Column("kind", sa.String(length=20), nullable=False, server_default="commune"))
    op.add_column("sites", sa.Column("parent_id", sa.Integer(), nullable=True))
    op.add_column("sites", sa.Column("hotline", sa.String(length=40), nullable=False, server_default=""))
    op.add_column("sites", sa.Column("public_url", sa.String(length=300), nullable=False, server_default=""))
    op.add_column("sites", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.add_column(
        "services", sa.Column("stop_issuing_minutes", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column("services", sa.Column("color", sa.String(length=7), nullable=False, server_default=""))
    op.add_column("counters", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.add_column("counters", sa.Column("zone", sa.String(length=40), nullable=False, server_default=""))
    op.add_column(
        "users", sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("devices", sa.Column("last_contact_at", sa.DateTime(), nullable=True))
    op.create_table(
        "service_windows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("opens_at", sa.Time(), nullable=False),
        sa.Column("closes_at", sa.Time(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["services.id"],
            name=op.f("fk_service_windows_service_id_services"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_windows")),
    )
    op.create_index("ix_service_windows_service_id", "service_windows", ["service_id"], unique=False)
    op.create_table(
        "user_counters",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_counters_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_user_counters_counter_id_counters"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "counter_id", name=op.f("pk_user_counters")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_audit_log_user_id_users")),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_audit_log_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"], unique=False)
    op.create_index("ix_audit_log_site_id", "audit_log", ["site_id"], unique=False)


def downgrade():
    op.drop_index("ix_audit_log_site_id", table_name="audit_log")
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_table("user_counters")
    op.drop_index("ix_service_windows_service_id", table_name="service_windows")
    op.drop_table("service_windows")
    op.drop_column("devices", "last_contact_at")
    op.drop_column("users", "must_change_password")
    op.drop_column("counters", "zone")
    op.drop_column("counters", "active")
    op.drop_column("services", "color")
    op.drop_column("services", "stop_issuing_minutes")
    for column in ("active", "public_url", "hotline", "parent_id", "kind"):
        op.drop_column("sites", column)
