"""an API token just issued is held on its administrator's signed-in session, on the
server, until the page that shows it once (not in the cookie, which is not encrypted)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 11:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('signed_in_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('issued_token_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('issued_token_secret', sa.String(length=100), nullable=True))
        batch_op.create_index(
            batch_op.f('ix_signed_in_session_issued_token_id'), ['issued_token_id'], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_signed_in_session_issued_token_id_api_token'),
            'api_token',
            ['issued_token_id'],
            ['id'],
            ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('signed_in_session', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_signed_in_session_issued_token_id_api_token'), type_='foreignkey'
        )
        batch_op.drop_index(batch_op.f('ix_signed_in_session_issued_token_id'))
        batch_op.drop_column('issued_token_secret')
        batch_op.drop_column('issued_token_id')
