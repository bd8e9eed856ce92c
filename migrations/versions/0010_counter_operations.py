"""counter operations and priority: priority categories per site, the site's priority policy, held and
cancelled tickets (with the cancel reason), a counter's pause reason and since when

Every existing site gets the default priority categories (the law's five groups).

Revision ID: 0010_counter_operations
Revises: 0009_admin
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_counter_operations"
down_revision = "0009_admin"
branch_labels = None
depends_on = None

DEFAULT_CATEGORIES = (
    ("nguoi_cao_tuoi", "Người cao tuổi", "NCT"),
    ("nguoi_khuyet_tat", "Người khuyết tật", "NKT"),
    ("phu_nu_mang_thai", "Phụ nữ mang thai", "PNMT"),
    ("con_nho", "Người có con nhỏ dưới 36 tháng tuổi", "CN"),
    ("nguoi_co_cong", "Người có công với cách mạng", "NCC"),
)


def upgrade():
    categories = op.create_table(
        "priority_categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("mark", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("site_id", "code"),
    )
    op.create_index("ix_priority_categories_site_id", "priority_categories", ["site_id"])
    # Plain ADD COLUMNs, no batch copy: on SQLite a batch drops and recreates `tickets`, and with foreign keys
    # on that would delete every ticket_events row (ON DELETE CASCADE). For the same reason
    # tickets.priority_category_id has no foreign key (SQLite cannot drop a column that has one without that
    # copy): categories are never deleted, only made inactive.
    op.add_column("tickets", sa.Column("priority_category_id", sa.Integer(), nullable=True))
    op.add_column("tickets", sa.Column("held_at", sa.DateTime(), nullable=True))
    op.add_column("tickets", sa.Column("cancel_reason", sa.String(length=20), nullable=True))
    op.add_column("counters", sa.Column("pause_reason", sa.String(length=20), nullable=True))
    op.add_column("counters", sa.Column("paused_at", sa.DateTime(), nullable=True))
    op.add_column(
        "sites", sa.Column("priority_policy", sa.String(length=10), nullable=False, server_default="ratio")
    )
    op.add_column("sites", sa.Column("priority_ratio", sa.Integer(), nullable=False, server_default="3"))
    op.add_column("sites", sa.Column("priority_max_wait_minutes", sa.Integer(), nullable=True))
    op.add_column(
        "sites", sa.Column("wait_target_minutes", sa.Integer(), nullable=False, server_default="20")
    )

    sites = sa.table("sites", sa.column("id", sa.Integer()))
    site_ids = [row[0] for row in op.get_bind().execute(sa.select(sites.c.id))]
    op.bulk_insert(
        categories,
        [
            {"site_id": site_id, "code": code, "name": name, "mark": mark, "position": position, "active": True}
            for site_id in site_ids
            for position, (code, name, mark) in enumerate(DEFAULT_CATEGORIES, start=1)
        ],
    )


def downgrade():
    for column in ("wait_target_minutes", "priority_max_wait_minutes", "priority_ratio", "priority_policy"):
        op.drop_column("sites", column)
    for column in ("paused_at", "pause_reason"):
        op.drop_column("counters", column)
    for column in ("cancel_reason", "held_at", "priority_category_id"):
        op.drop_column("tickets", column)
    op.drop_index("ix_priority_categories_site_id", table_name="priority_categories")
    op.drop_table("priority_categories")
