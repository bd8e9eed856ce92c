"""print records: every print attempt, so a failing printer raises an alert until it prints again

Revision ID: 0002_printing
Revises: 0001_initial
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_printing"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "print_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("printer_key", sa.String(length=40), nullable=False),
        sa.Column("printer_name", sa.String(length=200), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=True),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("fault", sa.String(length=30), nullable=False),
        sa.Column("message", sa.String(length=300), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_print_records_device_id_devices"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_print_records_site_id_sites"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_print_records_ticket_id_tickets"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_records")),
    )
    op.create_index("ix_print_records_printer", "print_records", ["site_id", "printer_key"], unique=False)


def downgrade():
    op.drop_index("ix_print_records_printer", table_name="print_records")
    op.drop_table("print_records")
