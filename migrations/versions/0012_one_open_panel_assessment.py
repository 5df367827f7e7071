"""one open panel assessment of each kind per project: arranging twice at once, or again
while one is open, no longer makes a second

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 07:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

OPEN = "kind <> 'self_assessment' AND status NOT IN ('published', 'withdrawn')"


def upgrade():
    # Before the index, a project could have two open panel assessments of one kind (two
    # organisers arranging at once). Keep the oldest, which the panel and team have been
    # working on; withdraw the later ones with a reason, and they stay readable.
    op.execute(
        "UPDATE assessment SET status = 'withdrawn', "
        "withdrawn_reason = 'Arranged a second time by mistake; withdrawn when the service "
        "began to allow one open assessment of each kind per project.' "
        f"WHERE {OPEN} AND id NOT IN ("
        f"SELECT kept FROM (SELECT MIN(id) AS kept FROM assessment WHERE {OPEN} "
        "GROUP BY project_id, kind) AS oldest)"
    )
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.create_index(
            'uq_assessment_one_open_panel',
            ['project_id', 'kind'],
            unique=True,
            sqlite_where=sa.text(OPEN),
            postgresql_where=sa.text(OPEN),
        )


def downgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index(
            'uq_assessment_one_open_panel', sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN)
        )
