"""one ticket per counter: the database holds at most one called or serving ticket per counter; counter events

A partial unique index on tickets(counter_id) WHERE status IN ('called', 'serving') makes "a double click can
never call two citizens to one counter" true under real concurrency. counter_events records a supervisor
releasing or taking over a counter.

Revision ID: 0005_one_ticket_per_counter
Revises: 0004_ratings
Create Date: 2026-11-21 11:45:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0005_one_ticket_per_counter'
down_revision = '0004_ratings'
branch_labels = None
depends_on = None

AT_COUNTER = sa.text("status IN ('called', 'serving')")


# Before this index, racing calls could leave several tickets at one counter. Keep the one the counter screen
# shows (the latest called) and put the others back in the queue at their place (queued_at is unchanged).
UNSTRAND = sa.text(
    "UPDATE tickets SET status = 'waiting', counter_id = NULL, officer_id = NULL, called_at = NULL,"
    " served_at = NULL"
    " WHERE status IN ('called', 'serving') AND counter_id IS NOT NULL AND id <> ("
    "   SELECT t2.id FROM tickets t2 WHERE t2.counter_id = tickets.counter_id"
    "   AND t2.status IN ('called', 'serving') ORDER BY t2.called_at DESC, t2.id DESC LIMIT 1)"
)


def upgrade():
    op.execute(UNSTRAND)
    op.create_index(
        'uq_tickets_one_current_per_counter',
        'tickets',
        ['counter_id'],
        unique=True,
        sqlite_where=AT_COUNTER,
        postgresql_where=AT_COUNTER,
    )
    op.create_table(
        'counter_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('counter_id', sa.Integer(), nullable=False),
        sa.Column('site_id', sa.Integer(), nullable=False),
        sa.Column('type', sa.String(length=20), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=False),
        sa.Column('officer_id', sa.Integer(), nullable=True),
        sa.Column('ticket_id', sa.Integer(), nullable=True),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_counter_events_actor_id_users')),
        sa.ForeignKeyConstraint(
            ['counter_id'], ['counters.id'], name=op.f('fk_counter_events_counter_id_counters'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(['officer_id'], ['users.id'], name=op.f('fk_counter_events_officer_id_users')),
        sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_counter_events_site_id_sites')),
        sa.ForeignKeyConstraint(
            ['ticket_id'], ['tickets.id'], name=op.f('fk_counter_events_ticket_id_tickets'), ondelete='SET NULL'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_counter_events')),
    )
    with op.batch_alter_table('counter_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_counter_events_counter_id'), ['counter_id'], unique=False)


def downgrade():
    with op.batch_alter_table('counter_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_counter_events_counter_id'))
    op.drop_table('counter_events')
    op.drop_index('uq_tickets_one_current_per_counter', table_name='tickets')
