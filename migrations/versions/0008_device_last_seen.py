"""devices: drop last_seen_at, which nothing ever wrote or read (a later "last seen" comes with its rule)

A plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35, PostgreSQL), not a batch copy of the table: on SQLite a
batch drops and recreates `devices`, and with foreign keys on that would set print_records.device_id to NULL.

Revision ID: 0008_device_last_seen
Revises: 0007_auth_sessions
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_device_last_seen"
down_revision = "0007_auth_sessions"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_column("devices", "last_seen_at")


def downgrade():
    op.add_column("devices", sa.Column("last_seen_at", sa.DateTime(), nullable=True))
