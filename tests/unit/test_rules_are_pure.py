"""The rules package must not depend on Flask or SQLAlchemy."""

import ast
from pathlib import Path

RULES = Path(__file__).resolve().parents[2] / "app" / "rules"


def test_rules_import_neither_flask_nor_sqlalchemy():
    for path in RULES.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                forbidden = name.startswith(("flask", "sqlalchemy")) or (
                    name.startswith("app.") and not name.startswith("app.rules")
                )
                assert not forbidden, f"{path.name} imports {name}"
