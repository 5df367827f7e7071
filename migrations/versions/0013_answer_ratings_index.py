"""an index of each answer's rating and when it changed, so the programme board reads
every project's ratings without reading the answers' text

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 10:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.create_index(
            'ix_answer_ratings',
            ['assessment_id', 'point_id', 'self_rating', 'updated_at'],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_index('ix_answer_ratings')
