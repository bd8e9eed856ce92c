"""dossiers received at the counter (numbering, log, apology) and the centre's own calendar days; the signer
of the dossier letters per site

The two sites columns are a plain ALTER TABLE … ADD/DROP COLUMN (SQLite ≥ 3.35, PostgreSQL), not a batch copy
of `sites`, which every other table refers to.

Revision ID: 0012_dossiers
Revises: 0011_catalogue_upkeep
"""
import sqlalchemy as sa
from alembic import op

revision = '0012_dossiers'
down_revision = '0011_catalogue_upkeep'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('dossier_sequences',
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_dossier_sequences_site_id_sites')),
    sa.PrimaryKeyConstraint('site_id', 'day', name=op.f('pk_dossier_sequences'))
    )
    op.create_table('site_days',
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_site_days_site_id_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('site_id', 'day', name=op.f('pk_site_days'))
    )
    op.create_table('dossiers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=True),
    sa.Column('return_ticket_id', sa.Integer(), nullable=True),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('applicant_name', sa.String(length=200), nullable=False),
    sa.Column('applicant_phone', sa.String(length=20), nullable=False),
    sa.Column('applicant_address', sa.String(length=300), nullable=False),
    sa.Column('applicant_email', sa.String(length=200), nullable=False),
    sa.Column('documents', sa.JSON(), nullable=False),
    sa.Column('fee', sa.Integer(), nullable=False),
    sa.Column('delivery', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=15), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('first_due_date', sa.Date(), nullable=False),
    sa.Column('paused_days_left', sa.Integer(), nullable=True),
    sa.Column('result_ready_at', sa.DateTime(), nullable=True),
    sa.Column('returned_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('timeliness', sa.String(length=20), nullable=True),
    sa.Column('apology_at', sa.DateTime(), nullable=True),
    sa.Column('apology_reason', sa.Text(), nullable=False),
    sa.Column('apology_signer', sa.String(length=200), nullable=False),
    sa.Column('apology_signer_title', sa.String(length=200), nullable=False),
    sa.Column('apology_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['apology_by_id'], ['users.id'], name=op.f('fk_dossiers_apology_by_id_users')),
    sa.ForeignKeyConstraint(['officer_id'], ['users.id'], name=op.f('fk_dossiers_officer_id_users')),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'], name=op.f('fk_dossiers_procedure_id_procedures')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_dossiers_site_id_sites')),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], name=op.f('fk_dossiers_ticket_id_tickets'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['return_ticket_id'], ['tickets.id'], name=op.f('fk_dossiers_return_ticket_id_tickets'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossiers')),
    sa.UniqueConstraint('code', name=op.f('uq_dossiers_code')),
    sa.UniqueConstraint('site_id', 'day', 'number', name=op.f('uq_dossiers_site_id_day_number')),
    sa.UniqueConstraint('token', name=op.f('uq_dossiers_token'))
    )
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossiers_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossiers_site_id'), ['site_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossiers_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossiers_ticket_id'), ['ticket_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossiers_return_ticket_id'), ['return_ticket_id'], unique=False)

    op.create_table('dossier_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('from_status', sa.String(length=15), nullable=True),
    sa.Column('to_status', sa.String(length=15), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_dossier_events_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_dossier_events_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_events'))
    )
    with op.batch_alter_table('dossier_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_events_dossier_id'), ['dossier_id'], unique=False)

    op.add_column('sites', sa.Column('dossier_signer_name', sa.String(length=200), nullable=False, server_default=''))
    op.add_column('sites', sa.Column('dossier_signer_title', sa.String(length=200), nullable=False, server_default=''))



def downgrade():
    op.drop_column('sites', 'dossier_signer_title')
    op.drop_column('sites', 'dossier_signer_name')

    with op.batch_alter_table('dossier_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_events_dossier_id'))

    op.drop_table('dossier_events')
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossiers_ticket_id'))
        batch_op.drop_index(batch_op.f('ix_dossiers_return_ticket_id'))
        batch_op.drop_index(batch_op.f('ix_dossiers_status'))
        batch_op.drop_index(batch_op.f('ix_dossiers_site_id'))
        batch_op.drop_index(batch_op.f('ix_dossiers_due_date'))

    op.drop_table('dossiers')
    op.drop_table('site_days')
    op.drop_table('dossier_sequences')
