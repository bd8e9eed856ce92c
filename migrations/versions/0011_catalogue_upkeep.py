"""Procedure catalogue upkeep: English names, status (in force / replaced / abolished) with the deciding
document and its effective date, a popularity prior; per-site use counts, per-site synonyms, import history

Revision ID: 0011_catalogue_upkeep
Revises: 0010_counter_operations
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_catalogue_upkeep"
down_revision = "0010_counter_operations"
branch_labels = None
depends_on = None

_PROCEDURE_COLUMNS = ("name_en", "status", "status_from", "decision", "replaced_by", "prior")


def upgrade():
    # Plain ADD COLUMNs (no batch copy of `procedures`: with foreign keys on, SQLite would cascade the copy's
    # drop to the documents, fees and links pointing at it).
    op.add_column("procedures", sa.Column("name_en", sa.String(length=500), nullable=False, server_default=""))
    op.add_column(
        "procedures", sa.Column("status", sa.String(length=20), nullable=False, server_default="in_force")
    )
    op.add_column("procedures", sa.Column("status_from", sa.Date(), nullable=True))
    op.add_column("procedures", sa.Column("decision", sa.String(length=300), nullable=False, server_default=""))
    op.add_column("procedures", sa.Column("replaced_by", sa.String(length=60), nullable=False, server_default=""))
    op.add_column("procedures", sa.Column("prior", sa.Integer(), nullable=False, server_default="0"))

    op.create_table(
        "procedure_uses",
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        sa.Column("views", sa.Integer(), nullable=False),
        sa.Column("tickets", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["procedure_id"],
            ["procedures.id"],
            name=op.f("fk_procedure_uses_procedure_id_procedures"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_procedure_uses_site_id_sites"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("site_id", "procedure_id", name=op.f("pk_procedure_uses")),
    )
    op.create_table(
        "search_synonyms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("phrase", sa.String(length=100), nullable=False),
        sa.Column("folded", sa.String(length=100), nullable=False),
        sa.Column("meaning", sa.String(length=300), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_search_synonyms_created_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_search_synonyms_site_id_sites"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_synonyms")),
        sa.UniqueConstraint("site_id", "folded", name=op.f("uq_search_synonyms_site_id_folded")),
    )
    op.create_table(
        "catalogue_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("fmt", sa.String(length=10), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("abolished", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("applied_by", sa.Integer(), nullable=True),
        sa.Column("applied_at", sa.DateTime(), nullable=True),
        sa.Column("reverted_by", sa.Integer(), nullable=True),
        sa.Column("reverted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["applied_by"], ["users.id"], name=op.f("fk_catalogue_imports_applied_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["reverted_by"], ["users.id"], name=op.f("fk_catalogue_imports_reverted_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by"], ["users.id"], name=op.f("fk_catalogue_imports_uploaded_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_imports")),
    )


def downgrade():
    op.drop_table("catalogue_imports")
    op.drop_table("search_synonyms")
    op.drop_table("procedure_uses")
    for column in reversed(_PROCEDURE_COLUMNS):
        op.drop_column("procedures", column)
