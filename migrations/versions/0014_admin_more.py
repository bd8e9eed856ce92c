"""staff at several sites (user_sites) and an icon for each service's kiosk button

services.icon is a plain ALTER TABLE … ADD/DROP COLUMN (SQLite ≥ 3.35, PostgreSQL), as services.color was.

Revision ID: 0014_admin_more
Revises: 0013_display_voice
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_admin_more"
down_revision = "0013_display_voice"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "user_sites",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_sites_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_user_sites_site_id_sites"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "site_id", name=op.f("pk_user_sites")),
    )
    op.add_column("services", sa.Column("icon", sa.String(length=20), nullable=False, server_default=""))


def downgrade():
    op.drop_column("services", "icon")
    op.drop_table("user_sites")
