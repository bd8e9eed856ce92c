"""Procedure catalogue: required documents, each centre's own fees, procedures.updated_at

The search index of every process rebuilds when procedures.updated_at moves.

Revision ID: 0003_catalogue
Revises: 0002_printing
Create Date: 2026-11-21 06:35:26.989691

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_catalogue'
down_revision = '0002_printing'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('procedure_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'], name=op.f('fk_procedure_documents_procedure_id_procedures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procedure_documents'))
    )
    with op.batch_alter_table('procedure_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procedure_documents_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('site_procedure_fees',
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('fees', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'], name=op.f('fk_site_procedure_fees_procedure_id_procedures'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_site_procedure_fees_site_id_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('site_id', 'procedure_id', name=op.f('pk_site_procedure_fees'))
    )
    with op.batch_alter_table('procedures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(), nullable=True))



def downgrade():
    with op.batch_alter_table('procedures', schema=None) as batch_op:
        batch_op.drop_column('updated_at')

    op.drop_table('site_procedure_fees')
    with op.batch_alter_table('procedure_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procedure_documents_procedure_id'))

    op.drop_table('procedure_documents')
