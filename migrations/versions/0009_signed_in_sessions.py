"""signed-in sessions on the server: one row for each signed-in browser, checked on every
request and ended on its own at sign-out (the person's token is gone)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 23:00:00

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'signed_in_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('user_agent', sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_signed_in_session_person_id_person'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_signed_in_session')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_signed_in_session_token_hash')),
    )
    with op.batch_alter_table('signed_in_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signed_in_session_ended_at'), ['ended_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_signed_in_session_person_id'), ['person_id'], unique=False)

    # Every cookie carrying a person's token is refused from now on: everyone signs in again.
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_constraint('uq_person_session_token', type_='unique')
        batch_op.drop_column('session_token')


def downgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=64), nullable=True))
    person = sa.table('person', sa.column('id', sa.Integer()), sa.column('session_token', sa.String()))
    connection = op.get_bind()
    for (person_id,) in connection.execute(sa.select(person.c.id)).all():
        connection.execute(
            person.update()
            .where(person.c.id == person_id)
            .values(session_token=secrets.token_urlsafe(32))
        )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.alter_column('session_token', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint('uq_person_session_token', ['session_token'])

    with op.batch_alter_table('signed_in_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signed_in_session_person_id'))
        batch_op.drop_index(batch_op.f('ix_signed_in_session_ended_at'))

    op.drop_table('signed_in_session')
