"""Only the command layer commits or handles database errors.

Views parse, call one command and redirect or render; a view that commits, or
catches a SQLAlchemy exception, has taken back a command's job.
"""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
# The command layer itself.
ALLOWED = {"commands"}
# The 500 handler rolls back whatever a failed request left half done; the health
# check's query reports an unreachable database instead of raising; a request that only
# read ends its transaction with COMMIT, so prepared statements are kept.
ALLOWED_FILES = {"errors.py", "data/health.py", "data/request_endings.py"}


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    found = []
    for node in ast.walk(tree):
        calls = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        if calls and node.func.attr in {"commit", "rollback"}:
            found.append(f"line {node.lineno} calls {node.func.attr}()")
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            ("sqlalchemy.exc", "sqlalchemy.orm.exc")
        ):
            found.append(f"line {node.lineno} imports {node.module}")
    return found


def test_only_the_command_layer_commits_or_handles_database_errors():
    offences = {}
    for path in APP.rglob("*.py"):
        relative = path.relative_to(APP).as_posix()
        if relative.split("/")[0] in ALLOWED or relative in ALLOWED_FILES:
            continue
        if found := _offences(path):
            offences[relative] = found
    assert offences == {}
