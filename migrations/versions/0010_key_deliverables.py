"""key deliverables on projects, and programme spreadsheets kept between their preview and
the administrator's confirmation

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 03:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('key_deliverables', sa.Text(), nullable=False, server_default='')
        )

    op.create_table(
        'programme_upload',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=255), nullable=False),
        sa.Column('cells', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_programme_upload_person_id_person'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_upload')),
    )
    with op.batch_alter_table('programme_upload', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_upload_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_upload_person_id'), ['person_id'], unique=False)


def downgrade():
    with op.batch_alter_table('programme_upload', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_upload_person_id'))
        batch_op.drop_index(batch_op.f('ix_programme_upload_created_at'))
    op.drop_table('programme_upload')

    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_column('key_deliverables')
