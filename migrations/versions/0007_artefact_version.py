"""artefact version: a change from an out-of-date page is refused, not saved over another

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 15:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('artefact', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('version', sa.Integer(), nullable=False, server_default='1')
        )
    with op.batch_alter_table('artefact', schema=None) as batch_op:
        batch_op.alter_column('version', server_default=None)


def downgrade():
    with op.batch_alter_table('artefact', schema=None) as batch_op:
        batch_op.drop_column('version')
