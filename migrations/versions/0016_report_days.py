"""report days: the daily roll-up of the director's report (one row per site and local day that is over), and
dossiers by site and receipt, and by site and the moment their result was ready (the report counts those
received and those resolved in a period)

models/report_rollup.py builds a row when a report first needs a day that is over, forgets it when a ticket
of that day changes, and `flask --app wsgi reports rebuild` counts a range again.

Revision ID: 0016_report_days
Revises: 0015_reports
Create Date: 2026-11-21 17:40:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0016_report_days'
down_revision = "0015_reports"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'report_days',
        sa.Column('site_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('tally', sa.Text(), nullable=False),
        sa.Column('seconds', sa.LargeBinary(), nullable=False),
        sa.Column('built_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['site_id'], ['sites.id'], name=op.f('fk_report_days_site_id_sites'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('site_id', 'day', name=op.f('pk_report_days')),
    )
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.create_index('ix_dossiers_site_ready', ['site_id', 'result_ready_at'], unique=False)
        batch_op.create_index('ix_dossiers_site_received', ['site_id', 'received_at'], unique=False)


def downgrade():
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.drop_index('ix_dossiers_site_received')
        batch_op.drop_index('ix_dossiers_site_ready')
    op.drop_table('report_days')
