"""sessions and passwords: a password chosen by an administrator must be changed; work
kept from a form sent after a session timed out

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 14:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'kept_work',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=64), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('path', sa.String(length=2000), nullable=False),
        sa.Column('fields', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_kept_work_person_id_person'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kept_work')),
        sa.UniqueConstraint('token', name=op.f('uq_kept_work_token')),
    )
    with op.batch_alter_table('kept_work', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kept_work_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_kept_work_person_id'), ['person_id'], unique=False)

    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('password_must_change', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('password_must_change')

    with op.batch_alter_table('kept_work', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kept_work_person_id'))
        batch_op.drop_index(batch_op.f('ix_kept_work_created_at'))

    op.drop_table('kept_work')
