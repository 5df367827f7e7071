"""each project's standing for the board (its ratings that count, last change, points left
red and a move past red that stands), kept between changes

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 13:40:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    # Left empty: the board works out a missing standing as it reads and keeps it.
    op.create_table(
        "project_standing",
        sa.Column("project_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("facts", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_standing_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", name=op.f("pk_project_standing")),
    )


def downgrade():
    op.drop_table("project_standing")
