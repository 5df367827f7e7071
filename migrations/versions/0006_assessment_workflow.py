"""assessment workflow: who submitted, why it was returned, evidence carried over

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-30 14:00:00

"""
import json

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0003'
branch_labels = None
depends_on = None

RETURNED_PREFIX = "Returned the self-assessment to the team: "


def upgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submitted_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('returned_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('returned_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('returned_by_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_assessment_submitted_by_id'), ['submitted_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_returned_by_id'), ['returned_by_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_assessment_submitted_by_id_person'), 'person', ['submitted_by_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_assessment_returned_by_id_person'), 'person', ['returned_by_id'], ['id'])

    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('carried_over_from_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_answer_carried_over_from_id'), ['carried_over_from_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_answer_carried_over_from_id_assessment'), 'assessment', ['carried_over_from_id'], ['id'])

    _backfill_from_the_audit_trail()


def _backfill_from_the_audit_trail():
    """Who submitted each assessment, and why it was last returned, as the audit trail says.

    The reason comes from the event's recorded changes, or else from its summary when that
    has the wording the service used; anything else is left empty rather than guessed.
    """
    connection = op.get_bind()
    events = connection.execute(
        sa.text(
            "SELECT subject_id, verb, actor_id, occurred_at, summary, changes FROM audit_event "
            "WHERE subject_type = 'assessment' AND verb IN ('submitted', 'returned') "
            "ORDER BY occurred_at, id"
        )
    ).all()
    submitted, returned = {}, {}
    for subject_id, verb, actor_id, occurred_at, summary, changes in events:
        if subject_id is None:
            continue
        if verb == 'submitted':
            submitted[subject_id] = actor_id
            continue
        if isinstance(changes, str):
            try:
                changes = json.loads(changes)
            except ValueError:
                changes = {}
        reason = None
        recorded = (changes or {}).get('reason') if isinstance(changes, dict) else None
        if isinstance(recorded, list) and len(recorded) == 2 and isinstance(recorded[1], str):
            reason = recorded[1]
        elif summary and summary.startswith(RETURNED_PREFIX):
            reason = summary[len(RETURNED_PREFIX):]
        returned[subject_id] = (reason or None, occurred_at, actor_id)
    for assessment_id, actor_id in submitted.items():
        connection.execute(
            sa.text("UPDATE assessment SET submitted_by_id = :actor WHERE id = :id"),
            {"actor": actor_id, "id": assessment_id},
        )
    for assessment_id, (reason, occurred_at, actor_id) in returned.items():
        connection.execute(
            sa.text(
                "UPDATE assessment SET returned_reason = :reason, returned_at = :at, "
                "returned_by_id = :actor WHERE id = :id"
            ),
            {"reason": reason, "at": occurred_at, "actor": actor_id, "id": assessment_id},
        )


def downgrade():
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_answer_carried_over_from_id_assessment'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_answer_carried_over_from_id'))
        batch_op.drop_column('carried_over_from_id')

    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_assessment_returned_by_id_person'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_assessment_submitted_by_id_person'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_assessment_returned_by_id'))
        batch_op.drop_index(batch_op.f('ix_assessment_submitted_by_id'))
        batch_op.drop_column('returned_by_id')
        batch_op.drop_column('returned_at')
        batch_op.drop_column('returned_reason')
        batch_op.drop_column('submitted_by_id')
