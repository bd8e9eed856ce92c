"""kiosk devices: a key version per device (revoking one kiosk's key), and the ticket requests' keys
(one tap, one ticket: UNIQUE(scope, key) makes two requests with the same key give one ticket)

Revision ID: 0006_kiosk_devices
Revises: 0005_one_ticket_per_counter

"""
import sqlalchemy as sa
from alembic import op

revision = "0006_kiosk_devices"
down_revision = "0005_one_ticket_per_counter"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_version", sa.Integer(), nullable=False, server_default="1"))
    op.create_table(
        "issue_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name=op.f("fk_issue_requests_ticket_id_tickets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issue_requests")),
        sa.UniqueConstraint("scope", "key", name=op.f("uq_issue_requests_scope_key")),
    )
    op.create_index("ix_issue_requests_created_at", "issue_requests", ["created_at"], unique=False)


def downgrade():
    op.drop_index("ix_issue_requests_created_at", table_name="issue_requests")
    op.drop_table("issue_requests")
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.drop_column("key_version")
