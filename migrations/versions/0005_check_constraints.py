"""check constraints: every enumerated column holds only a value from its list in app.rules

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 14:00:00.000000

Each column named in ``app.models.checks.ENUMERATED`` (roles, team roles, phases,
assessment kinds and statuses, ratings, answer and action statuses, action sources,
benefit levels, artefact types, framework stages) gets a CHECK constraint built from
the rules' own list, the same one the models declare.

Rows already outside a list are dealt with first:

- a value that differs from an allowed one only in case, spaces or hyphens (" Alpha",
  "Private beta", "public-beta") is repaired to it;
- an empty value (blank or only spaces) becomes NULL where the column allows NULL; an
  empty person role grants nothing, so the row is deleted (an administrator page could
  store one, which then broke the people list);
- anything else stops the migration before it changes anything, naming the table, the
  column and each value with how many rows hold it. Nobody can know what such a value was
  meant to be, so a person must decide: correct the rows, then run the migration again.

The lists are read from ``app.rules`` when this runs, so a fresh database always gets
the lists the models declare. Changing a list later needs a migration of its own that
drops and adds the column's constraint again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models.checks import ENUMERATED, allowed_values, condition

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


# The columns this revision constrains: later revisions add their own (the lists of values
# still come from app.rules, as the models declare them).
COLUMNS = {
    "person_role": ("role",),
    "team_membership": ("team_role",),
    "project": ("phase", "non_cashable_benefit"),
    "phase_change": ("from_phase", "to_phase"),
    "point_prompt": ("stage",),
    "assessment": ("phase", "kind", "status"),
    "answer": ("self_rating", "status"),
    "judgement": ("rating",),
    "artefact": ("kind",),
    "action": ("status", "source"),
}


def _enumerated():
    return {
        table: {column: ENUMERATED[table][column] for column in columns}
        for table, columns in COLUMNS.items()
    }


def _normalised(value: str) -> str:
    return "_".join(value.strip().lower().replace("-", " ").split())


def _repair(bind, table: str, column: str, allowed: list[str], nullable: bool) -> list[str]:
    """Repair what can be repaired in ``table.column``; describe each value that cannot."""
    t = sa.table(table, sa.column(column), sa.column("person_id"))
    c = t.c[column]
    found = bind.execute(
        sa.select(c, sa.func.count()).where(c.is_not(None)).group_by(c).order_by(c)
    ).all()
    unrepairable = []
    for value, count in found:
        if value in allowed:
            continue
        repaired = _normalised(value)
        if repaired in allowed:
            if table == "person_role":
                # The person may hold the role already: keep that grant, drop this one.
                holders = sa.select(t.c.person_id).where(c == repaired).scalar_subquery()
                bind.execute(sa.delete(t).where(c == value, t.c.person_id.in_(holders)))
            bind.execute(sa.update(t).where(c == value).values({column: repaired}))
        elif not repaired and table == "person_role":
            bind.execute(sa.delete(t).where(c == value))
        elif not repaired and nullable:
            bind.execute(sa.update(t).where(c == value).values({column: None}))
        else:
            rows = "row" if count == 1 else "rows"
            unrepairable.append(f"{table}.{column} = {value!r} ({count} {rows})")
    return unrepairable


def upgrade():
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    unrepairable = []
    for table, columns in _enumerated().items():
        nullable = {c["name"]: c["nullable"] for c in inspector.get_columns(table)}
        for column, values in columns.items():
            allowed = allowed_values(values)
            unrepairable += _repair(bind, table, column, allowed, nullable[column])
    if unrepairable:
        raise RuntimeError(
            "Some rows hold a value outside its list, and this migration cannot tell what "
            "was meant. Correct them, then run the migration again. Nothing was changed.\n"
            + "\n".join(unrepairable)
        )

    for table, columns in _enumerated().items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, values in columns.items():
                batch_op.create_check_constraint(
                    op.f(f"ck_{table}_{column}"), condition(column, values)
                )


def downgrade():
    for table, columns in _enumerated().items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_constraint(op.f(f"ck_{table}_{column}"), type_="check")
