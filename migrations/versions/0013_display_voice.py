"""a centre's own voice clips for the wall displays

Revision ID: 0013_display_voice
Revises: 0012_dossiers
"""
import sqlalchemy as sa
from alembic import op

revision = '0013_display_voice'
down_revision = '0012_dossiers'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('voice_clips',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('mime', sa.String(length=20), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_voice_clips_site_id_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voice_clips')),
    sa.UniqueConstraint('site_id', 'name', name=op.f('uq_voice_clips_site_id_name'))
    )


def downgrade():
    op.drop_table('voice_clips')
