"""Every table goes through the one macro that lets it scroll inside its own container."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "app" / "templates"
TABLE_MACRO = TEMPLATES / "macros" / "tables.html"


def test_every_table_is_drawn_by_the_shared_macro():
    for path in TEMPLATES.rglob("*.html"):
        if path == TABLE_MACRO:
            continue
        text = path.read_text()
        assert "govukTable(" not in text, f"{path.relative_to(TEMPLATES)} calls govukTable"
        assert "<table" not in text, f"{path.relative_to(TEMPLATES)} writes its own table"


def test_the_container_is_focusable_and_named_after_the_caption():
    text = TABLE_MACRO.read_text()
    assert 'class="app-table-container"' in text
    assert 'role="region"' in text
    assert 'tabindex="0"' in text
    assert 'aria-label="{{ params.caption }}"' in text
