"""ratings: indexes for the satisfaction reports (by site and date range, per counter)

The ratings table itself ships with the initial schema; reports filter it by site and group it by counter.

Revision ID: 0004_ratings
Revises: 0003_catalogue
Create Date: 2026-11-21 06:35:40.189880

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0004_ratings'
down_revision = '0003_catalogue'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ratings_counter_id'), ['counter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ratings_site_id'), ['site_id'], unique=False)


def downgrade():
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ratings_site_id'))
        batch_op.drop_index(batch_op.f('ix_ratings_counter_id'))
