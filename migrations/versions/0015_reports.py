"""reports: indexes for the period reports (tickets by site and local day; the few ticket events that mark a
transfer, a hold or a return, by type)

The operations report reads every ticket of a site's range of days, and looks up the tickets whose own columns
no longer tell their first call.

Revision ID: 0015_reports
Revises: 0014_admin_more
Create Date: 2026-11-21 14:55:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0015_reports'
down_revision = "0014_admin_more"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.create_index('ix_tickets_site_day', ['site_id', 'day'], unique=False)
    with op.batch_alter_table('ticket_events', schema=None) as batch_op:
        batch_op.create_index('ix_ticket_events_type_ticket', ['type', 'ticket_id'], unique=False)


def downgrade():
    with op.batch_alter_table('ticket_events', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_events_type_ticket')
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_index('ix_tickets_site_day')
